package io.pkgpulse.reporting.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The little the dashboard reads besides {@code StatsQueries}, {@code LiveQueries} and
 * {@code PackageQueries}: ingest freshness and release adoption.
 */
@Repository
class DashboardQueries {

    private final JdbcClient jdbc;

    DashboardQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The newest stored batch and the newest day with downloads, in one round trip:
     * {@code consumer_offsets} has a row per Kafka partition, and {@code max(day)} reads
     * the end of the primary key of {@code daily_total_downloads}.
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

    /**
     * Downloads without mirrors per hour from {@code first} to {@code last} of the
     * {@code versions} newest versions that have downloads in those hours (newest first),
     * then of all older ones together (version null). Ranked by version order, like the
     * daily version series; one range scan of the hourly release rollup.
     */
    List<HourRow> adoption(long packageId, Instant first, Instant last, int versions) {
        return jdbc.sql("""
                SELECT hour, CASE WHEN newest <= :versions THEN version END, min(newest), sum(downloads) FROM (
                    SELECT d.hour, r.version, sum(d.downloads) AS downloads, dense_rank() OVER (
                           ORDER BY r.major DESC, r.minor DESC, r.micro DESC, r.sort_key DESC, r.id DESC) AS newest
                    FROM hourly_release_downloads d
                    JOIN releases r ON r.id = d.release_id AND r.package_id = d.package_id
                    WHERE d.package_id = :package AND d.hour BETWEEN :first AND :last AND NOT d.mirror
                    GROUP BY d.hour, r.id, r.version, r.major, r.minor, r.micro, r.sort_key) v
                GROUP BY hour, 2 ORDER BY 3, hour""")
            .param("versions", versions)
            .param("package", packageId)
            .param("first", first.atOffset(ZoneOffset.UTC))
            .param("last", last.atOffset(ZoneOffset.UTC))
            .query((row, n) -> new HourRow(row.getString(2), row.getObject(1, OffsetDateTime.class).toInstant(),
                    row.getLong(4)))
            .list();
    }

}
