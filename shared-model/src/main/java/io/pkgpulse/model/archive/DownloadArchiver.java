package io.pkgpulse.model.archive;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.pkgpulse.model.Sha256;
import io.pkgpulse.model.downloads.DownloadPartitions;
import io.pkgpulse.model.downloads.DownloadsProperties;

/**
 * Applies the raw retention: every day before the cut is written to its archive file
 * ({@code pkgpulse.downloads.archive-directory}, format in {@link ArchiveFiles}) and only
 * then dropped. Rollups are not touched. For each day, in one transaction:
 * <ol>
 * <li>the day's partition is locked against writes ({@code SHARE}), so the file holds
 * exactly what is dropped;</li>
 * <li>{@code COPY (SELECT … ORDER BY id) TO STDOUT (FORMAT csv, HEADER)} through PgJDBC's
 * {@code CopyManager}, gzip-compressed into {@code downloads-YYYY-MM-DD.csv.gz.tmp},
 * which is then forced to disk;</li>
 * <li>the file is read back: its row count must be the partition's;</li>
 * <li>it is renamed atomically to its final name. A final file that exists already is
 * kept if it holds the same rows (an earlier attempt whose commit failed) and is never
 * overwritten if it holds others;</li>
 * <li>the file is recorded in {@code download_archives} and the partition dropped, under
 * {@link DownloadPartitions}' lock.</li>
 * </ol>
 * Any failure rolls the transaction back, so the partition stays; the day is logged at
 * {@code ERROR} with the file and the cause, and tried again at the next pass. Rows of
 * days past retention that sit in the default partition are first moved into a partition
 * of their day, then archived the same way. Days loaded back by {@link ArchiveLoader} are
 * kept until they are unloaded. Without a directory nothing is archived and nothing
 * dropped (one {@code WARN}). Processes sharing the database take turns: a pass that
 * finds another one archiving leaves the remaining days to it.
 */
@Component
public class DownloadArchiver {

    private static final Logger log = LoggerFactory.getLogger(DownloadArchiver.class);

    /**
     * Serialises archiving, loading and unloading between processes (xact-level, like the
     * partitions' lock).
     */
    static final String LOCK_KEY = "hashtext('pkgpulse.downloads.archive')";

    /**
     * How long a pass waits for the locks it needs (ingest transactions end within
     * seconds).
     */
    static final String LOCK_TIMEOUT = "30s";

    private final DataSource dataSource;

    private final JdbcTemplate jdbc;

    private final TransactionTemplate transactions;

    private final DownloadPartitions partitions;

    private final DownloadsProperties properties;

    private final DownloadArchives archives;

    private final AtomicBoolean warnedUnconfigured = new AtomicBoolean();

