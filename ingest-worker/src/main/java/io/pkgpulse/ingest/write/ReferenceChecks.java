package io.pkgpulse.ingest.write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.pkgpulse.ingest.IngestProperties;
import io.pkgpulse.ingest.IngestProperties.ReferenceCheck;

/**
 * Keeps {@code downloads.package_id} and {@code downloads.release_id} true foreign keys
 * without paying for them per row. PostgreSQL's foreign-key trigger runs, for every
 * inserted row, a lookup of the referenced row that locks it {@code FOR KEY SHARE} until
 * the transaction ends (about 5.5 µs per row and key). A batch of 20,000 downloads refers
 * to a few thousand distinct packages and releases, so this does the same lookup and lock
 * once per distinct id, in one statement per table, and then turns the per-row triggers
 * off for the rest of the transaction
 * ({@code SET LOCAL session_replication_role = replica}, as logical replication and
 * {@code pg_restore} do).
 * <p>
 * The guarantee is the trigger's: every id written exists when the batch commits (a batch
 * with an id that was deleted meanwhile fails and is retried), and a concurrent delete of
 * a package or release waits for the batch's commit, then deletes its new rows too
 * through the declared {@code ON DELETE CASCADE}. Setting the parameter needs a superuser
 * or, on PostgreSQL 15 and later,
 * {@code GRANT SET ON PARAMETER session_replication_role}; without it the worker says so
 * once and leaves the checks to the triggers.
 */
@Component
class ReferenceChecks {

    private static final Logger log = LoggerFactory.getLogger(ReferenceChecks.class);

    private final ReferenceCheck configured;

    private volatile Boolean permitted;

    ReferenceChecks(IngestProperties properties) {
        this.configured = properties.referenceChecks();
    }

    /**
     * Locks the referenced rows and, where permitted, skips the per-row checks for the
     * rest of the transaction. With per-row checks configured, the lock is taken all the
     * same: a deleted id is then found before any row is written, and its cached id
     * forgotten, instead of failing the COPY again and again.
     * @throws MissingReferencesException if an id no longer exists; nothing may be
     * written then
     */
    void lockAndSkipRowChecks(Connection connection, SortedSet<Long> packageIds, SortedSet<Long> releaseIds)
            throws SQLException {
        Set<Long> missingPackages = missing(connection, "packages", packageIds);
        Set<Long> missingReleases = missing(connection, "releases", releaseIds);
        if (!missingPackages.isEmpty() || !missingReleases.isEmpty()) {
            throw new MissingReferencesException(missingPackages, missingReleases);
        }
        if (!perBatch(connection)) {
            return;
        }
        try (var statement = connection.createStatement()) {
            statement.execute("SET LOCAL session_replication_role = replica");
        }
    }

    /**
     * Whether references are checked per batch: configured so, and allowed to set the
     * parameter.
     */
    boolean perBatch(Connection connection) throws SQLException {
        if (configured == ReferenceCheck.ROW) {
            return false;
        }
        if (permitted == null) {
            permitted = maySetReplicationRole(connection);
            if (!permitted) {
                log.warn("pkgpulse.ingest.reference-checks=batch needs a superuser or, on PostgreSQL 15 and later,"
                        + " GRANT SET ON PARAMETER session_replication_role to the worker's role; references are"
                        + " checked per row instead, which is slower");
            }
        }
        return permitted;
    }

    /**
     * Ids of {@code ids} without a row in {@code table}; the ones found stay locked until
     * the transaction ends.
     */
    private static Set<Long> missing(Connection connection, String table, SortedSet<Long> ids) throws SQLException {
        Set<Long> missing = new TreeSet<>(ids);
        if (ids.isEmpty()) {
            return missing;
        }
        // Sorted, like the foreign-key checks of concurrent batches would meet them; KEY
        // SHARE locks do not block
        // each other, only deletes and key updates of these rows.
        try (PreparedStatement statement = connection.prepareStatement("SELECT t.id FROM unnest(?::bigint[]) AS k(id)"
                + " JOIN " + table + " t ON t.id = k.id ORDER BY t.id FOR KEY SHARE OF t")) {
            statement.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    missing.remove(rows.getLong(1));
                }
            }
        }
        return missing;
    }

    private static boolean maySetReplicationRole(Connection connection) throws SQLException {
        // has_parameter_privilege exists from PostgreSQL 15 on; an older server would
        // fail to parse the query.
        String sql = connection.getMetaData().getDatabaseMajorVersion() >= 15
                ? "SELECT current_setting('is_superuser') = 'on'"
                        + " OR has_parameter_privilege('session_replication_role', 'SET')"
                : "SELECT current_setting('is_superuser') = 'on'";
        try (var statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            return row.next() && row.getBoolean(1);
        }
    }

}
