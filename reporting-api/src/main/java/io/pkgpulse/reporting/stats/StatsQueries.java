package io.pkgpulse.reporting.stats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.pkgpulse.model.rollups.Dimension;
import io.pkgpulse.reporting.stats.Series.Row;

/**
 * The report queries, all on the daily rollups and each an index range scan: package (or
 * the all-package totals), then the day range. {@code packageId} null means all packages
 * (pypistats' {@code __all__}). The daily series go through {@link RecentSeriesCache}, so
 * that every caller (API and dashboard) shares it.
 */
@Repository
public class StatsQueries {

    /**
     * The overall series' name in the series cache: both mirror variants in one entry.
     */
    private static final String OVERALL = "overall";

    private final JdbcClient jdbc;

    private final RecentSeriesCache recentSeries;

    StatsQueries(JdbcClient jdbc, RecentSeriesCache recentSeries) {
        this.jdbc = jdbc;
        this.recentSeries = recentSeries;
    }

    /**
     * Per day: downloads with mirrors and without ({@code mirrors} null), or only one of
     * them.
     */
    public List<Row> overall(Long packageId, DateRange range, Boolean mirrors) {
        List<Row> both = recentSeries.rows(OVERALL, packageId, null, null, range,
                window -> overallBoth(packageId, window));
        if (mirrors == null) {
            return both;
        }
        String kept = mirrors ? "with_mirrors" : "without_mirrors";
        return both.stream().filter(row -> row.category().equals(kept)).toList();
    }

    private List<Row> overallBoth(Long packageId, DateRange range) {
        String sql = packageId == null
                ? "SELECT day, sum(downloads), coalesce(sum(downloads) FILTER (WHERE NOT mirror), 0)"
                        + " FROM daily_total_downloads WHERE day BETWEEN :start AND :end GROUP BY day ORDER BY day"
                : "SELECT day, sum(downloads), coalesce(sum(downloads) FILTER (WHERE NOT mirror), 0)"
                        + " FROM daily_downloads WHERE package_id = :package AND day BETWEEN :start AND :end"
                        + " GROUP BY day ORDER BY day";
        List<Row> rows = new ArrayList<>();
        statement(sql, packageId, range).query(row -> {
            LocalDate day = row.getObject(1, LocalDate.class);
            rows.add(new Row("with_mirrors", day, row.getLong(2)));
            rows.add(new Row("without_mirrors", day, row.getLong(3)));
        });
        return rows;
    }

    /**
     * Per day and category of one dimension, or only the categories {@code only} matches
     * (without regard to case, {@link CategoryFilter}). The series cache keeps it under
     * the filter's one spelling.
     */
    public List<Row> categories(Long packageId, Dimension dimension, DateRange range, boolean mirrors,
            CategoryFilter only) {
        String category = only == null ? null : only.value();
        return recentSeries.rows(dimension.pypiName(), packageId, mirrors, category, range,
                window -> queryCategories(packageId, dimension, window, mirrors, category));
    }

    private List<Row> queryCategories(Long packageId, Dimension dimension, DateRange range, boolean mirrors,
            String category) {
        String table = packageId == null ? "daily_total_category_downloads" : "daily_category_downloads";
        String sql = "SELECT day, category, sum(downloads) FROM " + table + " WHERE "
                + (packageId == null ? "" : "package_id = :package AND ")
                + "dimension = :dimension AND day BETWEEN :start AND :end" + (mirrors ? "" : " AND NOT mirror")
                + (category == null ? "" : " AND " + CategoryFilter.STORED + " = :category")
                + " GROUP BY day, category ORDER BY day, category";
        var statement = statement(sql, packageId, range).param("dimension", dimension.code());
        if (category != null) {
            statement = statement.param("category", category);
        }
        return statement.query((row, n) -> new Row(row.getString(2), row.getObject(1, LocalDate.class), row.getLong(3)))
            .list();
    }

    /** Per day and release version of one package, optionally one version only. */
    public List<Row> versions(long packageId, DateRange range, boolean mirrors, String version) {
        return recentSeries.rows("version", packageId, mirrors, version, range,
                window -> queryVersions(packageId, window, mirrors, version));
    }

