package io.pkgpulse.reporting.stats;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.pkgpulse.reporting.web.CsvTable;

/**
 * A daily series in pypistats.org's shape: {@code {"package", "type", "data":
 * [{"category", "date", "downloads"}]}}.
 *
 * @param type e.g. {@code overall_downloads}, {@code python_minor_downloads}
 */
public record Series(@JsonProperty("package") String pkg, String type, List<Row> data) implements CsvTable {

    public record Row(String category, LocalDate date, long downloads) {
    }

    @Override
    public List<String> csvHeader() {
        return List.of("date", "category", "downloads");
    }

    @Override
    public List<List<Object>> csvRows() {
        return data.stream().map(row -> List.<Object>of(row.date(), row.category(), row.downloads())).toList();
    }
}
