package io.pkgpulse.reporting.dashboard;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.pkgpulse.reporting.live.LiveQueries;
import io.pkgpulse.reporting.live.LiveSnapshot;

/**
 * The package page's two live charts, by UTC hour: the last {@value LiveQueries#HOURS}
 * hours of downloads, and the adoption of its newest releases over the last
 * {@value #ADOPTION_HOURS} hours. {@code dashboard.js} keeps both current from the live
 * stream; their tables show the numbers as the page was loaded.
 */
final class HourCharts {

    static final String HOURLY = "hourly";
    static final String ADOPTION = "adoption";
    static final int ADOPTION_HOURS = 72;

    /**
     * Versions charted one by one, the newest with downloads in those hours; older ones
     * are summed.
     */
    static final int ADOPTION_VERSIONS = 5;
    static final String OLDER_VERSIONS = "Older versions";

    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
        .withZone(ZoneOffset.UTC);

    private HourCharts() {
    }

    /**
     * "2026-11-26 16:00" for each hour from {@code first}; {@code dashboard.js} writes
     * the same from ISO instants.
     */
    static List<String> labels(Instant first, int hours) {
        List<String> labels = new ArrayList<>(hours);
        for (int i = 0; i < hours; i++) {
            labels.add(LABEL.format(first.plus(i, ChronoUnit.HOURS)));
        }
        return labels;
    }

    static Chart hourly(String name, LiveSnapshot snapshot, boolean mirrors) {
        long[] data = (mirrors ? snapshot.hours().withMirrors() : snapshot.hours().withoutMirrors()).clone();
        List<String> labels = labels(snapshot.hours().first(), data.length);
        String mode = mirrors ? "with mirrors" : "without mirrors";
        Chart.Dataset dataset = new Chart.Dataset("Downloads " + mode, data, false);
        String description = "Downloads of " + name + " per hour, " + mode + ", from " + labels.get(0) + " to "
                + labels.get(labels.size() - 1) + " UTC: " + String.format(Locale.ROOT, "%,d", dataset.total())
                + " in all. The numbers are in the table below the chart.";
        return new Chart(HOURLY, "Last 48 hours", description, "bar", false, null, labels, List.of(dataset), true);
    }

    /**
     * Downloads per hour of the {@value #ADOPTION_VERSIONS} newest versions and of the
     * older ones (rows as {@link DashboardQueries#adoption} returns them, newest version
     * first); the browser draws each as its share of the hour.
     */
    static Chart adoption(String name, List<HourRow> rows, Instant first) {
        Map<String, long[]> series = new LinkedHashMap<>();
        for (HourRow row : rows) {
            series.computeIfAbsent(row.version() == null ? OLDER_VERSIONS : row.version(),
                    key -> new long[ADOPTION_HOURS])[(int) ChronoUnit.HOURS.between(first, row.hour())] += row
                        .downloads();
        }
        List<Chart.Dataset> datasets = new ArrayList<>();
        series.forEach((label, data) -> datasets.add(new Chart.Dataset(label, data, label.equals(OLDER_VERSIONS))));
        List<String> labels = labels(first, ADOPTION_HOURS);
        StringBuilder description = new StringBuilder("Share of each of the newest versions of ").append(name)
            .append(" in its downloads per hour, without mirrors, from ")
            .append(labels.get(0))
            .append(" to ")
            .append(labels.get(labels.size() - 1))
            .append(" UTC");
        if (!datasets.isEmpty()) {
            description.append(": ").append(String.join(", ", datasets.stream().map(Chart.Dataset::label).toList()));
        }
        description.append(". The downloads are in the table below the chart.");
        return new Chart(ADOPTION, "Release adoption, last 72 hours", description.toString(), "bar", true, null, labels,
                datasets, true);
    }

}
