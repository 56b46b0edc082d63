package io.pkgpulse.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A PostgreSQL database that exists for one test run only.
 *
 * @param jdbcUrl JDBC URL of the database
 * @param username user to connect as
 * @param password that user's password (may be empty)
 * @param name the database's name
 * @param server where the database lives, for logs
 */
public record TestDatabase(String jdbcUrl, String username, String password, String name, String server) {

    /**
     * A plain JDBC connection, for tests that check rows behind the application's back.
     */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, username, password);
    }

    /** Host and port of the server, e.g. to put a {@link TcpProxy} in front of it. */
    public java.net.URI serverAddress() {
        return java.net.URI.create(jdbcUrl.substring("jdbc:".length()));
    }

    /** The same database's URL through a proxy listening on {@code port} of this host. */
    public String jdbcUrlThrough(int port) {
        return jdbcUrl.replaceFirst("//[^/]+/", "//127.0.0.1:" + port + "/");
    }

    @Override
    public String toString() {
        return "database " + name + " on " + server;
    }
}
