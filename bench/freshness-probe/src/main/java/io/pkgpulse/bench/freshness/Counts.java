package io.pkgpulse.bench.freshness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The probe package's download count as each read path shows it. The count followed is
 * the one without mirrors (the probe's downloads are pip's, so they count with and
 * without mirrors alike): for the series, the sum of the {@code without_mirrors} rows,
 * which for a package first seen in this run is today's row (the sum also keeps counting
 * should the run cross midnight UTC); for the badge its all-time total, which is the same
 * number; for the dashboard the total of its default range, which ends today.
 */
final class Counts {

    static final String WITHOUT_MIRRORS = "without_mirrors";

    private static final Pattern BADGE_VALUE = Pattern.compile("aria-label=\"[^\"]*?: ([^\"]*)\"");

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

    private static final Pattern RANGE_TOTAL = Pattern.compile("<data\\b[^>]*\\bid=\"range-total\"[^>]*>");

    private static final Pattern VALUE = Pattern.compile("\\bvalue=\"([0-9]{1,18})\"");

    private Counts() {
    }

    /**
     * {@code {"data": [{"category": "without_mirrors", "date": ..., "downloads": N},
     * ...]}}
     */
    static OptionalLong overallJson(JsonMapper json, String body) {
        JsonNode data;
        try {
            data = json.readTree(body).path("data");
        }
        catch (JacksonException ex) {
            return OptionalLong.empty();
        }
        if (!data.isArray()) {
            return OptionalLong.empty();
        }
        long sum = 0;
        for (JsonNode row : data) {
            if (WITHOUT_MIRRORS.equals(row.path("category").asString(""))) {
                sum += row.path("downloads").asLong(0);
            }
        }
        return OptionalLong.of(sum);
    }

    /** {@code date,category,downloads} with a header line. */
    static OptionalLong overallCsv(String body) {
        String[] lines = body.split("\r?\n");
        if (lines.length == 0 || !lines[0].trim().equals("date,category,downloads")) {
            return OptionalLong.empty();
        }
        long sum = 0;
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            if (cells.length == 3 && unquote(cells[1]).equals(WITHOUT_MIRRORS)) {
                try {
                    sum += Long.parseLong(unquote(cells[2]));
                }
                catch (NumberFormatException ex) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.of(sum);
    }

    /**
     * The value of a shields.io-style badge ({@code aria-label="downloads: 42"}), when it
     * is an exact number; an abbreviated one ({@code 1.2k}) is empty.
     */
    static OptionalLong badge(String svg) {
        Matcher m = BADGE_VALUE.matcher(svg);
        if (!m.find() || !DIGITS.matcher(m.group(1)).matches()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(m.group(1)));
    }

    /**
     * The dashboard's package page ({@code /packages/{p}}, without mirrors, the default
     * range up to today): the total under its chart,
     * {@code <data class="value" id="range-total" value="N">}.
     */
    static OptionalLong dashboard(String html) {
        Matcher element = RANGE_TOTAL.matcher(html);
        if (!element.find()) {
            return OptionalLong.empty();
        }
        Matcher value = VALUE.matcher(element.group());
        return value.find() ? OptionalLong.of(Long.parseLong(value.group(1))) : OptionalLong.empty();
    }

    /**
     * Today's count of the package in one event of the live stream, whatever the event's
     * exact shape: the JSON's largest number named {@code without_mirrors} (or
     * {@code withoutMirrors}), at any depth; failing that, the largest
     * {@code with_mirrors}, then the largest {@code downloads}. Counts only grow and the
     * probe package is downloaded only today, so the largest is today's. An event that
     * names another package in a top-level {@code package} (or {@code project}) field, or
     * that is not JSON, is empty.
     */
    static OptionalLong liveEvent(JsonMapper json, String data, String normalizedPackage) {
        JsonNode event;
        try {
            event = json.readTree(data);
        }
        catch (JacksonException ex) {
            return OptionalLong.empty();
        }
        if (event == null || !event.isObject()) {
            return OptionalLong.empty();
        }
        for (String field : List.of("package", "project")) {
            JsonNode named = event.get(field);
            if (named != null && named.isString()
                    && !ProjectName.normalize(named.asString()).equals(normalizedPackage)) {
                return OptionalLong.empty();
            }
        }
        for (List<String> names : List.of(List.of(WITHOUT_MIRRORS, "withoutMirrors"),
                List.of("with_mirrors", "withMirrors"), List.of("downloads"))) {
            List<Long> found = new ArrayList<>();
            collect(event, names, found);
            if (!found.isEmpty()) {
                return OptionalLong.of(found.stream().mapToLong(Long::longValue).max().getAsLong());
            }
        }
        return OptionalLong.empty();
    }

    private static void collect(JsonNode node, List<String> names, List<Long> found) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                JsonNode value = property.getValue();
                if (names.contains(property.getKey()) && value.isIntegralNumber()) {
                    found.add(value.asLong());
                }
                else {
                    collect(value, names, found);
                }
            }
        }
        else if (node.isArray()) {
            for (JsonNode element : node) {
                collect(element, names, found);
            }
        }
    }

    private static String unquote(String cell) {
        String trimmed = cell.trim();
        return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
                ? trimmed.substring(1, trimmed.length() - 1).replace("\"\"", "\"") : trimmed;
    }

}
