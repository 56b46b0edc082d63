package io.pkgpulse.ingest.write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.Function;

/**
 * Adds a batch's {@link RollupIncrements} to the rollup tables: one {@code INSERT … ON CONFLICT DO UPDATE} per
 * table, its rows passed as arrays and processed in the sorted order the increments give.
 */
final class RollupWriter {

    private RollupWriter() {
    }

    static void write(Connection connection, RollupIncrements increments) throws SQLException {
        var packages = increments.packages();
        upsert(connection, """
                INSERT INTO daily_downloads (package_id, day, mirror, downloads)
                SELECT * FROM unnest(?::bigint[], ?::date[], ?::boolean[], ?::bigint[])
                ON CONFLICT (package_id, day, mirror) DO UPDATE SET downloads = daily_downloads.downloads + EXCLUDED.downloads""",
                packages, new Column<>("bigint", RollupIncrements.PackageDay::packageId),
                new Column<>("date", k -> k.day().toString()), new Column<>("boolean", RollupIncrements.PackageDay::mirror));

        var releases = increments.releases();
        upsert(connection, """
                INSERT INTO daily_release_downloads (package_id, day, release_id, mirror, downloads)
                SELECT * FROM unnest(?::bigint[], ?::date[], ?::bigint[], ?::boolean[], ?::bigint[])
                ON CONFLICT (package_id, day, release_id, mirror)
                DO UPDATE SET downloads = daily_release_downloads.downloads + EXCLUDED.downloads""",
                releases, new Column<>("bigint", RollupIncrements.ReleaseDay::packageId),
                new Column<>("date", k -> k.day().toString()), new Column<>("bigint", RollupIncrements.ReleaseDay::releaseId),
                new Column<>("boolean", RollupIncrements.ReleaseDay::mirror));

        var categories = increments.categories();
        upsert(connection, """
                INSERT INTO daily_category_downloads (package_id, dimension, day, category, mirror, downloads)
                SELECT * FROM unnest(?::bigint[], ?::text[], ?::date[], ?::text[], ?::boolean[], ?::bigint[])
                ON CONFLICT (package_id, dimension, day, category, mirror)
                DO UPDATE SET downloads = daily_category_downloads.downloads + EXCLUDED.downloads""",
                categories, new Column<>("bigint", RollupIncrements.CategoryDay::packageId),
                new Column<>("text", k -> k.dimension().dbName()), new Column<>("date", k -> k.day().toString()),
                new Column<>("text", RollupIncrements.CategoryDay::category),
                new Column<>("boolean", RollupIncrements.CategoryDay::mirror));

        // The all-package totals are few, hot rows: written last so their locks are held the shortest.
        var totalCategories = increments.totalCategories();
        upsert(connection, """
                INSERT INTO daily_total_category_downloads (dimension, day, category, mirror, downloads)
                SELECT * FROM unnest(?::text[], ?::date[], ?::text[], ?::boolean[], ?::bigint[])
                ON CONFLICT (dimension, day, category, mirror)
                DO UPDATE SET downloads = daily_total_category_downloads.downloads + EXCLUDED.downloads""",
                totalCategories, new Column<>("text", k -> k.dimension().dbName()),
                new Column<>("date", k -> k.day().toString()), new Column<>("text", RollupIncrements.TotalCategoryDay::category),
                new Column<>("boolean", RollupIncrements.TotalCategoryDay::mirror));

        var totals = increments.totals();
        upsert(connection, """
                INSERT INTO daily_total_downloads (day, mirror, downloads)
                SELECT * FROM unnest(?::date[], ?::boolean[], ?::bigint[])
                ON CONFLICT (day, mirror) DO UPDATE SET downloads = daily_total_downloads.downloads + EXCLUDED.downloads""",
                totals, new Column<>("date", k -> k.day().toString()), new Column<>("boolean", RollupIncrements.TotalDay::mirror));
    }

    /** One key column of an upsert: its SQL array element type and how to read it from a key. */
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
