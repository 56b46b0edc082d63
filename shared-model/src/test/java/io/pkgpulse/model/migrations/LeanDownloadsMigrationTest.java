package io.pkgpulse.model.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import io.pkgpulse.model.downloads.ClientProfile;
import io.pkgpulse.testsupport.TestDatabase;
import io.pkgpulse.testsupport.TestPostgres;

/**
 * V6 converts a populated database in place: raw rows with their client strings and user
 * agents become lean rows referring to client profiles, and every count, detail and
 * partition survives.
 */
class LeanDownloadsMigrationTest {

    static final String PIP_AGENT = "pip/24.0 {\"installer\":{\"name\":\"pip\",\"version\":\"24.0\"}}";

    static JdbcTemplate jdbc;

    static TransactionTemplate transactions;

    static Map<String, Object> before;

    @BeforeAll
    static void aPopulatedVersion5DatabaseMigratedToTheLatest() {
        TestDatabase database = TestPostgres.newDatabase();
        var dataSource = new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password());
        jdbc = new JdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        Flyway.configure().dataSource(dataSource).target("5").load().migrate();

        jdbc.execute("""
                CREATE TABLE downloads_p20260301 PARTITION OF downloads
                    FOR VALUES FROM ('2026-03-01 00:00Z') TO ('2026-03-02 00:00Z');
                CREATE TABLE downloads_p20260302 PARTITION OF downloads
                    FOR VALUES FROM ('2026-03-02 00:00Z') TO ('2026-03-03 00:00Z');
                INSERT INTO packages (id, name, normalized_name) VALUES (1, 'urllib3', 'urllib3'), (2, 'Six', 'six');
                INSERT INTO releases (id, package_id, version, major, minor, micro, sort_key, prerelease)
                    VALUES (10, 1, '2.2.1', 2, 2, 1, '', false), (20, 2, '1.16.0', 1, 16, 0, '', false);
                INSERT INTO user_agents (id, sha256, raw) VALUES (5, sha256('a'), '%s');
                """.formatted(PIP_AGENT));
        // 1,000 downloads over two day partitions and the default one, three kinds of
        // client, one with no details.
        jdbc.execute("""
                INSERT INTO downloads (id, downloaded_at, package_id, release_id, file_type, installer_name,
                    installer_version, python_version, implementation_name, implementation_version, system_name,
                    system_release, distro_name, distro_version, cpu, country_code, ci, user_agent_id, event_id)
                SELECT i, timestamptz '2026-03-01 00:00Z' + (i % 3) * interval '1 day' + i * interval '1 second',
                       CASE WHEN i % 4 = 0 THEN 2 ELSE 1 END, CASE WHEN i % 4 = 0 THEN 20 ELSE 10 END,
                       CASE WHEN i % 5 = 0 THEN 'sdist' ELSE 'bdist_wheel' END,
                       CASE i % 3 WHEN 0 THEN 'pip' WHEN 1 THEN 'uv' END, CASE i % 3 WHEN 0 THEN '24.0' END,
                       CASE i % 3 WHEN 0 THEN '3.12.2' WHEN 1 THEN '3.11.9' END, 'CPython', NULL,
                       CASE i % 3 WHEN 0 THEN 'Linux' END, NULL, NULL, NULL, NULL,
                       CASE WHEN i % 2 = 0 THEN 'DE' END, CASE i % 3 WHEN 0 THEN true END,
                       CASE i % 3 WHEN 0 THEN 5 END, gen_random_uuid()
                FROM generate_series(1, 1000) i""");
        jdbc.update("UPDATE downloads SET implementation_name = NULL WHERE id % 3 = 2"); // these
                                                                                         // told
                                                                                         // nothing

