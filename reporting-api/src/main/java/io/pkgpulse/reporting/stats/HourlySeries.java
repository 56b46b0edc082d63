package io.pkgpulse.reporting.stats;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.pkgpulse.reporting.web.CsvTable;

/**
 * An hourly series, shaped like the daily {@link Series} with the start of each UTC hour
 * in place of the day: {@code {"package", "type", "data": [{"category", "hour":
 * "2026-11-26T14:00:00Z", "downloads"}]}}.
 *
 * @param type {@code overall_hourly_downloads} or {@code version_hourly_downloads}
 */
public record HourlySeries(@JsonProperty("package") String pkg, String type, List<Row> data) implements CsvTable {

    public record Row(String category, Instant hour, long downloads) {
    }

    @Override
    public List<String> csvHeader() {
        return List.of("hour", "category", "downloads");
    }

    @Override
    public List<List<Object>> csvRows() {
        return data.stream().map(row -> List.<Object>of(row.hour(), row.category(), row.downloads())).toList();
    }
}
