package io.pkgpulse.ingest.write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Ids for raw download rows, reserved from {@code downloads_seq} in blocks the way
 * Hibernate's pooled optimizer does (each sequence value is the top of a block of 50), so
 * the worker and the {@code Download} entity never hand out the same id, and a batch of
 * 5,000 rows costs one round trip.
 */
final class DownloadIds {

    static final int BLOCK = 50;

    private DownloadIds() {
    }

    static long[] reserve(Connection connection, int count) throws SQLException {
        long[] ids = new long[count];
        int filled = 0;
        while (filled < count) {
            int blocks = (count - filled + BLOCK - 1) / BLOCK;
            try (PreparedStatement statement = connection
                .prepareStatement("SELECT nextval('downloads_seq') FROM generate_series(1, ?)")) {
                statement.setInt(1, blocks);
                try (ResultSet values = statement.executeQuery()) {
                    while (values.next() && filled < count) {
                        long top = values.getLong(1);
                        // The sequence's first value (1) tops a block that is mostly
                        // below 1: use what is left.
                        for (long id = Math.max(1, top - BLOCK + 1); id <= top && filled < count; id++) {
                            ids[filled++] = id;
                        }
                    }
                }
            }
        }
        return ids;
    }

}
