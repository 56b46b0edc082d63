package io.pkgpulse.model.archive;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A row of {@code download_archives}: the archive file of one UTC day.
 *
 * @param day the UTC day
 * @param fileName the file's name ({@code downloads-YYYY-MM-DD.csv.gz})
 * @param directory where the file was written (or loaded from)
 * @param rows raw rows in the file
 * @param bytes the file's size
 * @param sha256 SHA-256 of the file's bytes
 * @param archivedAt when this database archived the day; null for a file written
 * elsewhere and loaded here
 * @param loadedAt when the file was loaded back; null unless {@link #loaded()}
 * @param loadedRows rows that load put back (fewer than {@code rows} when packages were
 * deleted since); null unless {@link #loaded()}
 */
public record DownloadArchive(LocalDate day, String fileName, String directory, long rows, long bytes, byte[] sha256,
        Instant archivedAt, Instant loadedAt, Long loadedRows) {

    /** Whether the day's rows are in the database again (and kept until unloaded). */
    public boolean loaded() {
        return loadedAt != null;
    }

    public Path path() {
        return Path.of(directory).resolve(fileName);
    }
}