    private List<Row> queryVersions(long packageId, DateRange range, boolean mirrors, String version) {
        String sql = """
                SELECT d.day, r.version, sum(d.downloads) FROM daily_release_downloads d
                JOIN releases r ON r.id = d.release_id AND r.package_id = d.package_id
                WHERE d.package_id = :package AND d.day BETWEEN :start AND :end"""
                + (mirrors ? "" : " AND NOT d.mirror") + (version == null ? "" : " AND r.version = :version")
                + " GROUP BY d.day, r.version, r.major, r.minor, r.micro, r.sort_key"
                + " ORDER BY d.day, r.major, r.minor, r.micro, r.sort_key";
        var statement = statement(sql, packageId, range);
        if (version != null) {
            statement = statement.param("version", version);
        }
        return statement.query((row, n) -> new Row(row.getString(2), row.getObject(1, LocalDate.class), row.getLong(3)))
            .list();
    }

    /**
     * Downloads over a range: summed from the package's overall series when that is in
     * the series cache (a popular package's recent counts, badge and page then cost no
     * query), else one indexed sum.
     */
    public long sum(Long packageId, DateRange range, boolean mirrors) {
        String kept = mirrors ? "with_mirrors" : "without_mirrors";
        Optional<Long> cached = recentSeries.ifCached(OVERALL, packageId, null, null, range)
            .map(rows -> rows.stream().filter(row -> row.category().equals(kept)).mapToLong(Row::downloads).sum());
        if (cached.isPresent()) {
            return cached.get();
        }
        String table = packageId == null ? "daily_total_downloads" : "daily_downloads";
        String sql = "SELECT coalesce(sum(downloads), 0) FROM " + table + " WHERE "
                + (packageId == null ? "" : "package_id = :package AND ") + "day BETWEEN :start AND :end"
                + (mirrors ? "" : " AND NOT mirror");
        return statement(sql, packageId, range).query(Long.class).single();
    }

    /** All-time downloads with and without mirrors. */
    public Map<String, Long> totals(Long packageId) {
        String table = packageId == null ? "daily_total_downloads" : "daily_downloads";
        String sql = "SELECT coalesce(sum(downloads), 0), coalesce(sum(downloads) FILTER (WHERE NOT mirror), 0) FROM "
                + table + (packageId == null ? "" : " WHERE package_id = :package");
        var statement = jdbc.sql(sql);
        if (packageId != null) {
            statement = statement.param("package", packageId);
        }
        Map<String, Long> totals = new LinkedHashMap<>();
        statement.query(row -> {
            totals.put("with_mirrors", row.getLong(1));
            totals.put("without_mirrors", row.getLong(2));
        });
        return totals;
    }

    /** All-time downloads per release, in version order. */
    public List<VersionTotals.Version> versionTotals(long packageId, boolean mirrors) {
        return jdbc
            .sql("""
                    SELECT r.version, coalesce(sum(d.downloads), 0) FROM releases r
                    LEFT JOIN daily_release_downloads d ON d.release_id = r.id AND d.package_id = r.package_id"""
                    + (mirrors ? "" : " AND NOT d.mirror") + """
                             WHERE r.package_id = :package
                            GROUP BY r.id, r.version, r.major, r.minor, r.micro, r.sort_key
                            ORDER BY r.major, r.minor, r.micro, r.sort_key""")
            .param("package", packageId)
            .query((row, n) -> new VersionTotals.Version(row.getString(1), row.getLong(2)))
            .list();
    }

    /** The most downloaded public packages of a day. */
    public List<Top.Entry> top(LocalDate day, int limit, boolean mirrors) {
        // Rank on the day index, then look each name up by primary key, leaving private
        // packages out; rank enough
        // rows that private packages cannot starve the list (their count comes from a
        // partial index).
        return jdbc.sql("""
                SELECT name, downloads FROM (
                    SELECT (SELECT p.normalized_name FROM packages p WHERE p.id = t.package_id AND NOT p.is_private)
                           AS name, t.downloads
                    FROM (SELECT package_id, sum(downloads) AS downloads FROM daily_downloads
                          WHERE day = :day""" + (mirrors ? "" : " AND NOT mirror") + """
                           GROUP BY package_id ORDER BY downloads DESC, package_id
                          LIMIT :limit + (SELECT count(*) FROM packages WHERE is_private)) t) named
                WHERE name IS NOT NULL ORDER BY downloads DESC, name LIMIT :limit""")
            .param("day", day)
            .param("limit", limit)
            .query((row, n) -> new Top.Entry(row.getString(1), row.getLong(2)))
            .list();
    }

    private JdbcClient.StatementSpec statement(String sql, Long packageId, DateRange range) {
        var statement = jdbc.sql(sql).param("start", range.start()).param("end", range.end());
        return packageId == null ? statement : statement.param("package", packageId);
    }

}
