package io.pkgpulse.ingest.write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.Function;

/**
 * Adds a batch's {@link RollupIncrements} to the daily and hourly rollup tables: one
 * {@code INSERT … ON CONFLICT DO UPDATE} per table, its rows passed as arrays and
 * processed in the sorted order the increments give. Every worker writes the tables in
 * the same order, so two batches never wait for each other's locks in a cycle.
 */
final class RollupWriter {

    private RollupWriter() {
    }

    static void write(Connection connection, RollupIncrements increments) throws SQLException {
        var packages = increments.packages();
        upsert(connection,
                """
                        INSERT INTO daily_downloads (package_id, day, mirror, downloads)
                        SELECT * FROM unnest(?::bigint[], ?::date[], ?::boolean[], ?::bigint[])
                        ON CONFLICT (package_id, day, mirror) DO UPDATE SET downloads = daily_downloads.downloads + EXCLUDED.downloads""",
                packages, new Column<>("bigint", RollupIncrements.PackageDay::packageId),
                new Column<>("date", k -> k.day().toString()),
                new Column<>("boolean", RollupIncrements.PackageDay::mirror));

        var releases = increments.releases();
        upsert(connection, """
                INSERT INTO daily_release_downloads (package_id, day, release_id, mirror, downloads)
                SELECT * FROM unnest(?::bigint[], ?::date[], ?::bigint[], ?::boolean[], ?::bigint[])
                ON CONFLICT (package_id, day, release_id, mirror)
                DO UPDATE SET downloads = daily_release_downloads.downloads + EXCLUDED.downloads""", releases,
                new Column<>("bigint", RollupIncrements.ReleaseDay::packageId),
                new Column<>("date", k -> k.day().toString()),
                new Column<>("bigint", RollupIncrements.ReleaseDay::releaseId),
                new Column<>("boolean", RollupIncrements.ReleaseDay::mirror));

        var categories = increments.categories();
        upsert(connection, """
                INSERT INTO daily_category_downloads (package_id, dimension, day, category, mirror, downloads)
                SELECT * FROM unnest(?::bigint[], ?::smallint[], ?::date[], ?::text[], ?::boolean[], ?::bigint[])
                ON CONFLICT (package_id, dimension, day, category, mirror)
                DO UPDATE SET downloads = daily_category_downloads.downloads + EXCLUDED.downloads""", categories,
                new Column<>("bigint", RollupIncrements.CategoryDay::packageId),
                new Column<>("smallint", k -> k.dimension().code()), new Column<>("date", k -> k.day().toString()),
                new Column<>("text", RollupIncrements.CategoryDay::category),
                new Column<>("boolean", RollupIncrements.CategoryDay::mirror));

        // Hours are passed as ISO-8601 instants ("2026-11-26T10:00:00Z"): UTC whatever
        // the session's time zone.
        var packageHours = increments.packageHours();
        upsert(connection, """
                INSERT INTO hourly_downloads (package_id, hour, mirror, downloads)
                SELECT * FROM unnest(?::bigint[], ?::timestamptz[], ?::boolean[], ?::bigint[])
                ON CONFLICT (package_id, hour, mirror)
                DO UPDATE SET downloads = hourly_downloads.downloads + EXCLUDED.downloads""", packageHours,
                new Column<>("bigint", RollupIncrements.PackageHour::packageId),
                new Column<>("timestamptz", k -> k.hour().toString()),
                new Column<>("boolean", RollupIncrements.PackageHour::mirror));

        var releaseHours = increments.releaseHours();
        upsert(connection, """
                INSERT INTO hourly_release_downloads (package_id, hour, release_id, mirror, downloads)
                SELECT * FROM unnest(?::bigint[], ?::timestamptz[], ?::bigint[], ?::boolean[], ?::bigint[])
                ON CONFLICT (package_id, hour, release_id, mirror)
                DO UPDATE SET downloads = hourly_release_downloads.downloads + EXCLUDED.downloads""", releaseHours,
                new Column<>("bigint", RollupIncrements.ReleaseHour::packageId),
                new Column<>("timestamptz", k -> k.hour().toString()),
                new Column<>("bigint", RollupIncrements.ReleaseHour::releaseId),
                new Column<>("boolean", RollupIncrements.ReleaseHour::mirror));

        // The all-package totals are few, hot rows: written last so their locks are held
        // the shortest.
        var totalCategories = increments.totalCategories();
        upsert(connection, """
                INSERT INTO daily_total_category_downloads (dimension, day, category, mirror, downloads)
                SELECT * FROM unnest(?::smallint[], ?::date[], ?::text[], ?::boolean[], ?::bigint[])
                ON CONFLICT (dimension, day, category, mirror)
                DO UPDATE SET downloads = daily_total_category_downloads.downloads + EXCLUDED.downloads""",
                totalCategories, new Column<>("smallint", k -> k.dimension().code()),
                new Column<>("date", k -> k.day().toString()),
                new Column<>("text", RollupIncrements.TotalCategoryDay::category),
                new Column<>("boolean", RollupIncrements.TotalCategoryDay::mirror));

        var totalHours = increments.totalHours();
        upsert(connection, """
                INSERT INTO hourly_total_downloads (hour, mirror, downloads)
                SELECT * FROM unnest(?::timestamptz[], ?::boolean[], ?::bigint[])
                ON CONFLICT (hour, mirror)
                DO UPDATE SET downloads = hourly_total_downloads.downloads + EXCLUDED.downloads""", totalHours,
                new Column<>("timestamptz", k -> k.hour().toString()),
                new Column<>("boolean", RollupIncrements.TotalHour::mirror));

        var totals = increments.totals();
        upsert(connection,
                """
                        INSERT INTO daily_total_downloads (day, mirror, downloads)
                        SELECT * FROM unnest(?::date[], ?::boolean[], ?::bigint[])
                        ON CONFLICT (day, mirror) DO UPDATE SET downloads = daily_total_downloads.downloads + EXCLUDED.downloads""",
                totals, new Column<>("date", k -> k.day().toString()),
                new Column<>("boolean", RollupIncrements.TotalDay::mirror));
    }

    /**
     * One key column of an upsert: its SQL array element type and how to read it from a
     * key.
     */
    private record Column<K>(String sqlType, Function<K, Object> value) {
    }

    @SafeVarargs
    private static <K> void upsert(Connection connection, String sql, Map<K, Long> counts, Column<K>... columns)
            throws SQLException {
        if (counts.isEmpty()) {
            return;
        }
        Object[][] values = new Object[columns.length][counts.size()];
        Long[] downloads = new Long[counts.size()];
        int row = 0;
        for (Map.Entry<K, Long> entry : counts.entrySet()) {
            for (int c = 0; c < columns.length; c++) {
                values[c][row] = columns[c].value().apply(entry.getKey());
            }
            downloads[row++] = entry.getValue();
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int c = 0; c < columns.length; c++) {
                statement.setArray(c + 1, connection.createArrayOf(columns[c].sqlType(), values[c]));
            }
            statement.setArray(columns.length + 1, connection.createArrayOf("bigint", downloads));
            statement.executeUpdate();
        }
    }

}
