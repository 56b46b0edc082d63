package io.pkgpulse.reporting.dashboard;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The little the dashboard reads besides {@code StatsQueries}: ingest freshness and package descriptions. */
@Repository
class DashboardQueries {

    private final JdbcClient jdbc;

    DashboardQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The newest stored batch and the newest day with downloads, in one round trip: {@code consumer_offsets} has a row
     * per Kafka partition, and {@code max(day)} reads the end of the primary key of {@code daily_total_downloads}.
     */
    Freshness freshness(Clock clock) {
        return jdbc.sql("""
                SELECT (SELECT max(updated_at) FROM consumer_offsets), (SELECT max(day) FROM daily_total_downloads)""")
                .query((row, n) -> {
                    OffsetDateTime lastBatch = row.getObject(1, OffsetDateTime.class);
                    return new Freshness(lastBatch == null ? null : lastBatch.toInstant(),
                            row.getObject(2, LocalDate.class), clock.instant(), LocalDate.now(clock));
                })
                .single();
    }

    PackageDetails details(long packageId) {
        return jdbc.sql("""
                SELECT p.summary, p.home_page, l.short_name, l.name FROM packages p
                LEFT JOIN licenses l ON l.short_name = p.license_short_name WHERE p.id = ?""")
                .param(packageId)
                .query((row, n) -> new PackageDetails(row.getString(1), row.getString(2), row.getString(3),
                        row.getString(4)))
                .optional().orElse(PackageDetails.NONE);
    }
}
