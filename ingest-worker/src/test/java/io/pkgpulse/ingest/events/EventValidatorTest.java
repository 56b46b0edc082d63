package io.pkgpulse.ingest.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.pkgpulse.ingest.TestEvent;
import io.pkgpulse.ingest.events.CheckedEvent.Accepted;
import io.pkgpulse.ingest.events.CheckedEvent.Dropped;
import io.pkgpulse.ingest.events.CheckedEvent.Rejected;
import io.pkgpulse.ingest.events.useragent.UserAgentParser;
import io.pkgpulse.model.downloads.FileType;

class EventValidatorTest {

    static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    final EventValidator validator = new EventValidator(new UserAgentParser(), Clock.fixed(NOW, ZoneOffset.UTC),
            Duration.ofDays(180), Duration.ofMinutes(5));

    @Test
    void aGoodEventIsReducedToWhatIsStored() {
        ValidEvent event = accepted(TestEvent.download("Zope.Interface", "7.1.1", NOW).with("country_code", "de"));

        assertThat(event.project()).isEqualTo("zope-interface");
        assertThat(event.projectName()).isEqualTo("Zope.Interface");
        assertThat(event.fileType()).isEqualTo(FileType.BDIST_WHEEL);
        assertThat(event.countryCode()).isEqualTo("DE");
        assertThat(event.installerName()).isEqualTo("pip");
        assertThat(event.mirror()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "2026-11-21T11:00:00Z", "2026-11-21 11:00:00.589793+00:00", "2026-11-21t11:00:00.5z",
            "2026-11-21T12:00:00+01:00" })
    void acceptsRfc3339Timestamps(String timestamp) {
        assertThat(check(TestEvent.download("a", "1", NOW).with("timestamp", timestamp))).isInstanceOf(Accepted.class);
    }

