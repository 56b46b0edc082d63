package io.pkgpulse.reporting.stats;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.pkgpulse.reporting.web.CsvTable;

/**
 * pypistats.org's recent downloads (also used for all-time totals, type
 * {@code total_downloads}): {@code {"package", "type": "recent_downloads", "data":
 * {"last_day", ...}}}.
 */
public record Recent(@JsonProperty("package") String pkg, String type, Map<String, Long> data) implements CsvTable {

    @Override
    public List<String> csvHeader() {
        return List.copyOf(data.keySet());
    }

    @Override
    public List<List<Object>> csvRows() {
        return List.of(List.copyOf(data.values()));
    }
}
