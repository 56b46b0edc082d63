package io.pkgpulse.ingest.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pkgpulse.ingest.IngestDatabase;
import io.pkgpulse.model.archive.ArchiveFiles;
import io.pkgpulse.testsupport.TestPostgres;

/**
 * The binary COPY encoder: what goes in comes back out of PostgreSQL, column by column,
 * in {@link RawRow}'s order.
 */
class DownloadCopyTest {

    final IngestDatabase database = new IngestDatabase();

    long packageId;

    long releaseId;

    int profileId;

    @BeforeEach
    void oneReleaseAndProfile() {
        database.truncate();
        packageId = database.jdbc()
            .queryForObject("INSERT INTO packages (id, name, normalized_name)"
                    + " VALUES (nextval('packages_seq'), 'six', 'six') RETURNING id", Long.class);
        releaseId = database.jdbc()
            .queryForObject("""
                    INSERT INTO releases (id, package_id, version, major, minor, micro, sort_key, prerelease)
                    VALUES (nextval('releases_seq'), ?, '1.16.0', 1, 16, 0, '', false) RETURNING id""", Long.class,
                    packageId);
        profileId = database.jdbc().queryForObject("""
                INSERT INTO client_profiles (id, sha256, installer_name)
                VALUES (nextval('client_profiles_seq'), sha256('pip'::bytea), 'pip') RETURNING id""", Integer.class);
    }

    @Test
    void theLayoutIsTheTablesAndTheArchiveFilesColumnOrder() {
        List<String> table = database.jdbc()
            .queryForList("""
                    SELECT column_name FROM information_schema.columns
                    WHERE table_schema = current_schema() AND table_name = 'downloads' ORDER BY ordinal_position""",
                    String.class);
        assertThat(RawRow.COLUMNS).containsExactlyElementsOf(table)
            .containsExactlyElementsOf(Arrays.asList(ArchiveFiles.COLUMNS.split(", ")));
        assertThat(DownloadCopy.SQL).isEqualTo("COPY downloads (id, downloaded_at, package_id, release_id,"
                + " client_profile_id, file_type, country_code) FROM STDIN (FORMAT binary)");
    }

    @Test
    void rowsRoundTripWithNullsAndTimesOnEitherSideOfThePostgresEpoch() throws SQLException {
        List<RawRow> rows = List.of(
                new RawRow(1, Instant.parse("2026-05-26T10:00:00.123456Z"), packageId, releaseId, profileId, (short) 2,
                        "DE"),
                new RawRow(2, Instant.parse("1999-12-31T23:59:59.999999Z"), packageId, releaseId, null, (short) 1,
                        null),
                new RawRow(Long.MAX_VALUE, Instant.parse("2000-01-01T00:00:00Z"), packageId, releaseId, profileId,
                        (short) 8, "US"));

        try (Connection connection = transaction()) {
            copy(connection, rows);
            assertThat(read(connection)).containsExactlyElementsOf(rows);
            connection.rollback();
        }
    }

    @Test
    void timesAreStoredToTheMicrosecondAndFinerDigitsAreDropped() throws SQLException {
        Instant at = Instant.parse("2026-05-26T10:00:00.123456789Z");
        try (Connection connection = transaction()) {
            copy(connection, List.of(new RawRow(1, at, packageId, releaseId, null, (short) 2, null)));
            assertThat(read(connection)).extracting(RawRow::downloadedAt)
                .containsExactly(at.truncatedTo(ChronoUnit.MICROS));
            connection.rollback();
        }
    }

    /**
     * The length of a text field is its UTF-8 byte count, not its character count, and
     * nothing is escaped in the binary format. The country code's check constraint is
     * lifted for this transaction only, to get odd text in.
     */
    @Test
    void textWithMultiByteAndSpecialCharactersRoundTrips() throws SQLException {
        List<String> odd = List.of("é", "ß€", "😀", "\t\n", "\\N", "'\"", ",|", "\r");
        List<RawRow> rows = new ArrayList<>();
        for (int i = 0; i < odd.size(); i++) {
            rows.add(new RawRow(i + 1, Instant.parse("2026-05-26T10:00:00Z"), packageId, releaseId, null, (short) 2,
                    odd.get(i)));
        }
        try (Connection connection = transaction()) {
            connection.createStatement().execute("ALTER TABLE downloads DROP CONSTRAINT downloads_country_code_check");
            copy(connection, rows);
            assertThat(read(connection)).containsExactlyElementsOf(rows);
            connection.rollback();
        }
    }

    /**
     * More rows than one buffer holds: the stream is sent in chunks, and no row is lost
     * or cut at a boundary.
     */
    @Test
    void aLargeBatchIsSentInChunksAndArrivesWhole() throws SQLException {
        List<RawRow> rows = new ArrayList<>();
        Instant start = Instant.parse("2026-05-26T00:00:00Z");
        for (int i = 1; i <= 30_000; i++) {
            rows.add(new RawRow(i, start.plusMillis(i * 7L), packageId, releaseId, i % 3 == 0 ? null : profileId,
                    (short) (1 + i % 8), i % 5 == 0 ? null : "US"));
        }
        try (Connection connection = transaction()) {
            assertThat(copy(connection, rows)).isEqualTo(30_000);
            assertThat(read(connection)).containsExactlyElementsOf(rows);
            connection.rollback();
        }
    }

    private static long copy(Connection connection, List<RawRow> rows) throws SQLException {
        try (DownloadCopy copy = new DownloadCopy(connection)) {
            for (RawRow row : rows) {
                copy.add(row);
            }
            return copy.finish();
        }
    }

    /** The rows back, by id, read in {@link RawRow#COLUMNS}' order. */
    private static List<RawRow> read(Connection connection) throws SQLException {
        List<RawRow> rows = new ArrayList<>();
        try (var statement = connection.createStatement();
                ResultSet row = statement
                    .executeQuery("SELECT " + String.join(", ", RawRow.COLUMNS) + " FROM downloads ORDER BY id")) {
            while (row.next()) {
                rows.add(new RawRow(row.getLong(1), row.getObject(2, java.time.OffsetDateTime.class).toInstant(),
                        row.getLong(3), row.getLong(4), row.getObject(5, Integer.class), row.getShort(6),
                        row.getString(7)));
            }
        }
        return rows;
    }

    private static Connection transaction() throws SQLException {
        Connection connection = TestPostgres.database().connect();
        connection.setAutoCommit(false);
        return connection;
    }

}
