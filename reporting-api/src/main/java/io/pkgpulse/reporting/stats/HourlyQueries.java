package io.pkgpulse.reporting.stats;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.pkgpulse.reporting.stats.HourlySeries.Row;

/**
 * The hourly series, on the hourly rollups. A package's are index range scans of the
 * table's primary key (package, then hour); all packages' ({@code packageId} null) of the
 * totals' primary key, or for versions of the hour index. Not cached: the current hour
 * changes with every batch.
 */
@Repository
class HourlyQueries {

    private final JdbcClient jdbc;

    HourlyQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Per hour: downloads with mirrors and without ({@code mirrors} null), or only one of
     * them.
     */
    List<Row> overall(Long packageId, HourRange range, Boolean mirrors) {
        String sql = packageId == null
                ? "SELECT hour, sum(downloads), coalesce(sum(downloads) FILTER (WHERE NOT mirror), 0)"
                        + " FROM hourly_total_downloads WHERE hour BETWEEN :start AND :end GROUP BY hour ORDER BY hour"
                : "SELECT hour, sum(downloads), coalesce(sum(downloads) FILTER (WHERE NOT mirror), 0)"
                        + " FROM hourly_downloads WHERE package_id = :package AND hour BETWEEN :start AND :end"
                        + " GROUP BY hour ORDER BY hour";
        List<Row> rows = new ArrayList<>();
        statement(sql, packageId, range).query(row -> {
            Instant hour = row.getObject(1, OffsetDateTime.class).toInstant();
            if (mirrors == null || mirrors) {
                rows.add(new Row("with_mirrors", hour, row.getLong(2)));
            }
            if (mirrors == null || !mirrors) {
                rows.add(new Row("without_mirrors", hour, row.getLong(3)));
            }
        });
        return rows;
    }

    /**
     * Per hour and release version, in version order within an hour, optionally one
     * version only. For all packages the downloads of every package's releases of the
     * same version string are added up.
     */
    List<Row> versions(Long packageId, HourRange range, boolean mirrors, String version) {
        String sql = """
                SELECT h.hour, r.version, sum(h.downloads) FROM hourly_release_downloads h
                JOIN releases r ON r.id = h.release_id AND r.package_id = h.package_id
                WHERE h.hour BETWEEN :start AND :end""" + (packageId == null ? "" : " AND h.package_id = :package")
                + (mirrors ? "" : " AND NOT h.mirror") + (version == null ? "" : " AND r.version = :version")
                + " GROUP BY h.hour, r.version, r.major, r.minor, r.micro, r.sort_key"
                // The version string last: different spellings of one version (1.0,
                // 1.0.0) sort alike.
                + " ORDER BY h.hour, r.major, r.minor, r.micro, r.sort_key, r.version";
        var statement = statement(sql, packageId, range);
        if (version != null) {
            statement = statement.param("version", version);
        }
        return statement
            .query((row, n) -> new Row(row.getString(2), row.getObject(1, OffsetDateTime.class).toInstant(),
                    row.getLong(3)))
            .list();
    }

    private JdbcClient.StatementSpec statement(String sql, Long packageId, HourRange range) {
        // PgJDBC binds OffsetDateTime, not Instant, as timestamptz.
        var statement = jdbc.sql(sql)
            .param("start", range.start().atOffset(ZoneOffset.UTC))
            .param("end", range.end().atOffset(ZoneOffset.UTC));
        return packageId == null ? statement : statement.param("package", packageId);
    }

}
