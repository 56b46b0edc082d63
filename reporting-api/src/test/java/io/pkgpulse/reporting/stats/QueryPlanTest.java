package io.pkgpulse.reporting.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.proxy.ParameterSetOperation;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.pkgpulse.reporting.HttpApi;
import io.pkgpulse.testsupport.TestInfrastructure;

/**
 * Every report query is an index range scan on the rollups. The test seeds enough rows
 * that PostgreSQL would scan whole tables without the indexes, captures the SQL each
 * endpoint really runs (with its parameters), and checks its plan with {@code EXPLAIN}:
 * the rollup is read through its index and no table is scanned sequentially. Then it
 * drops the index inside a rolled-back transaction and sees the plan change, so a lost
 * index fails this test.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "pkgpulse.ratelimit.enabled=false",
        // What the database is asked, not what memory answers.
        "pkgpulse.response-cache.enabled=false" })
@Import({ TestInfrastructure.class, QueryPlanTest.CapturedQueries.class })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryPlanTest {

    static final int PACKAGES = 600;
    static final int DAYS = 90;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    Clock clock;

    HttpApi api;

    @BeforeAll
    void seedRealisticVolume() {
        api = new HttpApi(port);
        jdbc.execute("""
                TRUNCATE packages, releases, daily_downloads, daily_release_downloads, daily_category_downloads,
                         daily_total_downloads, daily_total_category_downloads, hourly_downloads,
                         hourly_release_downloads, hourly_total_downloads CASCADE""");
        jdbc.update("""
                INSERT INTO packages (id, name, normalized_name)
                SELECT nextval('packages_seq'), 'pkg-' || i, 'pkg-' || i FROM generate_series(1, ?) i""", PACKAGES);
        jdbc.update("""
                INSERT INTO releases (id, package_id, version, major, minor, micro, sort_key, prerelease)
                SELECT nextval('releases_seq'), p.id, v || '.0', v, 0, 0, 'A' || v, false
                FROM packages p, generate_series(1, 8) v""");
        LocalDate first = LocalDate.now(clock).minusDays(DAYS - 1);
        jdbc.update("""
                INSERT INTO daily_downloads SELECT p.id, d::date, m, 10
                FROM packages p, generate_series(?::date, current_date, '1 day') d, (VALUES (true), (false)) x(m)""",
                first);
        jdbc.update("""
                INSERT INTO daily_release_downloads SELECT r.package_id, d::date, r.id, false, 3
                FROM releases r, generate_series(?::date, current_date, '1 day') d""", first);
        jdbc.update("""
                INSERT INTO daily_category_downloads SELECT p.id, dim.code, d::date, cat, false, 2
                FROM packages p, generate_series(?::date, current_date, '1 day') d, dimensions dim,
                     (VALUES ('a'), ('b')) c(cat)""", first);
        jdbc.update("""
                INSERT INTO daily_total_downloads SELECT d::date, m, 1000
                FROM generate_series(current_date - 3000, current_date, '1 day') d, (VALUES (true), (false)) x(m)""");
        jdbc.update("""
                INSERT INTO daily_total_category_downloads SELECT dim.code, d::date, 'c' || c, false, 5
                FROM generate_series(current_date - 1000, current_date, '1 day') d, dimensions dim,
                     generate_series(1, 10) c""");
        seedHourlyWindow();
        jdbc.execute("ANALYZE");
    }

    /**
     * The hourly rollups over the default window of 14 days: every package in every hour,
     * but a package's release downloads in one hour a day only, and most releases of a
     * package in none (old releases nobody downloads), so that an hour of all packages'
     * release downloads is few rows against all releases, as it is on a real index. The
     * totals reach back years, as the daily ones do.
     */
    private void seedHourlyWindow() {
        jdbc.update("""
                INSERT INTO releases (id, package_id, version, major, minor, micro, sort_key, prerelease)
                SELECT nextval('releases_seq'), p.id, '0.0.' || v, 0, 0, v, 'A0', false
                FROM packages p, generate_series(1, 60) v""");
        jdbc.update("""
                INSERT INTO hourly_downloads SELECT p.id, h, false, 4
                FROM packages p, generate_series(date_trunc('hour', now()) - interval '14 days', now(), '1 hour') h""");
        jdbc.update("""
                INSERT INTO hourly_release_downloads SELECT r.package_id, h, r.id, false, 2
                FROM releases r, generate_series(date_trunc('hour', now()) - interval '14 days', now(), '1 hour') h
                WHERE r.version = '1.0' AND (r.package_id + extract(epoch FROM h)::bigint / 3600) % 24 = 0""");
        jdbc.update("""
                INSERT INTO hourly_total_downloads SELECT h, m, 1000
                FROM generate_series(date_trunc('hour', now()) - interval '3 years', now(), '1 hour') h,
                     (VALUES (true), (false)) x(m)""");
    }

    @Test
    void overallIsARangeScanOfThePackagesDailyRows() throws Exception {
        assertIndexRangeScan("/api/packages/pkg-17/overall", "daily_downloads", "daily_downloads_pkey");
    }

    @Test
    void recentIsARangeScanOfThePackagesDailyRows() throws Exception {
        assertIndexRangeScan("/api/packages/pkg-17/recent?period=month", "daily_downloads", "daily_downloads_pkey");
    }

    @Test
    void categorySeriesAreARangeScanOfThePackagesDimension() throws Exception {
        assertIndexRangeScan("/api/packages/pkg-17/python_minor", "daily_category_downloads",
                "daily_category_downloads_pkey");
        assertIndexRangeScan("/api/packages/pkg-17/system?os=Linux", "daily_category_downloads",
                "daily_category_downloads_pkey");
    }

    @Test
    void versionSeriesAreARangeScanOfThePackagesReleaseRows() throws Exception {
        assertIndexRangeScan("/api/packages/pkg-17/version", "daily_release_downloads", "daily_release_downloads_pkey");
    }

    @Test
    void allPackagesUseTheTotalsTables() throws Exception {
        assertIndexRangeScan("/api/packages/__all__/overall", "daily_total_downloads", "daily_total_downloads_pkey");
        assertIndexRangeScan("/api/packages/__all__/installer", "daily_total_category_downloads",
                "daily_total_category_downloads_pkey");
    }

    @Test
    void hourlySeriesAreARangeScanOfThePackagesHourlyRows() throws Exception {
        assertIndexRangeScan("/api/packages/pkg-17/hourly", "hourly_downloads", "hourly_downloads_pkey");
        assertIndexRangeScan("/api/packages/pkg-17/hourly/version", "hourly_release_downloads",
                "hourly_release_downloads_pkey");
    }

    @Test
    void allPackagesHourlySeriesUseTheTotalsAndTheHourIndex() throws Exception {
        assertIndexRangeScan("/api/packages/__all__/hourly", "hourly_total_downloads", "hourly_total_downloads_pkey");
        Instant hour = Instant.now(clock).truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);
        assertIndexRangeScan("/api/packages/__all__/hourly/version?start=" + hour + "&end=" + hour,
                "hourly_release_downloads", "hourly_release_downloads_hour_idx");
    }

    @Test
    void topPackagesOfADayUseTheDayIndex() throws Exception {
        assertIndexRangeScan("/api/stats/top?date=" + LocalDate.now(clock).minusDays(3), "daily_downloads",
                "daily_downloads_day_idx");
    }

    @Test
    void packagesAreFoundByTheirNormalisedName() throws Exception {
        assertIndexRangeScan("/api/packages/PKG_17/total", "packages", "packages_normalized_name_key");
    }

    /**
     * Calls {@code path}, finds the captured statement that reads {@code table}, and
     * checks that its plan reads the table through {@code index} and scans no table
     * sequentially; then that without the index it would.
     */
    private void assertIndexRangeScan(String path, String table, String index) throws Exception {
        CapturedQueries.clear();
        assertThat(api.get(path).statusCode()).as(path).isEqualTo(200);
        CapturedQueries.Query query = CapturedQueries.captured()
            .stream()
            .filter(q -> q.sql().matches("(?s).*\\b(FROM|JOIN)\\s+" + table + "\\b.*"))
            .findFirst()
            .orElseThrow(
                    () -> new AssertionError(path + " ran no query on " + table + ": " + CapturedQueries.captured()));

        List<String> plan = planNodes(query, null);
        assertThat(plan).as("plan of %s:%n%s", path, query.sql())
            .anyMatch(node -> node.contains("Index") && node.endsWith(" " + index))
            .noneMatch(node -> node.startsWith("Seq Scan"));
        assertThat(planNodes(query, index)).as("plan of %s without %s", path, index)
            .noneMatch(node -> node.endsWith(" " + index))
            .anyMatch(node -> node.startsWith("Seq Scan on " + table) || node.contains("Index"));
    }

    /**
     * The plan's nodes as "Node Type on relation using index"; with {@code dropIndex}
     * dropped in a rolled-back transaction.
     */
    private List<String> planNodes(CapturedQueries.Query query, String dropIndex) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (dropIndex != null) {
                    String constraint = jdbc
                        .queryForList("SELECT conname FROM pg_constraint WHERE conindid = ?::regclass", String.class,
                                dropIndex)
                        .stream()
                        .findFirst()
                        .orElse(null);
                    String owner = jdbc.queryForObject(
                            "SELECT indrelid::regclass::text FROM pg_index WHERE indexrelid = ?::regclass",
                            String.class, dropIndex);
                    connection.createStatement()
                        .execute(constraint == null ? "DROP INDEX " + dropIndex
                                : "ALTER TABLE " + owner + " DROP CONSTRAINT " + constraint);
                }
                try (PreparedStatement explain = connection.prepareStatement("EXPLAIN (FORMAT JSON) " + query.sql())) {
                    for (Map.Entry<Integer, Object> parameter : query.parameters().entrySet()) {
                        explain.setObject(parameter.getKey(), parameter.getValue());
                    }
                    try (ResultSet result = explain.executeQuery()) {
                        result.next();
                        List<String> nodes = new ArrayList<>();
                        collect(JsonMapper.builder().build().readTree(result.getString(1)).get(0).get("Plan"), nodes);
                        return nodes;
                    }
                }
            }
            finally {
                connection.rollback();
            }
        }
    }

    private static void collect(JsonNode node, List<String> nodes) {
        String description = node.get("Node Type").asString();
        if (node.has("Relation Name")) {
            description += " on " + node.get("Relation Name").asString();
        }
        if (node.has("Index Name")) {
            description += " using " + node.get("Index Name").asString();
        }
        nodes.add(description);
        if (node.has("Plans")) {
            node.get("Plans").forEach(child -> collect(child, nodes));
        }
    }

    /**
     * Records every statement the application sends, with its parameters
     * (datasource-proxy).
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class CapturedQueries {

        record Query(String sql, Map<Integer, Object> parameters) {
        }

        private static final List<Query> QUERIES = Collections.synchronizedList(new ArrayList<>());

        static void clear() {
            QUERIES.clear();
        }

        static List<Query> captured() {
            return List.copyOf(QUERIES);
        }

        @Bean
        static BeanPostProcessor capturingDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (bean instanceof DataSource dataSource) {
                        return ProxyDataSourceBuilder.create(dataSource).listener(new QueryExecutionListener() {
                            @Override
                            public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
                            }

                            @Override
                            public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
                                for (QueryInfo query : queries) {
                                    Map<Integer, Object> parameters = new TreeMap<>();
                                    for (List<ParameterSetOperation> set : query.getParametersList()) {
                                        for (ParameterSetOperation operation : set) {
                                            Object[] args = operation.getArgs();
                                            if (args.length >= 2 && args[0] instanceof Integer position) {
                                                parameters.put(position, args[1]);
                                            }
                                        }
                                    }
                                    QUERIES.add(new Query(query.getQuery(), parameters));
                                }
                            }
                        }).build();
                    }
                    return bean;
                }
            };
        }

    }

}
