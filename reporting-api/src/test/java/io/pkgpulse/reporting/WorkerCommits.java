package io.pkgpulse.reporting;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

import io.pkgpulse.reporting.changes.ChangeClock;

/**
 * What the ingest worker does at the end of a batch transaction, for tests that change
 * rollups by hand: announce the change on channel {@code pkgpulse_changes}
 * (docs/operations.md), then wait until the API has heard it, so that the next request
 * must see it.
 */
public final class WorkerCommits {

    private WorkerCommits() {
    }

    /**
     * Announces that {@code packageIds} changed on {@code day}, in a transaction of its
     * own.
     */
    public static void announce(JdbcTemplate jdbc, ChangeClock changes, LocalDate day, Long... packageIds) {
        announce(jdbc, changes, Map.of(day, List.of(packageIds)));
    }

    public static void announce(JdbcTemplate jdbc, ChangeClock changes,
            Map<LocalDate, ? extends Collection<Long>> days) {
        send(jdbc, changes, payload(days));
    }

    /**
     * The notification's payload naming {@code days}: the packages changed on each day,
     * as the worker writes it.
     */
    public static String payload(Map<LocalDate, ? extends Collection<Long>> days) {
        return new TreeMap<>(days).entrySet()
            .stream()
            .map(day -> "\"" + day.getKey() + "\":"
                    + day.getValue()
                        .stream()
                        .sorted()
                        .distinct()
                        .map(String::valueOf)
                        .collect(Collectors.joining(",", "[", "]")))
            .collect(Collectors.joining(",", "{\"days\":{", "}}"));
    }

    /**
     * Announces that anything may have changed, as an operator does after editing rollups
     * (or emptying them).
     */
    public static void announceEverything(JdbcTemplate jdbc, ChangeClock changes) {
        send(jdbc, changes, "{\"all\":true}");
    }

    private static void send(JdbcTemplate jdbc, ChangeClock changes, String payload) {
        await().atMost(Duration.ofSeconds(10)).until(changes::listening);
        long before = changes.handledSequence();
        jdbc.queryForObject("SELECT pg_notify('pkgpulse_changes', ?)::text", String.class, payload);
        await().atMost(Duration.ofSeconds(10)).until(() -> changes.handledSequence() > before);
    }

}
