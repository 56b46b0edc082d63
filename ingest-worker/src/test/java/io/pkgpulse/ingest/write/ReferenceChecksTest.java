package io.pkgpulse.ingest.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import io.pkgpulse.ingest.IngestDatabase;
import io.pkgpulse.ingest.IngestProperties;
import io.pkgpulse.testsupport.TestPostgres;

/**
 * The raw rows' references are checked once per batch instead of per row, and still no
 * download can refer to a package or release that does not exist when its batch commits.
 */
class ReferenceChecksTest {

    static final String ROW = "INSERT INTO downloads (id, downloaded_at, package_id, release_id, file_type)"
            + " VALUES (nextval('downloads_seq'), now(), ?, ?, 2)";

    final IngestDatabase database = new IngestDatabase();

    long packageId;

    long releaseId;

    @BeforeEach
    void oneRelease() {
        database.truncate();
        packageId = database.jdbc()
            .queryForObject("INSERT INTO packages (id, name, normalized_name)"
                    + " VALUES (nextval('packages_seq'), 'six', 'six') RETURNING id", Long.class);
        releaseId = database.jdbc()
            .queryForObject("""
                    INSERT INTO releases (id, package_id, version, major, minor, micro, sort_key, prerelease)
                    VALUES (nextval('releases_seq'), ?, '1.16.0', 1, 16, 0, '', false) RETURNING id""", Long.class,
                    packageId);
    }

    @Test
    void aBatchReferringToADeletedPackageOrReleaseWritesNothing() throws SQLException {
        try (Connection batch = transaction()) {
            assertThatThrownBy(() -> checks("batch").lockAndSkipRowChecks(batch, ids(packageId, packageId + 1),
                    ids(releaseId, releaseId + 7)))
                .isInstanceOfSatisfying(MissingReferencesException.class, missing -> {
                    assertThat(missing.packageIds()).containsExactly(packageId + 1);
                    assertThat(missing.releaseIds()).containsExactly(releaseId + 7);
                });
            batch.rollback();
        }
    }

    @Test
    void aDeleteWaitsForTheBatchThatUsesThePackageAndThenTakesItsRowsAlong() throws Exception {
        try (Connection batch = transaction(); Connection admin = TestPostgres.database().connect()) {
            checks("batch").lockAndSkipRowChecks(batch, ids(packageId), ids(releaseId));
            assertThat(setting(batch, "session_replication_role")).as("per-row triggers off for this batch")
                .isEqualTo("replica");
            insertRows(batch, 3);

            admin.createStatement().execute("SET lock_timeout = '300ms'");
            assertThatThrownBy(() -> admin.createStatement().execute("DELETE FROM packages WHERE id = " + packageId))
                .hasMessageContaining("lock timeout");

            admin.createStatement().execute("SET lock_timeout = 0");
            CompletableFuture<Integer> delete = CompletableFuture.supplyAsync(() -> {
                try {
                    return admin.createStatement().executeUpdate("DELETE FROM packages WHERE id = " + packageId);
                }
                catch (SQLException ex) {
                    throw new IllegalStateException(ex);
                }
            });
            batch.commit();
            assertThat(delete.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        }
        assertThat(database.rawCount()).as("no orphan download").isZero();
    }

    @Test
    void configuredPerRowTheForeignKeyTriggersStillRejectAnOrphanRow() throws SQLException {
        try (Connection batch = transaction()) {
            checks("row").lockAndSkipRowChecks(batch, ids(packageId), ids(releaseId));
            assertThatThrownBy(() -> {
                try (var insert = batch.prepareStatement(ROW)) {
                    insert.setLong(1, packageId + 1);
                    insert.setLong(2, releaseId);
                    insert.executeUpdate();
                }
            }).hasMessageContaining("violates foreign key constraint");
            batch.rollback();
        }
    }

    private static Connection transaction() throws SQLException {
        Connection connection = TestPostgres.database().connect();
        connection.setAutoCommit(false);
        return connection;
    }

    private void insertRows(Connection connection, int n) throws SQLException {
        try (var insert = connection.prepareStatement(ROW)) {
            for (int i = 0; i < n; i++) {
                insert.setLong(1, packageId);
                insert.setLong(2, releaseId);
                insert.executeUpdate();
            }
        }
    }

    private static TreeSet<Long> ids(Long... ids) {
        return new TreeSet<>(java.util.List.of(ids));
    }

    private static ReferenceChecks checks(String mode) {
        return new ReferenceChecks(
                new Binder(new MapConfigurationPropertySource(Map.of("pkgpulse.ingest.reference-checks", mode)))
                    .bindOrCreate("pkgpulse.ingest", IngestProperties.class));
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (var statement = connection.prepareStatement("SELECT current_setting(?)")) {
            statement.setString(1, name);
            try (var row = statement.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

}
