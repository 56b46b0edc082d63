package io.pkgpulse.ingest.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pkgpulse.ingest.IngestDatabase;
import io.pkgpulse.ingest.events.ValidEvent;
import io.pkgpulse.model.downloads.ClientProfile;
import io.pkgpulse.model.downloads.FileType;
import io.pkgpulse.testsupport.TestPostgres;

/**
 * A batch's rollup increments land in the right rows of every daily and hourly table, and
 * increments of the same key add up, within a batch and across batches.
 */
class RollupWriterTest {

    static final Instant AT = Instant.parse("2026-05-26T10:15:00Z");
    static final LocalDate DAY = LocalDate.of(2026, 5, 26);

    final IngestDatabase database = new IngestDatabase();

    @BeforeEach
    void noRollups() {
        database.truncate();
    }

    @Test
    void eachEventCountsOnceInEveryDailyAndHourlyTable() throws SQLException {
        RollupIncrements batch = increments(AT.minusSeconds(86_400));
        batch.add(event(AT, "3.12.1", "Linux", false), DAY, 1, 11);
        batch.add(event(AT.plusSeconds(60), "3.11.4", "Windows", false), DAY, 1, 11);
        batch.add(event(AT.plusSeconds(3_600), "3.12.1", "Linux", true), DAY, 1, 12);
        batch.add(event(AT.plusSeconds(86_400), "3.12.1", "Linux", false), DAY.plusDays(1), 2, 21);

        write(batch);

        assertThat(dailyDownloads())
            .isEqualTo(Map.of("1|2026-05-26|false", 2L, "1|2026-05-26|true", 1L, "2|2026-05-27|false", 1L));
        assertThat(database.counts("""
                SELECT package_id || '|' || release_id || '|' || day || '|' || mirror, downloads
                FROM daily_release_downloads"""))
            .isEqualTo(Map.of("1|11|2026-05-26|false", 2L, "1|12|2026-05-26|true", 1L, "2|21|2026-05-27|false", 1L));
        assertThat(database.counts("SELECT day || '|' || mirror, downloads FROM daily_total_downloads"))
            .isEqualTo(Map.of("2026-05-26|false", 2L, "2026-05-26|true", 1L, "2026-05-27|false", 1L));
        assertThat(database.counts("""
                SELECT package_id || '|' || day || '|' || category || '|' || mirror, downloads
                FROM daily_category_downloads WHERE dimension = 2""")).isEqualTo(Map.of("1|2026-05-26|3.12|false", 1L,
                "1|2026-05-26|3.11|false", 1L, "1|2026-05-26|3.12|true", 1L, "2|2026-05-27|3.12|false", 1L));
        assertThat(database.counts("""
                SELECT day || '|' || category || '|' || mirror, downloads
                FROM daily_total_category_downloads WHERE dimension = 3""")).isEqualTo(Map.of("2026-05-26|Linux|false",
                1L, "2026-05-26|Windows|false", 1L, "2026-05-26|Linux|true", 1L, "2026-05-27|Linux|false", 1L));
        assertThat(database.counts("""
                SELECT package_id || '|' || %s || '|' || mirror, downloads FROM hourly_downloads"""
            .formatted(IngestDatabase.utcHour("hour"))))
            .isEqualTo(Map.of("1|2026-05-26T10:00:00Z|false", 2L, "1|2026-05-26T11:00:00Z|true", 1L,
                    "2|2026-05-27T10:00:00Z|false", 1L));
        assertThat(database.counts("""
                SELECT package_id || '|' || release_id || '|' || %s || '|' || mirror, downloads
                FROM hourly_release_downloads""".formatted(IngestDatabase.utcHour("hour"))))
            .isEqualTo(Map.of("1|11|2026-05-26T10:00:00Z|false", 2L, "1|12|2026-05-26T11:00:00Z|true", 1L,
                    "2|21|2026-05-27T10:00:00Z|false", 1L));
        assertThat(database.hourlyTotalPerHour())
            .isEqualTo(Map.of("2026-05-26T10:00:00Z", 2L, "2026-05-26T11:00:00Z", 1L, "2026-05-27T10:00:00Z", 1L));
        // Seven dimensions, one category each per event.
        assertThat(database.rollupSum("daily_category_downloads")).isEqualTo(4 * 7);
        assertThat(database.rollupSum("daily_total_category_downloads")).isEqualTo(4 * 7);
    }

    @Test
    void aSecondBatchOfTheSameKeysAddsToTheirRows() throws SQLException {
        for (int n = 1; n <= 3; n++) {
            RollupIncrements batch = increments(AT.minusSeconds(86_400));
            for (int i = 0; i < n; i++) {
                batch.add(event(AT, "3.12.1", "Linux", false), DAY, 1, 11);
            }
            write(batch);
        }

        assertThat(dailyDownloads()).isEqualTo(Map.of("1|2026-05-26|false", 6L));
        assertThat(database.rollupSum("daily_release_downloads")).isEqualTo(6);
        assertThat(database.rollupSum("daily_total_downloads")).isEqualTo(6);
        assertThat(database.hourlyTotalPerHour()).isEqualTo(Map.of("2026-05-26T10:00:00Z", 6L));
        assertThat(database.jdbc().queryForObject("SELECT count(*) FROM daily_category_downloads", Long.class))
            .isEqualTo(7);
        assertThat(database.rollupSum("daily_category_downloads")).isEqualTo(6 * 7);
    }

    /** An hour the hourly rollups no longer keep is counted in the daily rollups only. */
    @Test
    void anEventBeforeTheFirstHourKeptCountsDailyOnly() throws SQLException {
        RollupIncrements batch = increments(AT.plusSeconds(3_600).truncatedTo(ChronoUnit.HOURS));
        batch.add(event(AT, "3.12.1", "Linux", false), DAY, 1, 11);
        batch.add(event(AT.plusSeconds(3_600), "3.12.1", "Linux", false), DAY, 1, 11);

        write(batch);

        assertThat(dailyDownloads()).isEqualTo(Map.of("1|2026-05-26|false", 2L));
        assertThat(database.hourlyTotalPerHour()).isEqualTo(Map.of("2026-05-26T11:00:00Z", 1L));
        assertThat(database.rollupSum("hourly_downloads")).isEqualTo(1);
        assertThat(database.rollupSum("hourly_release_downloads")).isEqualTo(1);
    }

    @Test
    void anEmptyBatchWritesNothing() throws SQLException {
        write(increments(AT));

        assertThat(database.rollupSum("daily_downloads")).isZero();
        assertThat(database.rollupSum("hourly_total_downloads")).isZero();
    }

    private Map<String, Long> dailyDownloads() {
        return database.counts("SELECT package_id || '|' || day || '|' || mirror, downloads FROM daily_downloads");
    }

    private static RollupIncrements increments(Instant firstHour) {
        return new RollupIncrements(firstHour);
    }

    private static void write(RollupIncrements increments) throws SQLException {
        try (Connection connection = TestPostgres.database().connect()) {
            connection.setAutoCommit(false);
            RollupWriter.write(connection, increments);
            connection.commit();
        }
    }

    private static ValidEvent event(Instant at, String python, String system, boolean mirror) {
        ClientProfile.Fields client = new ClientProfile.Fields("pip", "24.0", python, null, null, system, null, null,
                null, null, null, null, null, false, null);
        return new ValidEvent(at, "six", "six", "1.16.0", FileType.BDIST_WHEEL, client, "DE", null, mirror, null);
    }

}
