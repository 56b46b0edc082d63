package io.pkgpulse.testsupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The PostgreSQL server of this test run, chosen once per JVM in this order:
 * <ol>
 * <li>explicit settings: {@code TEST_POSTGRES_URL} (a JDBC URL of an existing database on
 * the server to use, e.g. {@code jdbc:postgresql://db:5432/postgres}),
 * {@code TEST_POSTGRES_USER}, {@code TEST_POSTGRES_PASSWORD};</li>
 * <li>a Testcontainers {@code postgres:17} container when a Docker engine is
 * reachable;</li>
 * <li>this machine's PostgreSQL on 127.0.0.1:5432, user {@code postgres}, trust
 * authentication.</li>
 * </ol>
 * Whichever it is, each run works in databases it creates itself and drops at exit, never
 * in a shared one.
 */
public final class TestPostgres {

    private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);

    private static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private static PostgresServer server;

    private static TestDatabase database;

    private TestPostgres() {
    }

    /**
     * The database this test run shares between its Spring contexts; created on first
     * use.
     */
    public static synchronized TestDatabase database() {
        if (database == null) {
            database = server().createDatabase();
            log.info("Test infrastructure: PostgreSQL {}", database);
        }
        return database;
    }

    /**
     * Another new database on the same server, for a test that needs a schema of its own.
     */
    public static synchronized TestDatabase newDatabase() {
        TestDatabase extra = server().createDatabase();
        log.info("Test infrastructure: extra PostgreSQL {}", extra);
        return extra;
    }

    private static PostgresServer server() {
        if (server == null) {
            server = chooseServer();
            server.dropAbandonedDatabases();
        }
        return server;
    }

    private static PostgresServer chooseServer() {
        String url = System.getenv("TEST_POSTGRES_URL");
        if (url != null && !url.isBlank()) {
            return new PostgresServer(url, env("TEST_POSTGRES_USER", "postgres"), env("TEST_POSTGRES_PASSWORD", ""),
                    "the server named by TEST_POSTGRES_URL (" + url + ")");
        }
        if (DockerEngine.isReachable()) {
            DockerImageName image = DockerImageName.parse(env("TEST_POSTGRES_IMAGE", "postgres:17-alpine"))
                .asCompatibleSubstituteFor("postgres");
            PostgreSQLContainer container = new PostgreSQLContainer(image);
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "stop-test-postgres"));
            return new PostgresServer(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                    "a Testcontainers " + image + " container");
        }
        return new PostgresServer(LOCAL_URL, "postgres", "",
                "this machine's PostgreSQL at 127.0.0.1:5432 (no Docker engine)");
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

}
