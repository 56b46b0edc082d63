package io.pkgpulse.model.archive;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code download_archives} table: which days are archived, in which file, and which
 * are loaded back.
 */
final class DownloadArchives {

    private static final String SELECT = """
            SELECT day, file_name, directory, rows, bytes, sha256, archived_at, loaded_at, loaded_rows
            FROM download_archives""";

    private final JdbcTemplate jdbc;

    DownloadArchives(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<DownloadArchive> find(LocalDate day) {
        return jdbc.query(SELECT + " WHERE day = ?", DownloadArchives::archive, day).stream().findFirst();
    }

    List<DownloadArchive> all() {
        return jdbc.query(SELECT + " ORDER BY day", DownloadArchives::archive);
    }

    /**
     * Days loaded back: their partitions stay whatever the retention says, until they are
     * unloaded.
     */
    Set<LocalDate> loadedDays() {
        return new TreeSet<>(
                jdbc.queryForList("SELECT day FROM download_archives WHERE state = 'loaded'", LocalDate.class));
    }

    /** Records a file this database just wrote. */
    void archived(LocalDate day, Path file, long rows, long bytes, byte[] sha256) {
        jdbc.update("""
                INSERT INTO download_archives (day, file_name, directory, rows, bytes, sha256, archived_at, state)
                VALUES (?, ?, ?, ?, ?, ?, now(), 'archived')""", day, file.getFileName().toString(),
                file.getParent().toString(), rows, bytes, sha256);
    }

    /**
     * Records that a file was loaded back; {@code recorded} says whether the day had a
     * row already.
     */
    void loaded(LocalDate day, Path file, long rows, long bytes, byte[] sha256, long loadedRows, boolean recorded) {
        if (recorded) {
            jdbc.update("""
                    UPDATE download_archives SET state = 'loaded', loaded_at = now(), loaded_rows = ?
                    WHERE day = ?""", loadedRows, day);
        }
        else {
            jdbc.update("""
                    INSERT INTO download_archives (day, file_name, directory, rows, bytes, sha256, state, loaded_at,
                                                   loaded_rows)
                    VALUES (?, ?, ?, ?, ?, ?, 'loaded', now(), ?)""", day, file.getFileName().toString(),
                    file.getParent().toString(), rows, bytes, sha256, loadedRows);
        }
    }

    /** Records that a loaded day's rows were dropped again: they are only in the file. */
    void unloaded(LocalDate day) {
        jdbc.update("""
                UPDATE download_archives SET state = 'archived', loaded_at = NULL, loaded_rows = NULL
                WHERE day = ?""", day);
    }

    private static DownloadArchive archive(ResultSet row, int n) throws SQLException {
        return new DownloadArchive(row.getObject("day", LocalDate.class), row.getString("file_name"),
                row.getString("directory"), row.getLong("rows"), row.getLong("bytes"), row.getBytes("sha256"),
                instant(row.getTimestamp("archived_at")), instant(row.getTimestamp("loaded_at")),
                row.getObject("loaded_rows", Long.class));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

}
