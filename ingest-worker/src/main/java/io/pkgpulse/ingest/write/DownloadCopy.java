package io.pkgpulse.ingest.write;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes raw download rows ({@link RawRow}, in its columns) with PostgreSQL's
 * {@code COPY … FROM STDIN} in binary format: one stream per batch instead of a statement
 * per row, and no text parsing of timestamps and numbers on the server. Rows are buffered
 * and sent in chunks of {@value #FLUSH_BYTES} bytes.
 */
final class DownloadCopy implements AutoCloseable {

    static final String SQL = "COPY downloads (" + String.join(", ", RawRow.COLUMNS) + ") FROM STDIN (FORMAT binary)";

    private static final byte[] HEADER = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, // flags
            0, 0, 0, 0 }; // header extension length

    /** PostgreSQL timestamps count microseconds from 2000-01-01T00:00:00Z. */
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;

    private static final int FLUSH_BYTES = 256 * 1024;

    private final CopyIn copy;

    private byte[] buffer = new byte[FLUSH_BYTES + 16 * 1024];

    private int size;

    DownloadCopy(Connection connection) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(SQL);
        put(HEADER, 0, HEADER.length);
    }

    /** Adds a row; sends the buffer once it is large. */
    void add(RawRow row) throws SQLException {
        ensure(2);
        putShort(RawRow.COLUMNS.size());
        row.encode(this);
        if (size >= FLUSH_BYTES) {
            flush();
        }
    }

    DownloadCopy column(long value) {
        ensure(12);
        putInt(8);
        putLong(value);
        return this;
    }

    DownloadCopy column(Long value) {
        return value == null ? nullColumn() : column(value.longValue());
    }

    DownloadCopy column(Integer value) {
        if (value == null) {
            return nullColumn();
        }
        ensure(8);
        putInt(4);
        putInt(value);
        return this;
    }

    DownloadCopy column(short value) {
        ensure(6);
        putInt(2);
        putShort(value);
        return this;
    }

    DownloadCopy column(Instant value) {
        long micros = Math.addExact(Math.multiplyExact(value.getEpochSecond() - POSTGRES_EPOCH_SECONDS, 1_000_000L),
                value.getNano() / 1_000);
        return column(micros);
    }

    DownloadCopy column(Boolean value) {
        if (value == null) {
            return nullColumn();
        }
        ensure(5);
        putInt(1);
        buffer[size++] = (byte) (value ? 1 : 0);
        return this;
    }

    DownloadCopy column(String value) {
        if (value == null) {
            return nullColumn();
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        ensure(4 + utf8.length);
        putInt(utf8.length);
        put(utf8, 0, utf8.length);
        return this;
    }

    /**
     * Sends what is left and completes the COPY; returns the number of rows PostgreSQL
     * stored.
     */
    long finish() throws SQLException {
        ensure(2);
        putShort(-1);
        flush();
        return copy.endCopy();
    }

    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }

    private DownloadCopy nullColumn() {
        ensure(4);
        putInt(-1);
        return this;
    }

    private void flush() throws SQLException {
        if (size > 0) {
            copy.writeToCopy(buffer, 0, size);
            size = 0;
        }
    }

    private void ensure(int bytes) {
        if (size + bytes > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + bytes));
        }
    }

    private void put(byte[] bytes, int offset, int length) {
        System.arraycopy(bytes, offset, buffer, size, length);
        size += length;
    }

    private void putShort(int value) {
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
    }

    private void putInt(int value) {
        buffer[size++] = (byte) (value >>> 24);
        buffer[size++] = (byte) (value >>> 16);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
    }

    private void putLong(long value) {
        putInt((int) (value >>> 32));
        putInt((int) value);
    }

}
