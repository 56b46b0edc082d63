package io.pkgpulse.reporting.dashboard;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import io.pkgpulse.model.rollups.Dimension;
import io.pkgpulse.reporting.packages.VisiblePackage;
import io.pkgpulse.reporting.stats.DateRange;
import io.pkgpulse.reporting.stats.StatsQueries;

/**
 * The package page's assembly, apart from routing: the daily charts with their text for
 * screen readers and CSV links, the JSON that dashboard.js draws them from, and the
 * page's links (ranges, mirrors, the live stream). Kept out of
 * {@link DashboardController}, which decides what to show, so that how it is shown reads
 * in one place.
 */
@Component
class DashboardPages {

    /**
     * Versions and categories charted one by one; the rest are summed into one "all
     * others" dataset.
     */
    static final int TOP_CATEGORIES = 8;

    private final StatsQueries stats;

    private final Clock clock;

    DashboardPages(StatsQueries stats, Clock clock) {
        this.stats = stats;
        this.clock = clock;
    }

    /**
     * The daily charts over {@code range}: overall first (the page's range total), then
     * versions and categories.
     */
    List<Chart> dailyCharts(VisiblePackage pkg, DateRange range, boolean mirrors, String start, String end) {
        List<String> labels = Chart.labels(range);
        String name = pkg.normalizedName();
        String modeText = mirrors ? "with mirrors" : "without mirrors";
        List<Chart> charts = new ArrayList<>();
        Chart.Dataset daily = Chart.single("Downloads " + modeText, stats.overall(pkg.id(), range, mirrors), range);
        charts.add(chart("daily", "Daily downloads", "line", false, "overall", name, range, mirrors, labels,
                List.of(daily), start, end));
        charts.add(chart("versions", "Downloads by version", "bar", true, "version", name, range, mirrors, labels,
                Chart.byCategory(stats.versions(pkg.id(), range, mirrors, null), range, TOP_CATEGORIES, "versions"),
                start, end));
        charts.add(category("python-minor", "Downloads by Python version", Dimension.PYTHON_MINOR, "Python versions",
                pkg, range, mirrors, labels, start, end));
        charts.add(category("system", "Downloads by operating system", Dimension.SYSTEM, "systems", pkg, range, mirrors,
                labels, start, end));
        charts.add(category("installer", "Downloads by installer", Dimension.INSTALLER, "installers", pkg, range,
                mirrors, labels, start, end));
        return charts;
    }

    private Chart category(String id, String title, Dimension dimension, String othersNoun, VisiblePackage pkg,
            DateRange range, boolean mirrors, List<String> labels, String start, String end) {
        List<Chart.Dataset> datasets = Chart.byCategory(stats.categories(pkg.id(), dimension, range, mirrors, null),
                range, TOP_CATEGORIES, othersNoun);
        return chart(id, title, "bar", true, dimension.pypiName(), pkg.normalizedName(), range, mirrors, labels,
                datasets, start, end);
    }

    private static Chart chart(String id, String title, String type, boolean stacked, String endpoint, String name,
            DateRange range, boolean mirrors, List<String> labels, List<Chart.Dataset> datasets, String start,
            String end) {
        long total = datasets.stream().mapToLong(Chart.Dataset::total).sum();
        StringBuilder description = new StringBuilder().append(title)
            .append(" of ")
            .append(name)
            .append(", ")
            .append(mirrors ? "with" : "without")
            .append(" mirrors, from ")
            .append(range.start())
            .append(" to ")
            .append(range.end())
            .append(": ")
            .append(String.format(Locale.ROOT, "%,d", total))
            .append(" downloads in all");
        if (stacked && !datasets.isEmpty()) {
            Chart.Dataset largest = datasets.get(0);
            description.append("; most from ")
                .append(largest.label())
                .append(" (")
                .append(String.format(Locale.ROOT, "%,d", largest.total()))
                .append(")");
        }
        description.append(". The numbers are in the table below the chart.");
        String csv = UriComponentsBuilder.fromPath("/api/packages/{name}/{endpoint}")
            .queryParam("start_date", "{start}")
            .queryParam("end_date", "{end}")
            .queryParam("mirrors", "{mirrors}")
            .queryParam("format", "csv")
            .encode()
            .buildAndExpand(name, endpoint, range.start(), range.end(), mirrors)
            .toUriString();
        return new Chart(id, title, description.toString(), type, stacked, csv, labels, datasets);
    }

    /**
     * The contract with dashboard.js: the days once (every daily chart has the same),
     * then each chart's datasets; the hourly charts carry their own labels, and the
     * adoption chart is drawn as shares.
     */
    static String chartJson(VisiblePackage pkg, boolean mirrors, List<Chart> charts, List<Chart> hourCharts) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("package", pkg.normalizedName());
        json.put("mirrors", mirrors);
        json.put("labels", charts.get(0).labels());
        List<Chart> all = new ArrayList<>(hourCharts);
        all.addAll(charts);
        json.put("charts", all.stream().map(chart -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", chart.id());
            c.put("title", chart.title());
            c.put("type", chart.type());
            c.put("stacked", chart.stacked());
            if (chart.hourly()) {
                c.put("labels", chart.labels());
                if (chart.id().equals(HourCharts.ADOPTION)) {
                    c.put("share", true);
                    c.put("versions", HourCharts.ADOPTION_VERSIONS);
                }
            }
            c.put("datasets", chart.datasets()
                .stream()
                .map(dataset -> Map.of("label", dataset.label(), "data", dataset.data(), "other", dataset.other()))
                .toList());
            return c;
        }).toList());
        return ScriptJson.write(json);
    }

    /** Where dashboard.js listens for today's numbers: the package's live stream. */
    static String liveJson(VisiblePackage pkg, boolean mirrors) {
        return ScriptJson.write(Map.of("stream",
                UriComponentsBuilder.fromPath("/api/live")
                    .queryParam("package", "{name}")
                    .encode()
                    .buildAndExpand(pkg.normalizedName())
                    .toUriString(),
                "mirrors", mirrors));
    }

    static List<RangeLink> mirrorLinks(String name, String start, String end, boolean mirrors) {
        return List.of(new RangeLink("Without mirrors", packageUrl(name, start, end, "false"), !mirrors),
                new RangeLink("With mirrors", packageUrl(name, start, end, "true"), mirrors));
    }

    List<RangeLink> rangeLinks(String name, DateRange range, String mirrors) {
        LocalDate today = LocalDate.now(clock);
        List<RangeLink> links = new ArrayList<>();
        for (int days : new int[] { 30, 90, 180, 365 }) {
            LocalDate from = today.minusDays(days - 1);
            boolean current = range.end().equals(today) && range.start().equals(from);
            links.add(new RangeLink(days == 365 ? "Last year" : "Last " + days + " days",
                    packageUrl(name, days == 180 ? null : from.toString(), null, mirrors), current));
        }
        return links;
    }

    /** A package page's URL with the parameters that are set, encoded. */
    static String packageUrl(String name, String start, String end, String mirrors) {
        UriComponentsBuilder url = UriComponentsBuilder.fromPath("/packages/{name}");
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", name);
        if (start != null && !start.isEmpty()) {
            url.queryParam("start_date", "{start}");
            values.put("start", start);
        }
        if (end != null && !end.isEmpty()) {
            url.queryParam("end_date", "{end}");
            values.put("end", end);
        }
        if (mirrors != null && !mirrors.isEmpty()) {
            url.queryParam("mirrors", "{mirrors}");
            values.put("mirrors", mirrors);
        }
        return url.encode().buildAndExpand(values).toUriString();
    }

}