    DownloadArchiver(DataSource dataSource, JdbcTemplate jdbc, TransactionTemplate transactions,
            DownloadPartitions partitions, DownloadsProperties properties) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.partitions = partitions;
        this.properties = properties;
        this.archives = new DownloadArchives(jdbc);
    }

    /**
     * Archives and drops every day before {@code cutoff} (see the class comment); never
     * throws for one day.
     */
    public ArchiveRun archiveBefore(LocalDate cutoff) {
        Set<LocalDate> loadedDays = archives.loadedDays();
        SortedSet<LocalDate> inDefault = daysInDefaultPartition(cutoff);
        SortedSet<LocalDate> due = new TreeSet<>(partitions.days().headSet(cutoff));
        due.addAll(inDefault);
        List<LocalDate> loaded = new ArrayList<>(due.stream().filter(loadedDays::contains).toList());
        due.removeAll(loaded);
        inDefault.removeAll(loaded);

        Path directory = properties.archiveDirectory() == null ? null
                : properties.archiveDirectory().toAbsolutePath().normalize(); // recorded
                                                                              // as such
        if (directory == null) {
            if (!due.isEmpty() && warnedUnconfigured.compareAndSet(false, true)) {
                log.warn(
                        "pkgpulse.downloads.archive-directory is not set: raw days before {} ({} day(s) from {}) are"
                                + " kept, neither archived nor dropped, until it is set. (Logged once.)",
                        cutoff, due.size(), due.first());
            }
            return new ArchiveRun(List.of(), Map.of(), loaded, List.copyOf(due));
        }

        List<LocalDate> archived = new ArrayList<>();
        Map<LocalDate, String> failed = new LinkedHashMap<>();
        for (LocalDate day : due) {
            Path file = directory.resolve(ArchiveFiles.fileName(day));
            try {
                if (inDefault.contains(day)) {
                    partitions.create(day, day); // moves the day's rows out of the
                                                 // default partition
                }
                Outcome outcome = archiveDay(day, directory);
                if (outcome == Outcome.BUSY) {
                    log.info("Another process is archiving raw days; leaving the days from {} to it", day);
                    break;
                }
                if (outcome == Outcome.ARCHIVED) {
                    archived.add(day);
                }
                else if (outcome == Outcome.LOADED) {
                    loaded.add(day);
                }
            }
            catch (RuntimeException ex) {
                String why = ArchiveFiles.describe(ex);
                failed.put(day, why);
                log.error("Could not archive raw day {} to {}: {}. Its partition {} stays; archiving is tried again at"
                        + " the next maintenance", day, file, why, DownloadPartitions.partitionName(day));
                log.debug("Archiving {} failed", day, ex);
            }
        }
        if (!archived.isEmpty()) {
            log.info("Raw retention: archived and dropped {} day(s) before {} into {}", archived.size(), cutoff,
                    directory);
        }
        return new ArchiveRun(archived, failed, loaded, List.of());
    }

    private enum Outcome {

        /** Written, recorded and dropped. */
        ARCHIVED,
        /**
         * Recorded already (an empty partition of it was dropped), or dropped meanwhile
         * by another process.
         */
        DONE,
        /** Loaded back meanwhile: kept. */
        LOADED,
        /** Another process holds the archive lock. */
        BUSY

    }

    private Outcome archiveDay(LocalDate day, Path directory) {
        String partition = DownloadPartitions.partitionName(day);
        Path target = directory.resolve(ArchiveFiles.fileName(day));
        Path temporary = directory.resolve(ArchiveFiles.fileName(day) + ".tmp");
        try {
            return transactions.execute(tx -> {
                if (!Boolean.TRUE
                    .equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(" + LOCK_KEY + ")", Boolean.class))) {
                    return Outcome.BUSY;
                }
                jdbc.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
                for (String setting : ArchiveFiles.SESSION_SETTINGS) {
                    jdbc.execute(setting);
                }
                if (!partitions.days().contains(day)) {
                    return Outcome.DONE;
                }
                Optional<DownloadArchive> recorded = archives.find(day);
                if (recorded.isPresent() && recorded.get().loaded()) {
                    return Outcome.LOADED;
                }
                jdbc.execute("LOCK TABLE " + partition + " IN SHARE MODE");
                if (recorded.isPresent()) {
                    return dropArchivedAgain(recorded.get(), partition);
                }
                Written written = write(partition, directory, temporary, target);
                archives.archived(day, target, written.rows(), written.bytes(), written.sha256());
                partitions.drop(day);
                log.info("Archived raw day {}: {} row(s), {} bytes, into {}; dropped {}", day, written.rows(),
                        written.bytes(), target, partition);
                return Outcome.ARCHIVED;
            });
        }
        finally {
            try {
                if (Files.isDirectory(directory)) {
                    Files.deleteIfExists(temporary);
                }
            }
            catch (IOException ex) {
                log.warn("Could not delete {}: {}", temporary, ArchiveFiles.describe(ex));
            }
        }
    }

    /**
     * A day archived before whose partition exists again: dropped if empty, refused if
     * rows came back.
     */
    private Outcome dropArchivedAgain(DownloadArchive archive, String partition) {
        long rows = jdbc.queryForObject("SELECT count(*) FROM " + partition, Long.class);
        if (rows > 0) {
            throw new ArchiveException(partition + " holds " + rows + " row(s) although the day was archived already"
                    + " (to " + archive.path() + ", " + archive.rows() + " row(s)); the archive is not overwritten."
                    + " Move those rows out by hand, then drop the partition");
        }
        partitions.drop(archive.day());
        return Outcome.DONE;
    }

    private record Written(long rows, long bytes, byte[] sha256) {
    }

    private Written write(String partition, Path directory, Path temporary, Path target) {
        String sql = "COPY (SELECT " + ArchiveFiles.COLUMNS + " FROM " + partition
                + " ORDER BY id) TO STDOUT WITH (FORMAT csv, HEADER)";
        try {
            Files.createDirectories(directory);
            MessageDigest digest = Sha256.digest();
            long rows;
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                DigestOutputStream file = new DigestOutputStream(
                        new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024), digest);
                GZIPOutputStream gzip = new GZIPOutputStream(file, 64 * 1024);
                rows = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, gzip);
                gzip.finish();
                file.flush();
                channel.force(true);
            }
            finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }

            long inPartition = jdbc.queryForObject("SELECT count(*) FROM " + partition, Long.class);
            long inFile = ArchiveFiles.rowsIn(temporary);
            if (rows != inPartition || inFile != rows) {
                throw new ArchiveException("row counts differ: " + inPartition + " in " + partition + ", " + rows
                        + " copied, " + inFile + " read back from " + temporary);
            }
            byte[] sha256 = digest.digest();
            if (Files.exists(target)) {
                if (!ArchiveFiles.sameContent(target, temporary)) {
                    throw new ArchiveException(target + " exists already and holds other rows than " + partition
                            + "; it is not overwritten. Check it (load-archive refuses it while the day's partition"
                            + " has rows), then move it away");
                }
                // An earlier attempt wrote it and failed afterwards: keep that file,
                // record it as it is.
                log.info("{} exists already with the same rows; keeping it", target);
                sha256 = ArchiveFiles.sha256(target);
            }
            else {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            }
            ArchiveFiles.fsyncDirectory(directory);
            return new Written(rows, Files.size(target), sha256);
        }
        catch (IOException ex) {
            throw new ArchiveException("cannot write " + temporary, ex);
        }
        catch (SQLException ex) {
            throw new ArchiveException("cannot copy " + partition + " out", ex);
        }
    }

    private SortedSet<LocalDate> daysInDefaultPartition(LocalDate cutoff) {
        return new TreeSet<>(jdbc.queryForList("""
                SELECT DISTINCT (downloaded_at AT TIME ZONE 'UTC')::date FROM downloads_default
                WHERE downloaded_at < ?::date::timestamp AT TIME ZONE 'UTC'""", LocalDate.class, cutoff));
    }

}
