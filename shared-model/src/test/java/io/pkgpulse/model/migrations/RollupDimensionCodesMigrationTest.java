package io.pkgpulse.model.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.pkgpulse.model.rollups.Dimension;
import io.pkgpulse.testsupport.TestDatabase;
import io.pkgpulse.testsupport.TestPostgres;

/**
 * V7 converts the category rollups of a populated database in place: each row's dimension
 * name becomes its code and nothing else changes, so every report reads the same counts
 * as before.
 */
class RollupDimensionCodesMigrationTest {

    static final List<String> NAMES = List.of("python_major", "python_minor", "system", "installer", "country",
            "file_type", "ci");

    static JdbcTemplate jdbc;

    /** The rows of both tables before the migration, dimension by name, in key order. */
    static Map<String, List<String>> before;

    @BeforeAll
    static void aPopulatedVersion6DatabaseMigratedToTheLatest() {
        TestDatabase database = TestPostgres.newDatabase();
        var dataSource = new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password());
        jdbc = new JdbcTemplate(dataSource);
        Flyway.configure().dataSource(dataSource).target("6").load().migrate();

        jdbc.execute(
                """
                        INSERT INTO packages (id, name, normalized_name) VALUES (1, 'urllib3', 'urllib3'), (2, 'Six', 'six')""");
        // Every dimension, two packages, three days, both mirror flags, categories of
        // every length the tables see
        // (the empty string included: nothing stops it, so it must survive too), counts
        // that differ per row.
        jdbc.execute("""
                INSERT INTO daily_category_downloads (package_id, dimension, day, category, mirror, downloads)
                SELECT p, dim, DATE '2026-03-01' + d, cat, m,
                       1000 * p + 100 * d + length(cat) + CASE WHEN m THEN 7 ELSE 0 END
                FROM generate_series(1, 2) p, generate_series(0, 2) d, (VALUES (false), (true)) x(m),
                     (VALUES ('python_major', '3'), ('python_major', 'null'), ('python_minor', '3.12'),
                             ('python_minor', '3.9'), ('system', 'Linux'), ('system', 'Windows'), ('system', 'other'),
                             ('installer', 'pip'), ('installer', 'bandersnatch'), ('installer', 'z3c.pypimirror'),
                             ('country', 'US'), ('country', 'null'), ('file_type', 'bdist_wheel'),
                             ('file_type', 'sdist'),
                             ('ci', 'true'), ('ci', 'false'), ('ci', 'null'), ('installer', '')) c(dim, cat)""");
        jdbc.execute("""
                INSERT INTO daily_total_category_downloads (dimension, day, category, mirror, downloads)
                SELECT dimension, day, category, mirror, sum(downloads) FROM daily_category_downloads
                GROUP BY 1, 2, 3, 4""");
        jdbc.execute("INSERT INTO daily_downloads VALUES (1, DATE '2026-03-01', false, 42)");

        before = rows("c.dimension");
        Flyway.configure().dataSource(dataSource).load().migrate();
    }

    /**
     * Every row of both category tables as text, the dimension written by
     * {@code dimension} (SQL on row c).
     */
    static Map<String, List<String>> rows(String dimension) {
        return Map.of("daily_category_downloads", jdbc.queryForList("""
                SELECT concat_ws('|', c.package_id, %s, c.day, c.category, c.mirror, c.downloads)
                FROM daily_category_downloads c ORDER BY 1""".formatted(dimension), String.class),
                "daily_total_category_downloads", jdbc.queryForList("""
                        SELECT concat_ws('|', %s, c.day, c.category, c.mirror, c.downloads)
                        FROM daily_total_category_downloads c ORDER BY 1""".formatted(dimension), String.class));
    }

    @Test
    void everyRowIsKeptWithItsDimensionsCodeAndNothingElseChanges() {
        assertThat(before.get("daily_category_downloads")).hasSize(2 * 3 * 2 * 18);
        assertThat(before.get("daily_total_category_downloads")).hasSize(3 * 2 * 18);
        // The codes the application uses: the same rows, name for name.
        String javaNames = Arrays.stream(Dimension.values())
            .map(d -> "WHEN " + d.code() + " THEN '" + d.pypiName() + "'")
            .collect(Collectors.joining(" ", "CASE c.dimension ", " END"));
        assertThat(rows(javaNames)).isEqualTo(before);
        // The reference table agrees.
        assertThat(rows("(SELECT d.name FROM dimensions d WHERE d.code = c.dimension)")).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT downloads FROM daily_downloads", Long.class)).isEqualTo(42);
    }

    @Test
    void theReferenceTableNamesEveryJavaDimensionByItsCode() {
        assertThat(jdbc.queryForList("SELECT code || ' ' || name FROM dimensions ORDER BY code", String.class))
            .containsExactlyElementsOf(
                    Arrays.stream(Dimension.values()).map(d -> d.code() + " " + d.pypiName()).toList());
        assertThat(Arrays.stream(Dimension.values()).map(Dimension::pypiName)).containsExactlyElementsOf(NAMES);
    }

    @Test
    void theDimensionIsASmallintInTheSameKeysAndOutOfRangeCodesAreRefused() {
        for (String table : List.of("daily_category_downloads", "daily_total_category_downloads")) {
            assertThat(jdbc.queryForObject("""
                    SELECT format_type(atttypid, atttypmod) FROM pg_attribute
                    WHERE attrelid = ?::regclass AND attname = 'dimension'""", String.class, table))
                .isEqualTo("smallint");
            assertThat(jdbc.queryForObject("""
                    SELECT array_to_string(reloptions, ',') FROM pg_class WHERE oid = ?::regclass""", String.class,
                    table))
                .isEqualTo("fillfactor=80");
        }
        assertThat(jdbc.queryForList("""
                SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
                WHERE conrelid IN ('daily_category_downloads'::regclass, 'daily_total_category_downloads'::regclass)
                ORDER BY conname""", String.class)).containsExactly(
                "daily_category_downloads_dimension_check CHECK (((dimension >= 1) AND (dimension <= 7)))",
                "daily_category_downloads_downloads_check CHECK ((downloads >= 0))",
                "daily_category_downloads_pkey PRIMARY KEY (package_id, dimension, day, category, mirror)",
                "daily_total_category_downloads_dimension_check CHECK (((dimension >= 1) AND (dimension <= 7)))",
                "daily_total_category_downloads_downloads_check CHECK ((downloads >= 0))",
                "daily_total_category_downloads_pkey PRIMARY KEY (dimension, day, category, mirror)");
        for (int code : new int[] { 0, 8 }) {
            assertThatThrownBy(() -> jdbc
                .update("INSERT INTO daily_category_downloads VALUES (1, ?, DATE '2026-03-01', 'x', false, 1)", code))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("daily_category_downloads_dimension_check");
            assertThatThrownBy(() -> jdbc.update(
                    "INSERT INTO daily_total_category_downloads VALUES (?, DATE '2026-03-01', 'x', false, 1)", code))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("daily_total_category_downloads_dimension_check");
        }
        assertThatThrownBy(() -> jdbc
            .update("INSERT INTO daily_category_downloads VALUES (1, 2, DATE '2026-03-01', '3.12', false, 1)"))
            .isInstanceOf(DataIntegrityViolationException.class)
            .hasMessageContaining("daily_category_downloads_pkey");
    }

}
