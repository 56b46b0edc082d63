package io.pkgpulse.reporting.stats;

import java.time.LocalDate;
import java.util.List;

import io.pkgpulse.reporting.web.CsvTable;

/** The most downloaded packages of a day. */
public record Top(String type, LocalDate date, List<Entry> data) implements CsvTable {

    public record Entry(String name, long downloads) {
    }

    @Override
    public List<String> csvHeader() {
        return List.of("package", "downloads");
    }

    @Override
    public List<List<Object>> csvRows() {
        return data.stream().map(e -> List.<Object>of(e.name(), e.downloads())).toList();
    }
}
