package io.pkgpulse.model.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.StatementCallback;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.pkgpulse.model.Sha256;
import io.pkgpulse.model.downloads.DownloadPartitions;

/**
 * Puts an archived day's raw rows back ({@link #load}) and drops them again
 * ({@link #unload}). Rollups are never touched: they were kept when the day was archived
 * and already count these downloads, so loading a day changes no report and loading it
 * twice could not count anything twice; it is refused anyway, since its rows are there.
 * <p>
 * A load is one transaction: the file is gunzipped into
 * {@code COPY … FROM STDIN (FORMAT csv, HEADER MATCH)} of a temporary table, and the rows
 * whose package and release still exist are inserted into the day's partition (created if
 * needed; a row of another day fails the partition's constraint). It is refused, and
 * nothing changes, when the day is recorded as loaded, when its partition already has
 * rows, when the file is not the one recorded for the day (SHA-256), or when it is not a
 * valid archive (name, gzip, header, values). A loaded day is kept by the worker, past
 * retention or not, until it is unloaded.
 */
@Component
public class ArchiveLoader {

    private final DataSource dataSource;

    private final JdbcTemplate jdbc;

    private final TransactionTemplate transactions;

    private final DownloadPartitions partitions;

    private final DownloadArchives archives;

    ArchiveLoader(DataSource dataSource, JdbcTemplate jdbc, TransactionTemplate transactions,
            DownloadPartitions partitions) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.partitions = partitions;
        this.archives = new DownloadArchives(jdbc);
    }

    /**
     * What a load did.
     *
     * @param day the UTC day
     * @param partition the partition the rows went into
     * @param rows rows in the file
     * @param loaded rows put back: {@code rows} minus those of packages or releases
     * deleted since
     */
    public record Loaded(LocalDate day, String partition, long rows, long loaded) {

        public long skipped() {
            return rows - loaded;
        }
    }

    /** The archives this database knows, by day. */
    public List<DownloadArchive> archives() {
        return archives.all();
    }

    public Optional<DownloadArchive> archive(LocalDate day) {
        return archives.find(day);
    }

    /**
     * Loads one archive file back into its day's partition, or throws
     * {@link ArchiveException} saying why not.
     */
    public Loaded load(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        LocalDate day = ArchiveFiles.day(name)
            .orElseThrow(() -> new ArchiveException(
                    "not an archive file name: expected downloads-YYYY-MM-DD.csv.gz, got '" + name + "'"));
        Path path = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new ArchiveException("no such file: " + path);
        }
        if (!Files.isReadable(path)) {
            throw new ArchiveException("permission denied: " + path);
        }
        String partition = DownloadPartitions.partitionName(day);
        return transactions.execute(tx -> {
            jdbc.execute("SELECT pg_advisory_xact_lock(" + DownloadArchiver.LOCK_KEY + ")");
            for (String setting : ArchiveFiles.SESSION_SETTINGS) {
                jdbc.execute(setting);
            }
            Optional<DownloadArchive> recorded = archives.find(day);
            if (recorded.isPresent() && recorded.get().loaded()) {
                DownloadArchive archive = recorded.get();
                throw new ArchiveException("day " + day + " was loaded already (at " + archive.loadedAt() + ", "
                        + archive.loadedRows() + " row(s), from " + archive.path() + "); nothing loaded."
                        + " unload-archive " + day + " drops it again");
            }
            partitions.create(day, day);
            if (Boolean.TRUE
                .equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM " + partition + ")", Boolean.class))) {
                throw new ArchiveException("day " + day + " has rows in " + partition + " already: its downloads are"
                        + " in the database (not archived, or loaded already); nothing loaded");
            }

            jdbc.execute("CREATE TEMPORARY TABLE archive_rows (LIKE downloads) ON COMMIT DROP");
            Copied copied = copyIn(path);
            if (recorded.isPresent() && !Arrays.equals(copied.sha256(), recorded.get().sha256())) {
                DownloadArchive archive = recorded.get();
                throw new ArchiveException("this is not the archive recorded for " + day + " (" + archive.path() + ", "
                        + archive.rows() + " row(s), SHA-256 " + ArchiveFiles.hex(archive.sha256())
                        + "): its SHA-256 is " + ArchiveFiles.hex(copied.sha256()) + "; nothing loaded");
            }
            Long loaded;
            try {
                String insert = "INSERT INTO " + partition + " (" + ArchiveFiles.COLUMNS + ") SELECT "
                        + ArchiveFiles.COLUMNS + " FROM archive_rows a WHERE EXISTS (SELECT 1 FROM releases r"
                        + " WHERE r.id = a.release_id AND r.package_id = a.package_id)";
                loaded = jdbc.execute((StatementCallback<Long>) statement -> statement.executeLargeUpdate(insert));
            }
            catch (org.springframework.dao.DataIntegrityViolationException ex) {
                throw new ArchiveException("the file's rows do not fit day " + day + " (" + partition + ")", ex);
            }
            jdbc.execute("DROP TABLE archive_rows");
            archives.loaded(day, path, copied.rows(), copied.bytes(), copied.sha256(), loaded, recorded.isPresent());
            return new Loaded(day, partition, copied.rows(), loaded);
        });
    }

    private record Copied(long rows, long bytes, byte[] sha256) {
    }

    private Copied copyIn(Path path) {
        MessageDigest digest = Sha256.digest();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (DigestInputStream file = new DigestInputStream(
                new BufferedInputStream(Files.newInputStream(path), 64 * 1024), digest);
                InputStream csv = new GZIPInputStream(file, 64 * 1024)) {
            long rows = connection.unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn("COPY archive_rows (" + ArchiveFiles.COLUMNS + ") FROM STDIN WITH (FORMAT csv, HEADER MATCH)",
                        csv);
            file.transferTo(java.io.OutputStream.nullOutputStream()); // whatever follows
                                                                      // the gzip data is
                                                                      // hashed too
            return new Copied(rows, Files.size(path), digest.digest());
        }
        catch (IOException ex) {
            throw new ArchiveException("cannot read " + path, ex);
        }
        catch (SQLException ex) {
            throw new ArchiveException("not a valid archive: " + path, ex);
        }
        finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * Drops a loaded day's partition again, leaving its rows only in the archive file, or
     * throws {@link ArchiveException} saying why not: the day is not loaded, its file is
     * missing or changed, or its partition holds other rows than the load put back.
     */
    public void unload(LocalDate day) {
        String partition = DownloadPartitions.partitionName(day);
        transactions.executeWithoutResult(tx -> {
            jdbc.execute("SELECT pg_advisory_xact_lock(" + DownloadArchiver.LOCK_KEY + ")");
            DownloadArchive archive = archives.find(day)
                .orElseThrow(() -> new ArchiveException("day " + day
                        + " has no archive: its rows, if any, are not in a file, so they are not dropped"));
            if (!archive.loaded()) {
                throw new ArchiveException("day " + day + " is not loaded (its rows are only in " + archive.path()
                        + "); nothing to unload");
            }
            Path file = archive.path();
            try {
                if (!Arrays.equals(ArchiveFiles.sha256(file), archive.sha256())) {
                    throw new ArchiveException(file + " has changed since it was recorded; the day's rows stay");
                }
            }
            catch (IOException ex) {
                throw new ArchiveException("cannot read the archive of " + day + ", so its rows stay", ex);
            }
            if (partitions.days().contains(day)) {
                jdbc.execute("LOCK TABLE " + partition + " IN SHARE MODE");
                long rows = jdbc.queryForObject("SELECT count(*) FROM " + partition, Long.class);
                if (rows != archive.loadedRows()) {
                    throw new ArchiveException(
                            partition + " holds " + rows + " row(s), the load put back " + archive.loadedRows()
                                    + ": rows changed since, and they are not in " + file + "; nothing dropped");
                }
                partitions.drop(day);
            }
            archives.unloaded(day);
        });
    }

}
