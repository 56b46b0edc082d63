package io.pkgpulse.reporting.dashboard;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pkgpulse.reporting.stats.DateRange;
import io.pkgpulse.reporting.stats.Series.Row;

/**
 * One chart of the package page: a value per day (or, for the live charts, per UTC hour)
 * for each dataset, every day of the range present (days without downloads are 0). The
 * page embeds it as JSON for {@code dashboard.js} and prints it as a table under the
 * chart. Public only so that the templates' expressions can read it.
 *
 * @param id the canvas is {@code chart-<id>}
 * @param title heading and table caption
 * @param description the chart's text alternative
 * @param type Chart.js type: {@code line} or {@code bar}
 * @param stacked whether datasets stack
 * @param csv the API URL that serves the same numbers as CSV; null for the hourly charts
 * @param labels the days, ISO dates; or the hours, "2026-11-26 16:00" (UTC)
 * @param datasets the series; empty when the range has no downloads in this dimension
 * @param hourly whether the labels are hours
 */
public record Chart(String id, String title, String description, String type, boolean stacked, String csv,
        List<String> labels, List<Dataset> datasets, boolean hourly) {

    /** A chart by day. */
    public Chart(String id, String title, String description, String type, boolean stacked, String csv,
            List<String> labels, List<Dataset> datasets) {
        this(id, title, description, type, stacked, csv, labels, datasets, false);
    }

    /**
     * @param label shown in the legend and the table header
     * @param other whether this is the "all others" bucket (drawn grey)
     */
    public record Dataset(String label, long[] data, boolean other) {

        public long total() {
            return Arrays.stream(data).sum();
        }
    }

    /**
     * A table row: the day and its numbers, formatted (1,234), then the day's total when
     * there are several datasets.
     */
    public record TableRow(String day, List<String> cells) {
    }

    public boolean empty() {
        return datasets.isEmpty();
    }

    public long total() {
        return datasets.stream().mapToLong(Dataset::total).sum();
    }

    /**
     * The table under the chart, built here once instead of by thousands of template
     * expressions. Days without downloads are left out (the chart still has them), so
     * that a long range of a rarely downloaded package stays a short table.
     */
    public List<TableRow> rows() {
        boolean withTotal = datasets.size() > 1;
        List<TableRow> rows = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            List<String> cells = new ArrayList<>(datasets.size() + 1);
            long sum = 0;
            for (Dataset dataset : datasets) {
                cells.add(format(dataset.data()[i]));
                sum += dataset.data()[i];
            }
            if (sum == 0) {
                continue;
            }
            if (withTotal) {
                cells.add(format(sum));
            }
            rows.add(new TableRow(labels.get(i), cells));
        }
        return rows;
    }

    /** The totals row of the table. */
    public List<String> totals() {
        List<String> cells = new ArrayList<>(datasets.size() + 1);
        datasets.forEach(dataset -> cells.add(format(dataset.total())));
        if (datasets.size() > 1) {
            cells.add(format(total()));
        }
        return cells;
    }

    /**
     * 1234567 as "1,234,567" (what {@code #numbers.formatInteger(n, 1, 'COMMA')} writes,
     * much faster).
     */
    static String format(long n) {
        String digits = Long.toString(Math.abs(n));
        StringBuilder out = new StringBuilder(digits.length() + digits.length() / 3 + 1);
        if (n < 0) {
            out.append('-');
        }
        int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        out.append(digits, 0, lead);
        for (int i = lead; i < digits.length(); i += 3) {
            out.append(',').append(digits, i, i + 3);
        }
        return out.toString();
    }

    static List<String> labels(DateRange range) {
        List<String> labels = new ArrayList<>();
        for (LocalDate day = range.start(); !day.isAfter(range.end()); day = day.plusDays(1)) {
            labels.add(day.toString());
        }
        return labels;
    }

    /**
     * One dataset from rows of one category (e.g. the {@code overall} rows of one mirror
     * mode).
     */
    static Dataset single(String label, List<Row> rows, DateRange range) {
        long[] data = new long[days(range)];
        for (Row row : rows) {
            data[index(range, row.date())] += row.downloads();
        }
        return new Dataset(label, data, false);
    }

    /**
     * One dataset per category, the {@code limit} largest over the range first (largest
     * first), the rest summed into one "all others" dataset. The category {@code null}
     * (not reported by the client) is labelled "unknown".
     */
    static List<Dataset> byCategory(List<Row> rows, DateRange range, int limit, String othersNoun) {
        int days = days(range);
        Map<String, long[]> series = new LinkedHashMap<>();
        for (Row row : rows) {
            series.computeIfAbsent(row.category(), key -> new long[days])[index(range, row.date())] += row.downloads();
        }
        List<Dataset> all = series.entrySet()
            .stream()
            .map(entry -> new Dataset(label(entry.getKey()), entry.getValue(), false))
            .sorted(Comparator.comparingLong(Dataset::total).reversed().thenComparing(Dataset::label))
            .toList();
        if (all.size() <= limit) {
            return all;
        }
        List<Dataset> shown = new ArrayList<>(all.subList(0, limit));
        long[] others = new long[days];
        List<Dataset> rest = all.subList(limit, all.size());
        for (Dataset dataset : rest) {
            for (int i = 0; i < days; i++) {
                others[i] += dataset.data()[i];
            }
        }
        shown.add(new Dataset("All other " + othersNoun + " (" + rest.size() + ")", others, true));
        return shown;
    }

    private static String label(String category) {
        return category == null || "null".equals(category) ? "unknown" : category;
    }

    private static int days(DateRange range) {
        return (int) ChronoUnit.DAYS.between(range.start(), range.end()) + 1;
    }

    private static int index(DateRange range, LocalDate day) {
        return (int) ChronoUnit.DAYS.between(range.start(), day);
    }
}
