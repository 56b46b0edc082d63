package io.pkgpulse.ingest;

import java.util.HashMap;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.pkgpulse.testsupport.TestDatabase;
import io.pkgpulse.testsupport.TestPostgres;

/** Reads what the worker stored, behind its back, with plain SQL. */
public final class IngestDatabase {

    private final JdbcTemplate jdbc;

    /**
     * Migrates the schema first, as a worker would, so a test can clean up before its
     * first worker starts.
     */
    public IngestDatabase() {
        TestDatabase database = TestPostgres.database();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(database.jdbcUrl(), database.username(),
                database.password());
        Flyway.configure().dataSource(dataSource).load().migrate();
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /** Empties what the worker writes; the schema and other tests' idle workers stay. */
    public void truncate() {
        jdbc.execute("""
                TRUNCATE packages, releases, downloads, client_profiles, daily_downloads, daily_release_downloads,
                         daily_category_downloads, daily_total_downloads, daily_total_category_downloads,
                         hourly_downloads, hourly_release_downloads, hourly_total_downloads,
                         consumer_offsets, download_archives, history_imports CASCADE""");
    }

    public long rawCount() {
        return jdbc.queryForObject("SELECT count(*) FROM downloads", Long.class);
    }

    /** Sum of a rollup table's counters. */
    public long rollupSum(String table) {
        return jdbc.queryForObject("SELECT coalesce(sum(downloads), 0) FROM " + table, Long.class);
    }

    /** Raw rows per "package|day|version". */
    public Map<String, Long> rawPerPackageDayVersion() {
        return counts(
                """
                        SELECT p.normalized_name || '|' || (d.downloaded_at AT TIME ZONE 'UTC')::date || '|' || r.version, count(*)
                        FROM downloads d JOIN packages p ON p.id = d.package_id JOIN releases r ON r.id = d.release_id
                        GROUP BY 1""");
    }

    /** Raw rows per package: what the producer sent, for crash and rebalance tests. */
    public Map<String, Long> rawPerPackage() {
        return counts(
                """
                        SELECT p.normalized_name, count(*) FROM downloads d JOIN packages p ON p.id = d.package_id GROUP BY 1""");
    }

    public Map<String, Long> dailyPerPackage() {
        return counts(
                """
                        SELECT p.normalized_name, sum(dd.downloads) FROM daily_downloads dd JOIN packages p ON p.id = dd.package_id
                        GROUP BY 1""");
    }

    /**
     * Raw rows per "package|hour", the hour as an instant ({@code 2026-11-26T10:00:00Z}).
     */
    public Map<String, Long> rawPerPackageHour() {
        return counts("""
                SELECT p.normalized_name || '|' || %s, count(*)
                FROM downloads d JOIN packages p ON p.id = d.package_id GROUP BY 1"""
            .formatted(utcHour("d.downloaded_at")));
    }

    /** {@code hourly_downloads} per "package|hour", mirrors and not summed. */
    public Map<String, Long> hourlyPerPackageHour() {
        return counts("""
                SELECT p.normalized_name || '|' || %s, sum(h.downloads)
                FROM hourly_downloads h JOIN packages p ON p.id = h.package_id GROUP BY 1"""
            .formatted(utcHour("h.hour")));
    }

    /** Raw rows per "package|version|hour". */
    public Map<String, Long> rawPerReleaseHour() {
        return counts("""
                SELECT p.normalized_name || '|' || r.version || '|' || %s, count(*)
                FROM downloads d JOIN packages p ON p.id = d.package_id JOIN releases r ON r.id = d.release_id
                GROUP BY 1""".formatted(utcHour("d.downloaded_at")));
    }

    /**
     * {@code hourly_release_downloads} per "package|version|hour", mirrors and not
     * summed.
     */
    public Map<String, Long> hourlyPerReleaseHour() {
        return counts("""
                SELECT p.normalized_name || '|' || r.version || '|' || %s, sum(h.downloads)
                FROM hourly_release_downloads h JOIN packages p ON p.id = h.package_id
                JOIN releases r ON r.id = h.release_id GROUP BY 1""".formatted(utcHour("h.hour")));
    }

    /** Raw rows per hour. */
    public Map<String, Long> rawPerHour() {
        return counts("SELECT " + utcHour("downloaded_at") + ", count(*) FROM downloads GROUP BY 1");
    }

    /** {@code hourly_total_downloads} per hour, mirrors and not summed. */
    public Map<String, Long> hourlyTotalPerHour() {
        return counts("SELECT " + utcHour("hour") + ", sum(downloads) FROM hourly_total_downloads GROUP BY 1");
    }

    /**
     * SQL for the UTC hour of a timestamptz as Java prints an {@code Instant}:
     * {@code 2026-11-26T10:00:00Z}.
     */
    public static String utcHour(String timestamptz) {
        return "to_char(date_trunc('hour', " + timestamptz + " AT TIME ZONE 'UTC'), 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";
    }

    public Map<String, Long> counts(String sql, Object... args) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query(sql, row -> {
            counts.put(row.getString(1), row.getLong(2));
        }, args);
        return counts;
    }

}
