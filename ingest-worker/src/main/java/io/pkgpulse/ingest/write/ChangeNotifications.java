package io.pkgpulse.ingest.write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedSet;

/**
 * Tells whoever listens on channel {@value #CHANNEL} which packages a batch changed on
 * which UTC days. The notifications are sent in the batch's transaction, so PostgreSQL
 * delivers them when, and only if, it commits.
 * <p>
 * A payload is compact JSON,
 * {@code {"days":{"2026-11-26":[3,17,905],"2026-11-25":[17]}}}: for each changed day
 * (newest first) the ascending ids of the packages changed on it. PostgreSQL refuses a
 * payload of 8000 bytes or more, so a batch that changed more is named in several
 * notifications of that same shape, each at most {@value #MAX_PAYLOAD_BYTES} bytes, which
 * together name every (day, package) pair once (a day may appear in several).
 * docs/operations.md states the contract.
 */
final class ChangeNotifications {

    static final String CHANNEL = "pkgpulse_changes";

    /**
     * Below PostgreSQL's limit of 8000 bytes, with room to spare. Payloads are ASCII: a
     * character is a byte.
     */
    static final int MAX_PAYLOAD_BYTES = 7000;

    private static final String OPEN = "{\"days\":{";

    private static final String CLOSE = "]}}";

    /** Room for one day and the widest id. */
    private static final int MIN_PAYLOAD_BYTES = OPEN.length() + "\"2026-11-26\":[".length()
            + Long.toString(Long.MAX_VALUE).length() + CLOSE.length();

    private ChangeNotifications() {
    }

    /**
     * Sends the notifications naming {@code packagesByDay}, one statement each; none if
     * it is empty.
     */
    static int send(Connection connection, NavigableMap<LocalDate, ? extends SortedSet<Long>> packagesByDay)
            throws SQLException {
        List<String> payloads = payloads(packagesByDay, MAX_PAYLOAD_BYTES);
        if (payloads.isEmpty()) {
            return 0;
        }
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
            for (String payload : payloads) {
                notify.setString(1, payload);
                notify.execute();
            }
        }
        return payloads.size();
    }

    /**
     * The payloads naming {@code packagesByDay}, each at most {@code maxBytes} long; a
     * new one starts where the next id would not fit.
     */
    static List<String> payloads(NavigableMap<LocalDate, ? extends SortedSet<Long>> packagesByDay, int maxBytes) {
        if (maxBytes < MIN_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("A payload needs at least " + MIN_PAYLOAD_BYTES + " bytes");
        }
        List<String> payloads = new ArrayList<>();
        StringBuilder payload = new StringBuilder();
        for (Map.Entry<LocalDate, ? extends SortedSet<Long>> day : packagesByDay.descendingMap().entrySet()) {
            String dayKey = "\"" + day.getKey() + "\":[";
            boolean dayOpen = false;
            for (long id : day.getValue()) {
                String next = (dayOpen ? "," : payload.isEmpty() ? OPEN + dayKey : "]," + dayKey) + id;
                if (!payload.isEmpty() && payload.length() + next.length() + CLOSE.length() > maxBytes) {
                    payloads.add(payload.append(CLOSE).toString());
                    payload.setLength(0);
                    next = OPEN + dayKey + id;
                }
                payload.append(next);
                dayOpen = true;
            }
        }
        if (!payload.isEmpty()) {
            payloads.add(payload.append(CLOSE).toString());
        }
        return payloads;
    }

}
