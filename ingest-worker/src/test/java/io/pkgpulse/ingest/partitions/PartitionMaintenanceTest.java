package io.pkgpulse.ingest.partitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import io.pkgpulse.model.downloads.DownloadPartitions;
import io.pkgpulse.model.downloads.DownloadsProperties;
import io.pkgpulse.testsupport.TestInfrastructure;

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

    @Test
    void atStartUpTheWorkerHasCreatedPartitionsFromYesterdayToAWeekAhead() {
        LocalDate today = LocalDate.now(clock);

        assertThat(partitions.days()).contains(today.minusDays(1), today, today.plusDays(7));
    }

    @Test
    void daysOlderThanTheRawRetentionAreDropped() {
        LocalDate today = LocalDate.now(clock);
        LocalDate expired = today.minusDays(181);
        LocalDate kept = today.minusDays(180);
        partitions.create(expired, kept);

        maintenance.maintain();

        assertThat(partitions.days()).doesNotContain(expired).contains(kept, today.plusDays(7));
    }

    @Test
    void hourlyRowsOfHoursBeforeTheHourlyRetentionAreDeleted() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.HOURS);
        Instant firstHour = now.minus(Duration.ofDays(14));
        assertThat(properties.firstHourlyHour(clock.instant())).as("the default, 14 days").isIn(firstHour,
                firstHour.plus(Duration.ofHours(1)));
        // Two hours of margin either side: an hour may start while the test runs and move the window by one.
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
                jdbc.update("INSERT INTO hourly_release_downloads VALUES (1, ?::timestamptz, 2, false, 1)", hour.toString());
                jdbc.update("INSERT INTO hourly_total_downloads VALUES (?::timestamptz, false, 1)", hour.toString());
            }
        }
    }

    private List<Instant> hoursIn(String table) {
        return jdbc.queryForList("SELECT hour FROM " + table + " ORDER BY hour", Instant.class);
    }
}
