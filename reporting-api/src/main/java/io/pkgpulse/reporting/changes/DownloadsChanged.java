package io.pkgpulse.reporting.changes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * The ingest worker committed downloads: which packages changed on which UTC days, as one
 * of its notifications on channel {@code pkgpulse_changes} named them (a batch may send
 * several). Published, in commit order, as a Spring application event on the thread that
 * listens to PostgreSQL; listeners must be quick and must not block.
 *
 * @param sequence increases by one with every event of this process
 * ({@link ChangesMissed} included)
 * @param receivedAt when this process received the notification
 * @param packagesByDay package ids per changed day; every change of the all-package
 * totals is one of these
 */
public record DownloadsChanged(long sequence, Instant receivedAt, Map<LocalDate, Set<Long>> packagesByDay) {

    public DownloadsChanged {
        packagesByDay = Map.copyOf(packagesByDay);
    }

    public Set<LocalDate> days() {
        return packagesByDay.keySet();
    }

    /** Whether {@code packageId} changed on any day. */
    public boolean touches(long packageId) {
        return packagesByDay.values().stream().anyMatch(ids -> ids.contains(packageId));
    }

    /**
     * Whether {@code packageId} changed on a day between {@code first} and {@code last},
     * both included.
     */
    public boolean touches(long packageId, LocalDate first, LocalDate last) {
        return packagesByDay.entrySet()
            .stream()
            .anyMatch(day -> !day.getKey().isBefore(first) && !day.getKey().isAfter(last)
                    && day.getValue().contains(packageId));
    }

    /**
     * Whether any package changed on a day between {@code first} and {@code last}: the
     * all-package totals did.
     */
    public boolean touchesAny(LocalDate first, LocalDate last) {
        return packagesByDay.keySet().stream().anyMatch(day -> !day.isBefore(first) && !day.isAfter(last));
    }
}
