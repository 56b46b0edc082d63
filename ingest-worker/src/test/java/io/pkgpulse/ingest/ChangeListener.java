package io.pkgpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.pkgpulse.ingest.events.EventJson;
import io.pkgpulse.testsupport.TestPostgres;

/**
 * A PgJDBC connection of its own that {@code LISTEN}s on {@code pkgpulse_changes}, as a
 * reader of the change notifications would, and keeps every payload it receives, checked
 * against the contract.
 */
public final class ChangeListener implements AutoCloseable {

    public static final String CHANNEL = "pkgpulse_changes";

    /** Compact JSON, {"days":{"2026-11-26":[3,17,905],...}}, nothing else. */
    private static final Pattern SHAPE = Pattern.compile(
            "\\{\"days\":\\{\"\\d{4}-\\d{2}-\\d{2}\":\\[\\d+(,\\d+)*](,\"\\d{4}-\\d{2}-\\d{2}\":\\[\\d+(,\\d+)*])*}}");

    private static final Pattern DAY = Pattern.compile("\"(\\d{4}-\\d{2}-\\d{2})\":\\[([\\d,]+)]");

    private final Connection connection;

    private final PGConnection notifications;

    private final List<String> payloads = new ArrayList<>();

    public ChangeListener() throws SQLException {
        this.connection = TestPostgres.database().connect();
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
        }
        this.notifications = connection.unwrap(PGConnection.class);
    }

    /**
     * Takes what has arrived, waiting up to {@code wait} for a first notification;
     * returns every payload so far.
     */
    public synchronized List<String> receive(Duration wait) throws SQLException {
        // 0 would wait forever.
        PGNotification[] received = notifications.getNotifications((int) Math.max(1, wait.toMillis()));
        if (received != null) {
            for (PGNotification notification : received) {
                assertThat(notification.getName()).isEqualTo(CHANNEL);
                payloads.add(notification.getParameter());
            }
        }
        return List.copyOf(payloads);
    }

    /** The payloads received so far, without waiting for more. */
    public synchronized List<String> payloads() {
        return List.copyOf(payloads);
    }

    /**
     * Every (day, package id) pair the payloads received so far name, as
     * {@code 2026-11-26|17}.
     */
    public synchronized Set<String> named() {
        Set<String> pairs = new HashSet<>();
        for (String payload : payloads) {
            parse(payload).forEach((day, ids) -> ids.forEach(id -> pairs.add(day + "|" + id)));
        }
        return pairs;
    }

    /**
     * One payload read according to the contract, which it is checked against first:
     * compact JSON of the shape above, under PostgreSQL's 8000 bytes and within the
     * worker's 7000, each day once with ascending package ids.
     */
    public static Map<LocalDate, List<Long>> parse(String payload) {
        assertThat(payload.getBytes(StandardCharsets.UTF_8).length).as("payload bytes").isLessThanOrEqualTo(7000);
        assertThat(payload).as("compact JSON of the contract's shape").matches(SHAPE);
        assertThat(EventJson.mapper().readTree(payload).get("days").size()).as("valid JSON, each day once")
            .isEqualTo(DAY.matcher(payload).results().count());
        Map<LocalDate, List<Long>> days = new LinkedHashMap<>();
        Matcher day = DAY.matcher(payload);
        while (day.find()) {
            List<Long> ids = new ArrayList<>();
            for (String id : day.group(2).split(",")) {
                ids.add(Long.parseLong(id));
            }
            assertThat(ids).as("ids of " + day.group(1)).isSorted().doesNotHaveDuplicates();
            days.put(LocalDate.parse(day.group(1)), ids);
        }
        return days;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

}
