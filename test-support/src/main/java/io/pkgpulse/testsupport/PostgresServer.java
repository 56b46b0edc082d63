package io.pkgpulse.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server on which tests may create and drop databases. Every database it
 * hands out is new, named {@code pkgpulse_test_<epoch-seconds>_<random>}, and dropped
 * when the JVM exits.
 */
final class PostgresServer {

    static final String DATABASE_PREFIX = "pkgpulse_test_";

    /**
     * Databases left behind by a killed run are dropped by a later run once they are this
     * old.
     */
    private static final Duration ABANDONED_AFTER = Duration.ofHours(12);

    private static final Pattern JDBC_URL = Pattern.compile("^(jdbc:postgresql://[^/?]+)/([^?]*)(\\?.*)?$");

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);

    private final String adminUrl;

    private final String username;

    private final String password;

    private final String description;

    PostgresServer(String adminUrl, String username, String password, String description) {
        if (!JDBC_URL.matcher(adminUrl).matches()) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL with a database name: " + adminUrl);
        }
        this.adminUrl = adminUrl;
        this.username = username;
        this.password = password;
        this.description = description;
    }

    String description() {
        return description;
    }

    /** Creates a new, empty database and schedules its removal at JVM exit. */
    TestDatabase createDatabase() {
        String name = DATABASE_PREFIX + Instant.now().getEpochSecond() + "_"
                + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
        execute("CREATE DATABASE " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(name), "drop-" + name));
        return new TestDatabase(urlFor(name), username, password, name, description);
    }

    /**
     * Drops test databases that earlier runs created and could not drop (killed JVMs).
     */
    void dropAbandonedDatabases() {
        long cutoff = Instant.now().minus(ABANDONED_AFTER).getEpochSecond();
        List<String> abandoned = new ArrayList<>();
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement
                    .executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '" + DATABASE_PREFIX + "%'")) {
            while (rows.next()) {
                String name = rows.getString(1);
                String[] parts = name.substring(DATABASE_PREFIX.length()).split("_");
                if (parts.length == 2 && parts[0].matches("\\d+") && Long.parseLong(parts[0]) < cutoff) {
                    abandoned.add(name);
                }
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Cannot list databases on " + description, ex);
        }
        abandoned.forEach(this::drop);
    }

    private void drop(String name) {
        try {
            execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            log.info("Dropped test database {}", name);
        }
        catch (RuntimeException ex) {
            log.warn("Could not drop test database {}: {}", name, ex.getMessage());
        }
    }

    private void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("'" + sql + "' failed on " + description + ": " + ex.getMessage(), ex);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(adminUrl, username, password);
    }

    private String urlFor(String database) {
        Matcher url = JDBC_URL.matcher(adminUrl);
        url.matches();
        return url.group(1) + "/" + database + (url.group(3) == null ? "" : url.group(3));
    }

}