    /**
     * As BigQuery exports TIMESTAMP columns to JSON, and as linehaul writes them for
     * loading.
     */
    @ParameterizedTest
    @ValueSource(strings = { "2026-11-21 11:00:00 UTC", "2026-11-21 11:00:00.589793 UTC", "2026-11-21 11:00:00 +00:00",
            "2026-11-21 13:00:00 +02:00", "2026-11-21T11:00:00UTC", "2026-11-21 11:00:00 Z" })
    void acceptsBigQueryAndLinehaulTimestamps(String timestamp) {
        ValidEvent event = accepted(TestEvent.download("a", "1", NOW).with("timestamp", timestamp));
        assertThat(event.timestamp()).isBetween(Instant.parse("2026-11-21T11:00:00Z"),
                Instant.parse("2026-11-21T11:00:01Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "2026-11-21 11:00:00  UTC", "2026-11-21 11:00:00 utc", "2026-11-21 11:00:00 GMT",
            "2026-11-21 11:00:00 +0000", "2026-11-21 11:00:00 UTC+1" })
    void rejectsOtherZoneSpellings(String timestamp) {
        assertThat(reason(TestEvent.download("a", "1", NOW).with("timestamp", timestamp))).isEqualTo("invalid-field");
    }

    @Test
    void historyImportLinesMayBeOlderThanTheRawRetentionButNotThanPypi() {
        String sha256 = "ab".repeat(32);
        TestEvent old = TestEvent.download("a", "1", Instant.parse("2019-03-04T05:06:07Z"))
            .with("import.sha256", sha256.toUpperCase())
            .with("import.line", 7)
            .with("import.file", "pypi.json");

        ValidEvent event = accepted(old);
        assertThat(event.timestamp()).isEqualTo(Instant.parse("2019-03-04T05:06:07Z"));
        assertThat(event.importedLine()).isEqualTo(new ImportedLine(sha256, 7, "pypi.json"));
        assertThat(accepted(TestEvent.download("a", "1", NOW)).importedLine()).isNull();

        assertThat(reason(old.with("timestamp", "1999-12-31T23:59:59Z"))).isEqualTo("timestamp-too-old");
        assertThat(reason(old.with("timestamp", NOW.plusSeconds(301).toString()))).isEqualTo("timestamp-in-future");
    }

    @Test
    void rejectsAnImportWithoutAValidFileDigestOrLine() {
        TestEvent event = TestEvent.download("a", "1", NOW)
            .with("import.sha256", "ab".repeat(32))
            .with("import.line", 1);
        assertThat(check(event)).isInstanceOf(Accepted.class);
        assertThat(reason(event.with("import.line", 0))).isEqualTo("invalid-field");
        assertThat(formatProblem(event.with("import.line", "7"))).isEqualTo(RejectReason.WRONG_TYPE);
        assertThat(formatProblem(event.with("import.line", 7.5))).isEqualTo(RejectReason.WRONG_TYPE);
        assertThat(reason(event.without("import.line"))).isEqualTo("missing-field");
        assertThat(reason(event.with("import.line", 3).with("import.sha256", "ab".repeat(31))))
            .isEqualTo("invalid-field");
        assertThat(reason(event.with("import.sha256", "xy".repeat(32)))).isEqualTo("invalid-field");
        assertThat(reason(event.without("import.sha256"))).isEqualTo("missing-field");
    }

    @ParameterizedTest
    @ValueSource(strings = { "2026-11-21T11:00Z", "2026-11-21T11:00:00.Z", "2026-11-21T11:00:00+01",
            "2026-11-21T11:00:00+01:00:30", "2026-11-21T11:00:00", "2026-02-30T11:00:00Z", "1700000000" })
    void rejectsTimestampsOutsideRfc3339(String timestamp) {
        assertThat(reason(TestEvent.download("a", "1", NOW).with("timestamp", timestamp))).isEqualTo("invalid-field");
    }

    @Test
    void rejectsTimestampsOutsideTheWindow() {
        assertThat(reason(TestEvent.download("a", "1", NOW.plusSeconds(301)))).isEqualTo("timestamp-in-future");
        assertThat(check(TestEvent.download("a", "1", NOW.plusSeconds(299)))).isInstanceOf(Accepted.class);
        assertThat(reason(TestEvent.download("a", "1", NOW.minus(Duration.ofDays(181)))))
            .isEqualTo("timestamp-too-old");
    }

    @ParameterizedTest
    @ValueSource(strings = { "not-a-uuid", "+2345678-1234-1234-1234-123456789abc",
            "00000000-10000-000-0000-000000000000", "" })
    void rejectsEventIdsThatAreNotCanonicalUuids(String eventId) {
        assertThat(reason(TestEvent.download("a", "1", NOW).with("event_id", eventId))).isEqualTo("invalid-field");
    }

    @Test
    void rejectsAFileProjectThatOnlyLooksLikeTheProject() {
        assertThat(reason(TestEvent.download("kiwi", "1", NOW).with("file.project", "\u212Aiwi")))
            .isEqualTo("invalid-field");
        assertThat(check(TestEvent.download("kiwi", "1", NOW).with("file.project", "KIWI")))
            .isInstanceOf(Accepted.class);
    }

    @Test
    void countsLengthsInCharactersNotUtf16Units() {
        String emojis = "\uD83D\uDE00".repeat(64); // 64 characters, 128 UTF-16 units
        assertThat(check(TestEvent.download("a", "1", NOW).with("details.installer.name", emojis)))
            .isInstanceOf(Accepted.class);
        assertThat(reason(TestEvent.download("a", "1", NOW).with("details.installer.name", emojis + "x")))
            .isEqualTo("oversized-field");
    }

    @Test
    void detailsParsedFromTheAgentAreCutToFitInsteadOfRejected() throws IOException {
        String agent = pipUserAgent().replace("\"cpu\":\"x86_64\"", "\"cpu\":\"" + "x".repeat(100) + "\"");

        ValidEvent event = accepted(TestEvent.download("a", "1", NOW).without("details").with("user_agent", agent));

        assertThat(event.client().cpu()).hasSize(32);
        assertThat(event.pythonVersion()).isEqualTo("3.11.7");
        assertThat(reason(TestEvent.download("a", "1", NOW).with("details.cpu", "x".repeat(100))))
            .as("the same in details the producer sent")
            .isEqualTo("oversized-field");
    }

    @Test
    void aBotAgentIsDroppedEvenWithDetails() {
        CheckedEvent checked = check(TestEvent.download("a", "1", NOW)
            .with("user_agent", "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"));

        assertThat(checked).isEqualTo(new Dropped(DropReason.BOT));
    }

    @Test
    void aBlankAgentIsNoAgent() {
        assertThat(accepted(TestEvent.download("a", "1", NOW).with("user_agent", " ")).userAgent()).isNull();
    }

    @Test
    void mirrorsAreRecognisedByTheirInstaller() {
        ValidEvent event = accepted(TestEvent.download("a", "1", NOW)
            .without("details")
            .with("user_agent", "bandersnatch/6.5.0 (CPython 3.11.7-final0, Linux x86_64)"));

        assertThat(event.installerName()).isEqualTo("bandersnatch");
        assertThat(event.mirror()).isTrue();
    }

    private CheckedEvent check(TestEvent event) {
        return validator.check(new EventDeserializer().deserialize("t", event.bytes()).event());
    }

    private ValidEvent accepted(TestEvent event) {
        CheckedEvent checked = check(event);
        assertThat(checked).isInstanceOf(Accepted.class);
        return ((Accepted) checked).event();
    }

    private static RejectReason formatProblem(TestEvent event) {
        try {
            new EventDeserializer().deserialize("t", event.bytes());
        }
        catch (EventFormatException ex) {
            return ex.reason();
        }
        throw new AssertionError("the event was read");
    }

    private String reason(TestEvent event) {
        CheckedEvent checked = check(event);
        assertThat(checked).isInstanceOf(Rejected.class);
        return ((Rejected) checked).reason().code();
    }

    static String pipUserAgent() throws IOException {
        try (InputStream in = EventValidatorTest.class.getResourceAsStream("/useragent/pip-user-agent.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

}
