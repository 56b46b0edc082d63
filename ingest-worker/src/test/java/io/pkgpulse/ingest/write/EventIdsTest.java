package io.pkgpulse.ingest.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.pkgpulse.ingest.IngestDatabase;
import io.pkgpulse.ingest.IngestProperties;
import io.pkgpulse.ingest.events.ImportedLine;
import io.pkgpulse.ingest.events.RejectReason;
import io.pkgpulse.ingest.events.ValidEvent;
import io.pkgpulse.model.downloads.ClientProfile;
import io.pkgpulse.model.downloads.DownloadsProperties;
import io.pkgpulse.model.downloads.FileType;
import io.pkgpulse.testsupport.TestDatabase;
import io.pkgpulse.testsupport.TestPostgres;

/** The one step that resolves every id of a batch's events, before its transaction. */
class EventIdsTest {

    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    final IngestDatabase database = new IngestDatabase();

    @BeforeEach
    void emptyDatabase() {
        database.truncate();
    }

    @Test
    void registeringUnknownPackagesEveryEventGetsItsIdsAndOnlyRawRowsAClientProfile() {
        ValidEvent recent = event("six", "1.16.0", NOW.minusSeconds(60), "pip");
        ValidEvent sameRelease = event("six", "1.16.0", NOW.minusSeconds(30), "pip");
        // Imported history older than the raw retention (180 days): rollups only, so no
        // profile is registered.
        ValidEvent oldHistory = event("attrs", "23.1.0", NOW.minus(Duration.ofDays(400)), "uv");

        ResolvedBatch<String> batch = eventIds("register").resolve(List.of("a", "b", "c"),
                List.of(recent, sameRelease, oldHistory), new BatchPhases());

        assertThat(batch.unresolved()).isEmpty();
        assertThat(batch.events()).extracting(ResolvedEvent::event).containsExactly(recent, sameRelease, oldHistory);
        assertThat(batch.events()).extracting(ResolvedEvent::rawRow).containsExactly(true, true, false);
        ResolvedEvent six = batch.events().get(0);
        assertThat(batch.events().get(1))
            .extracting(ResolvedEvent::packageId, ResolvedEvent::releaseId, ResolvedEvent::clientProfileId)
            .containsExactly(six.packageId(), six.releaseId(), six.clientProfileId());
        assertThat(six.clientProfileId()).isNotNull();
        assertThat(batch.events().get(2).clientProfileId()).isNull();
        assertThat(batch.events().get(2).packageId()).isNotEqualTo(six.packageId());
        assertThat(database.jdbc().queryForList("SELECT installer_name FROM client_profiles", String.class))
            .containsExactly("pip");
        assertThat(batch.repeatedImportLines()).isZero();
    }

    @Test
    void rejectingUnknownPackagesTheUnresolvedEventsKeepTheirSourceAndOrder() {
        eventIds("register").resolve(List.of("known"), List.of(event("six", "1.16.0", NOW, "pip")), new BatchPhases());

        ResolvedBatch<String> batch = eventIds("reject")
            .resolve(
                    List.of("new release", "known", "new package"), List.of(event("six", "9.9.9", NOW, "pip"),
                            event("six", "1.16.0", NOW, "pip"), event("requestz", "1.0", NOW, "pip")),
                    new BatchPhases());

        assertThat(batch.events()).extracting(e -> e.event().version()).containsExactly("1.16.0");
        assertThat(batch.unresolved()).extracting(ResolvedBatch.Unresolved::source, ResolvedBatch.Unresolved::reason)
            .containsExactly(tuple("new release", RejectReason.UNKNOWN_RELEASE),
                    tuple("new package", RejectReason.UNKNOWN_PACKAGE));
        assertThat(batch.unresolved().get(1).detail()).isEqualTo("project 'requestz' is not registered");
    }

    @Test
    void historyImportLinesCountedBeforeAreSkippedAndTheMarksToMoveCarried() {
        String sha256 = "ab".repeat(32);
        ValidEvent line1 = event("six", "1.16.0", NOW.minusSeconds(60), "pip", new ImportedLine(sha256, 1, "a.jsonl"));
        ValidEvent line2 = event("six", "1.16.0", NOW.minusSeconds(60), "pip", new ImportedLine(sha256, 2, "a.jsonl"));
        ValidEvent again = event("six", "1.16.0", NOW.minusSeconds(60), "pip", new ImportedLine(sha256, 2, "a.jsonl"));

        ResolvedBatch<String> batch = eventIds("register").resolve(List.of("1", "2", "2 again"),
                List.of(line1, line2, again), new BatchPhases());

        assertThat(batch.events()).extracting(ResolvedEvent::event).containsExactly(line1, line2);
        assertThat(batch.repeatedImportLines()).isEqualTo(1);
        assertThat(batch.importAdvances()).singleElement()
            .satisfies(advance -> assertThat(advance.next()).isEqualTo(2));
    }

    private static EventIds eventIds(String unknownPackages) {
        TestDatabase db = TestPostgres.database();
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password()));
        IngestProperties properties = new Binder(
                new MapConfigurationPropertySource(Map.of("pkgpulse.ingest.unknown-packages", unknownPackages)))
            .bindOrCreate("pkgpulse.ingest", IngestProperties.class);
        DownloadsProperties downloads = new Binder(new MapConfigurationPropertySource(Map.of()))
            .bindOrCreate("pkgpulse.downloads", DownloadsProperties.class);
        return new EventIds(new CatalogIds(jdbc, properties), new HistoryImports(jdbc),
                new ClientProfileIds(jdbc, properties), properties, downloads, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static ValidEvent event(String project, String version, Instant at, String installer) {
        return event(project, version, at, installer, null);
    }

    private static ValidEvent event(String project, String version, Instant at, String installer, ImportedLine line) {
        ClientProfile.Fields client = new ClientProfile.Fields(installer, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
        return new ValidEvent(at, project, project, version, FileType.SDIST, client, null, null, false, line);
    }

}
