package io.pkgpulse.ingest.partitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.micrometer.core.instrument.MeterRegistry;

import io.pkgpulse.ingest.archive.ArchiveCommand;
import io.pkgpulse.model.archive.ArchiveFiles;
import io.pkgpulse.model.downloads.DownloadPartitions;
import io.pkgpulse.model.downloads.DownloadsProperties;
import io.pkgpulse.testsupport.TestDatabase;
import io.pkgpulse.testsupport.TestInfrastructure;
import io.pkgpulse.testsupport.TestPostgres;

@SpringBootTest
@Import(TestInfrastructure.class)
class PartitionMaintenanceTest {

    static final List<String> HOURLY_TABLES = List.of("hourly_downloads", "hourly_release_downloads",
            "hourly_total_downloads");

    @Autowired
    DownloadPartitions partitions;

    @Autowired
    PartitionMaintenance maintenance;

    @Autowired
    HourlyRollupRetention hourlyRetention;

    @Autowired
    DownloadsProperties properties;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Clock clock;

    @Autowired
    MeterRegistry meters;

    static final Path ROOT = temporaryDirectory();

    /** The worker's archive directory; a test may put a file in its way. */
    static final Path ARCHIVE = ROOT.resolve("archive");

    @DynamicPropertySource
    static void archiveDirectory(DynamicPropertyRegistry registry) {
        registry.add("pkgpulse.downloads.archive-directory", ARCHIVE::toString);
    }

    @BeforeEach
    void anEmptyArchive() throws IOException {
        deleteRecursively(ARCHIVE);
        Files.createDirectories(ARCHIVE);
        jdbc.update("DELETE FROM download_archives");
    }

    @AfterAll
    static void removeTheArchive() throws IOException {
        deleteRecursively(ROOT);
    }

    @Test
    void atStartUpTheWorkerHasCreatedPartitionsFromYesterdayToAWeekAhead() {
        LocalDate today = LocalDate.now(clock);

        assertThat(partitions.days()).contains(today.minusDays(1), today, today.plusDays(7));
    }

    @Test
    void daysOlderThanTheRawRetentionAndADayOfMarginAreArchivedThenDropped() throws IOException {
        LocalDate today = LocalDate.now(clock);
        LocalDate expired = today.minusDays(182);
        LocalDate margin = today.minusDays(181); // past retention, but a lagging worker
                                                 // may still write to it
        LocalDate kept = today.minusDays(180);
        partitions.create(expired, kept);
        long releaseId = aRelease();
        jdbc.update("INSERT INTO downloads SELECT 77, (?::date + time '12:00') AT TIME ZONE 'UTC', package_id, id,"
                + " NULL, 2, 'DE' FROM releases WHERE id = ?", expired, releaseId);
        double archivedBefore = archiveDays("archived");

        maintenance.maintain();

        assertThat(partitions.days()).doesNotContain(expired).contains(margin, kept, today.plusDays(7));
        assertThat(gunzip(ARCHIVE.resolve(ArchiveFiles.fileName(expired))))
            .startsWith("id,downloaded_at,package_id,release_id,client_profile_id,file_type,country_code\n77," + expired
                    + " 12:00:00+00,");
        assertThat(jdbc.queryForObject("SELECT rows FROM download_archives WHERE day = ?", Long.class, expired))
            .isEqualTo(1);
        assertThat(archiveDays("archived")).isGreaterThanOrEqualTo(archivedBefore + 1);
        assertThat(meters.get("pkgpulse.downloads.archive.overdue").gauge().value()).isZero();
    }

    @Test
    void theLoadArchiveCommandPutsAnArchivedDayBackOnceAndTheWorkerKeepsItUntilUnloaded() throws IOException {
        LocalDate expired = LocalDate.now(clock).minusDays(200);
        partitions.create(expired, expired);
        long releaseId = aRelease();
        jdbc.update("INSERT INTO downloads SELECT 88, (?::date + time '23:59:59.5') AT TIME ZONE 'UTC', package_id, id,"
                + " 3, 1, NULL FROM releases WHERE id = ?", expired, releaseId);
        String row = "SELECT concat_ws('|', id, downloaded_at, package_id, release_id, client_profile_id, file_type,"
                + " country_code) FROM downloads WHERE id = 88";
        String before = jdbc.queryForObject(row, String.class);
        maintenance.maintain();
        assertThat(jdbc.queryForList(row, String.class)).isEmpty();
        String file = ARCHIVE.resolve(ArchiveFiles.fileName(expired)).toString();

        assertThat(command("load-archive", file)).isZero();
        assertThat(jdbc.queryForObject(row, String.class)).isEqualTo(before);
        assertThat(command("load-archive", file)).as("a second load is refused").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM downloads WHERE id = 88", Long.class)).isEqualTo(1);

        maintenance.maintain();
        assertThat(partitions.days()).as("kept while loaded").contains(expired);

        assertThat(command("unload-archive", expired.toString())).isZero();
        assertThat(partitions.days()).doesNotContain(expired);
    }

