package io.pkgpulse.model.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import io.pkgpulse.model.Sha256;

/**
 * The archive file format: one gzip-compressed CSV file per UTC day,
 * {@code downloads-YYYY-MM-DD.csv.gz}, with a header line and the day's raw rows ordered
 * by id, in the columns of {@code downloads}:
 *
 * <pre>
 * id,downloaded_at,package_id,release_id,client_profile_id,file_type,country_code
 * 41,2026-05-26 10:00:00.123456+00,3,17,5,2,DE
 * </pre>
 *
 * Times are UTC in PostgreSQL's ISO format, an empty field is a null. The ids refer to
 * rows that stay in the database: packages and releases (a load skips rows of ones
 * deleted since), client profiles (never deleted) and file types ({@code file_types}).
 */
public final class ArchiveFiles {

    /** The columns of a file, in order: the raw table's. */
    public static final String COLUMNS = "id, downloaded_at, package_id, release_id, client_profile_id, file_type,"
            + " country_code";

    private static final Pattern NAME = Pattern.compile("^downloads-(\\d{4}-\\d{2}-\\d{2})\\.csv\\.gz$");

    private static final int BUFFER = 64 * 1024;

    private ArchiveFiles() {
    }

    /** The file name of {@code day}'s archive. */
    public static String fileName(LocalDate day) {
        return "downloads-" + day + ".csv.gz";
    }

    /** The day an archive file name stands for; empty if it is not such a name. */
    public static Optional<LocalDate> day(String fileName) {
        Matcher name = NAME.matcher(fileName);
        if (!name.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(name.group(1)));
        }
        catch (DateTimeParseException ex) {
            return Optional.empty();
        }
    }

    /**
     * Statements that make a session print and read the files' times the same way
     * whatever its settings.
     */
    static final String[] SESSION_SETTINGS = { "SET LOCAL TimeZone = 'UTC'", "SET LOCAL DateStyle = 'ISO, YMD'" };

    /** SHA-256 of a file's bytes. */
    static byte[] sha256(Path file) throws IOException {
        MessageDigest digest = Sha256.digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, n);
            }
        }
        return digest.digest();
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * The number of rows (lines after the header) in a compressed file; reading it to the
     * end checks its CRC.
     */
    static long rowsIn(Path file) throws IOException {
        long lines = 0;
        try (InputStream in = gunzip(file)) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) > 0;) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return Math.max(0, lines - 1);
    }

    /**
     * Whether two compressed files hold the same uncompressed bytes (whatever the
     * compressor made of them).
     */
    static boolean sameContent(Path a, Path b) throws IOException {
        try (InputStream left = gunzip(a); InputStream right = gunzip(b)) {
            byte[] l = new byte[BUFFER];
            byte[] r = new byte[BUFFER];
            while (true) {
                int n = left.readNBytes(l, 0, BUFFER);
                int m = right.readNBytes(r, 0, BUFFER);
                if (n != m || !Arrays.equals(l, 0, n, r, 0, m)) {
                    return false;
                }
                if (n < BUFFER) {
                    return true;
                }
            }
        }
        catch (java.util.zip.ZipException | java.io.EOFException ex) {
            return false; // one of them is not a complete gzip file
        }
    }

    /**
     * Makes a rename or a new file in {@code directory} durable (the directory entry, not
     * only the data).
     */
    static void fsyncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static InputStream gunzip(Path file) throws IOException {
        return new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER), BUFFER);
    }

    /**
     * A cause as an operator reads it: NIO's exceptions carry only a path as their
     * message, so their kind is named, and PostgreSQL's message is given without the JDBC
     * driver's wrapping.
     */
    static String describe(Throwable ex) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String part = describeOne(cause);
            if (part != null && !text.toString().contains(part)) {
                if (!text.isEmpty()) {
                    text.append(": ");
                }
                text.append(part);
            }
            if (cause instanceof FileSystemException || cause instanceof SQLException) {
                break;
            }
        }
        return text.isEmpty() ? ex.getClass().getName() : text.toString();
    }

    private static String describeOne(Throwable ex) {
        if (ex instanceof AccessDeniedException denied) {
            return "permission denied: " + denied.getFile();
        }
        if (ex instanceof FileAlreadyExistsException exists) {
            return "exists and is not a directory (or is in the way): " + exists.getFile();
        }
        if (ex instanceof NoSuchFileException missing) {
            return "no such file or directory: " + missing.getFile();
        }
        if (ex instanceof NotDirectoryException notDirectory) {
            return "not a directory: " + notDirectory.getFile();
        }
        if (ex instanceof FileSystemException other) {
            return other.getMessage(); // "<file>: <reason>", e.g. No space left on device
        }
        if (ex instanceof SQLException sql) {
            return sql.getMessage();
        }
        if (ex instanceof java.util.zip.ZipException) {
            return "not a gzip file, or a corrupt one (" + ex.getMessage() + ")";
        }
        if (ex instanceof java.io.EOFException) {
            return "truncated (" + ex.getMessage() + ")";
        }
        if (ex instanceof org.springframework.dao.DataAccessException) {
            return null; // Spring's wrapper repeats the SQL; its cause says what
                         // PostgreSQL said
        }
        return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    }

}
