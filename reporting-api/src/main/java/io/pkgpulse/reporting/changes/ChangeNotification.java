package io.pkgpulse.reporting.changes;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the payload of a {@code pkgpulse_changes} notification, as the ingest worker
 * writes it: {@code {"days":{"2026-11-26":[3,17,905]}}}, the ids of the packages changed
 * on each UTC day; or {@code {"all":true}}, which an operator sends after changing
 * rollups by other means (docs/operations.md).
 */
final class ChangeNotification {

    static final String CHANNEL = "pkgpulse_changes";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ChangeNotification() {
    }

    /**
     * @return the package ids per changed day, or empty if everything may have changed
     * @throws IllegalArgumentException if the payload is not of that shape; the listener
     * then treats it as a notification it could not read, i.e. as everything having
     * changed
     */
    static Optional<Map<LocalDate, Set<Long>>> parse(String payload) {
        try {
            JsonNode notification = JSON.readTree(payload);
            if (notification.path("all").asBoolean(false)) {
                return Optional.empty();
            }
            JsonNode days = notification.path("days");
            if (!days.isObject()) {
                throw new IllegalArgumentException("no \"days\" object");
            }
            Map<LocalDate, Set<Long>> packagesByDay = new HashMap<>();
            for (Map.Entry<String, JsonNode> day : days.properties()) {
                Set<Long> ids = new HashSet<>();
                for (JsonNode id : day.getValue()) {
                    if (!id.canConvertToLong()) {
                        throw new IllegalArgumentException("a package id is not a number: " + id);
                    }
                    ids.add(id.longValue());
                }
                packagesByDay.put(LocalDate.parse(day.getKey()), Set.copyOf(ids));
            }
            return Optional.of(packagesByDay);
        }
        catch (JacksonException | java.time.format.DateTimeParseException ex) {
            throw new IllegalArgumentException("unreadable change notification: " + ex.getMessage(), ex);
        }
    }

}