    @Test
    void aDayWhoseArchiveCannotBeWrittenStaysAndIsCountedOverdue() throws IOException {
        LocalDate expired = LocalDate.now(clock).minusDays(190);
        partitions.create(expired, expired);
        Files.delete(ARCHIVE);
        Files.writeString(ARCHIVE, "a file where the directory should be");
        double failedBefore = archiveDays("failed");

        maintenance.maintain();

        assertThat(partitions.days()).contains(expired);
        assertThat(archiveDays("failed")).isGreaterThanOrEqualTo(failedBefore + 1);
        assertThat(meters.get("pkgpulse.downloads.archive.overdue").gauge().value()).isGreaterThanOrEqualTo(1);

        Files.delete(ARCHIVE);
        maintenance.maintain();

        assertThat(partitions.days()).doesNotContain(expired);
        assertThat(ARCHIVE.resolve(ArchiveFiles.fileName(expired))).exists();
        assertThat(meters.get("pkgpulse.downloads.archive.overdue").gauge().value()).isZero();
    }

    @Test
    void hourlyRowsOfHoursBeforeTheHourlyRetentionAreDeleted() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.HOURS);
        Instant firstHour = now.minus(Duration.ofDays(14));
        assertThat(properties.firstHourlyHour(clock.instant())).as("the default, 14 days")
            .isIn(firstHour, firstHour.plus(Duration.ofHours(1)));
        // Two hours of margin either side: an hour may start while the test runs and move
        // the window by one.
        List<Instant> expired = List.of(firstHour.minus(Duration.ofDays(30)), firstHour.minus(Duration.ofHours(2)));
        List<Instant> kept = List.of(firstHour.plus(Duration.ofHours(2)), now);
        hourlyRowsAt(expired, kept);

        maintenance.maintain();

        HOURLY_TABLES.forEach(table -> assertThat(hoursIn(table)).as(table).containsExactlyElementsOf(kept));
    }

    @Test
    void theFirstHourOfTheWindowIsKeptAndTheOneBeforeItDeleted() {
        Instant firstHour = Instant.parse("2026-11-12T17:00:00Z");
        List<Instant> kept = List.of(firstHour, firstHour.plus(Duration.ofHours(1)));
        hourlyRowsAt(List.of(firstHour.minus(Duration.ofHours(1))), kept);

        assertThat(hourlyRetention.deleteBefore(firstHour)).as("rows deleted").isEqualTo(3);

        HOURLY_TABLES.forEach(table -> assertThat(hoursIn(table)).as(table).containsExactlyElementsOf(kept));
    }

    /** Empties the hourly tables and puts one row of each hour in each. */
    private void hourlyRowsAt(List<Instant> expired, List<Instant> kept) {
        jdbc.execute("TRUNCATE " + String.join(", ", HOURLY_TABLES));
        for (List<Instant> hours : List.of(expired, kept)) {
            for (Instant hour : hours) {
                jdbc.update("INSERT INTO hourly_downloads VALUES (1, ?::timestamptz, false, 1)", hour.toString());
                jdbc.update("INSERT INTO hourly_release_downloads VALUES (1, ?::timestamptz, 2, false, 1)",
                        hour.toString());
                jdbc.update("INSERT INTO hourly_total_downloads VALUES (?::timestamptz, false, 1)", hour.toString());
            }
        }
    }

    /**
     * Runs an archive command of the worker jar against this test's database; returns its
     * exit status.
     */
    private static int command(String... args) {
        TestDatabase database = TestPostgres.database();
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.add("--spring.datasource.url=" + database.jdbcUrl());
        all.add("--spring.datasource.username=" + database.username());
        all.add("--spring.datasource.password=" + database.password());
        return ArchiveCommand.run(all.toArray(String[]::new), System.out, System.err);
    }

    private double archiveDays(String result) {
        return meters.get("pkgpulse.downloads.archive.days").tag("result", result).counter().count();
    }

    /**
     * A package and a release of it, ids taken from their sequences so that no other
     * test's ids collide.
     */
    private long aRelease() {
        long packageId = jdbc.queryForObject("""
                INSERT INTO packages (id, name, normalized_name)
                VALUES (nextval('packages_seq'), 'archived-' || currval('packages_seq'),
                        'archived-' || currval('packages_seq'))
                RETURNING id""", Long.class);
        return jdbc.queryForObject("""
                INSERT INTO releases (id, package_id, version, major, minor, micro, sort_key, prerelease)
                VALUES (nextval('releases_seq'), ?, '1.0', 1, 0, 0, '', false) RETURNING id""", Long.class, packageId);
    }

    private static String gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("pkgpulse-archive-test");
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (Files.exists(path)) {
            try (Stream<Path> all = Files.walk(path)) {
                for (Path each : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(each);
                }
            }
        }
    }

    private List<Instant> hoursIn(String table) {
        return jdbc.queryForList("SELECT hour FROM " + table + " ORDER BY hour", Instant.class);
    }

}