        before = counts();
        Flyway.configure().dataSource(dataSource).load().migrate();
    }

    /**
     * What must not change: downloads per package, day, release, file type, country and
     * client details.
     */
    static Map<String, Object> counts() {
        return Map.of("per package and day", jdbc.queryForList("""
                SELECT package_id, downloaded_at::date AS day, release_id, count(*) FROM downloads
                GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"""), "per file type and country", jdbc.queryForList("""
                SELECT CASE file_type::text WHEN '1' THEN 'sdist' WHEN '2' THEN 'bdist_wheel' ELSE file_type::text END
                       AS file_type, country_code, count(*) FROM downloads GROUP BY 1, 2 ORDER BY 1, 2"""), "ids",
                jdbc.queryForList("SELECT sum(id), min(downloaded_at), max(downloaded_at) FROM downloads"),
                "partitions", jdbc.queryForList(
                        """
                                SELECT tableoid::regclass::text AS partition, count(*) FROM downloads GROUP BY 1 ORDER BY 1"""));
    }

    @Test
    void everyDownloadKeepsItsPackageReleaseDayFileTypeCountryAndPartition() {
        assertThat(counts()).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM downloads", Long.class)).isEqualTo(1000);
    }

    @Test
    void eachDistinctClientBecomesOneProfileAndRowsWithoutDetailsHaveNone() {
        assertThat(jdbc.queryForList("""
                SELECT coalesce(installer_name, '-') || ' ' || coalesce(python_version, '-') || ' '
                       || coalesce(implementation_name, '-') || ' ' || coalesce(system_name, '-') || ' '
                       || coalesce(ci::text, '-') || ' ' || coalesce(user_agent, '-') || ' ' || count(d.*)
                FROM client_profiles p LEFT JOIN downloads d ON d.client_profile_id = p.id
                GROUP BY p.id ORDER BY 1""", String.class))
            .containsExactly("pip 3.12.2 CPython Linux true " + PIP_AGENT + " 333", "uv 3.11.9 CPython - - - 334");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM downloads WHERE client_profile_id IS NULL", Long.class))
            .isEqualTo(333);
    }

    @Test
    void theJavaKeyOfAProfileIsTheKeyTheDatabaseComputes() {
        var fields = new ClientProfile.Fields("pip", "24.0", "3.12.2", "CPython", null, "Linux", null, null, null, null,
                "glibc", "2.36", "x86_64", true, "pip/24.0 ünïcode");
        byte[] sql = jdbc.queryForObject("""
                SELECT client_profile_sha256('pip', '24.0', '3.12.2', 'CPython', NULL, 'Linux', NULL, NULL, NULL, NULL,
                    'glibc', '2.36', 'x86_64', true, 'pip/24.0 ünïcode')""", byte[].class);
        assertThat(fields.sha256()).isEqualTo(sql);
        assertThat(new ClientProfile.Fields(null, null, null, null, null, null, null, null, null, null, null, null,
                null, false, null)
            .sha256())
            .isNotEqualTo(new ClientProfile.Fields(null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null)
                .sha256());
        // Values are untrusted text: no character in them can make two profiles share a
        // key.
        assertThat(agentOnly("-").sha256()).isNotEqualTo(agentOnly(null).sha256());
        assertThat(agentOnly("\u0001").sha256()).isNotEqualTo(agentOnly(null).sha256());
        assertThat(new ClientProfile.Fields("a1:b", null, null, null, null, null, null, null, null, null, null, null,
                null, null, null)
            .sha256())
            .isNotEqualTo(new ClientProfile.Fields("a", "b", null, null, null, null, null, null, null, null, null, null,
                    null, null, null)
                .sha256());
        String astral = "pip/24.0 \uD83D\uDC0D \u0001\u001F-";
        assertThat(agentOnly(astral).sha256()).isEqualTo(jdbc.queryForObject(
                "SELECT client_profile_sha256(NULL, NULL,"
                        + " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, ?)",
                byte[].class, astral));
    }

    private static ClientProfile.Fields agentOnly(String agent) {
        return new ClientProfile.Fields(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, agent);
    }

    @Test
    void theUserAgentsTableIsGoneAndProfilesCannotChange() {
        assertThat(jdbc.queryForObject("SELECT to_regclass('user_agents') IS NULL", Boolean.class)).isTrue();
        assertThatThrownBy(() -> jdbc.update("DELETE FROM client_profiles")).hasMessageContaining("immutable");
        assertThatThrownBy(() -> jdbc.update("UPDATE client_profiles SET cpu = 'arm64'"))
            .hasMessageContaining("immutable");
        assertThat(jdbc.queryForList("SELECT count(*) FROM client_profiles", Long.class)).containsExactly(2L);
    }

    @Test
    void deletingAPackageStillDeletesItsDownloads() {
        transactions.executeWithoutResult(rollBack -> {
            jdbc.update("DELETE FROM packages WHERE id = 2");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM downloads WHERE package_id = 2", Long.class)).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM downloads", Long.class)).isEqualTo(750);
            rollBack.setRollbackOnly(); // the other tests see the migrated rows
        });
    }

}
