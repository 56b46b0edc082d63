package io.pkgpulse.reporting.stats;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.pkgpulse.reporting.web.CsvTable;

/** All-time downloads per release of a package, in version order. */
public record VersionTotals(@JsonProperty("package") String pkg, String type, List<Version> data) implements CsvTable {

    public record Version(String version, long downloads) {
    }

    @Override
    public List<String> csvHeader() {
        return List.of("version", "downloads");
    }

    @Override
    public List<List<Object>> csvRows() {
        return data.stream().map(v -> List.<Object>of(v.version(), v.downloads())).toList();
    }
}
