package io.pkgpulse.producer.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

import io.pkgpulse.producer.event.Rfc3339;
import tools.jackson.databind.json.JsonMapper;

/**
 * The end-of-run report: a few lines for people, and the same numbers as JSON
 * ({@code --summary-json}) for the benchmark, which compares {@code per_project} with
 * what the worker stored and measures end-to-end time from the acknowledgement times. A
 * synthetic run knows which of its events the worker drops as bots and reports
 * {@code good}; a replay does not (the bot rules live in the worker) and reports
 * {@code downloads_sent} instead.
 */
public final class Summary {

    /** Printed under the count of downloads a replay sent. */
    static final String BOTS_NOTE = "the worker still drops crawler/bot agents; it counts them in its metrics";

    private static final Map<String, String> LABELS = Map.of("lines", "lines read", "skipped", "skipped lines",
            "unparsed", "unparsed lines", "downloads_with_country", "with a country");

    private final String command;

    private final String destination;

    private final Run.Result result;

    private final IntFunction<String> projectNames;

    private final Map<String, Long> inputCounts;

    private final boolean replay;

    private final Map<String, Long> skippedByReason;

    /**
     * The summary of a synthetic run, which knows which events the worker drops as bots.
     * @param projectNames normalised project name of a project id in the tally
     * @param inputCounts command-specific counts, in the order to show them
     */
    public Summary(String command, String destination, Run.Result result, IntFunction<String> projectNames,
            Map<String, Long> inputCounts) {
        this(command, destination, result, projectNames, inputCounts, false, Map.of());
    }

    private Summary(String command, String destination, Run.Result result, IntFunction<String> projectNames,
            Map<String, Long> inputCounts, boolean replay, Map<String, Long> skippedByReason) {
        this.command = command;
        this.destination = destination;
        this.result = result;
        this.projectNames = projectNames;
        this.inputCounts = inputCounts;
        this.replay = replay;
        this.skippedByReason = skippedByReason;
    }

    /**
     * The summary of a replay. A replay does not apply the worker's bot rules, so what
     * the tally counts as good is reported as {@code downloads_sent}, not as good, and
     * there is no bot count.
     * @param inputCounts {@code lines} first, then the replay's own counts
     * ({@code unparsed}, ...), in the order to show them
     * @param skippedByReason lines read but deliberately not sent, by reason; their sum
     * is {@code skipped}
     */
    public static Summary ofReplay(String command, String destination, Run.Result result,
            IntFunction<String> projectNames, Map<String, Long> inputCounts, Map<String, Long> skippedByReason) {
        return new Summary(command, destination, result, projectNames, inputCounts, true, skippedByReason);
    }

    public void print(PrintStream out) {
        Tally tally = result.tally();
        long failed = result.acknowledgements().failedCount();
        out.printf("%s: %,d events sent to %s in %.3f s: %,.0f events/s%s%n", command,
                result.acknowledgements().acknowledgedCount(), destination, result.elapsedMillis() / 1000.0,
                result.eventsPerSecond(), result.stopped() ? " (stopped early)" : "");
        if (failed > 0) {
            out.printf("  FAILED               %,d%n", failed);
            result.acknowledgements().failureReasons().forEach(reason -> out.println("    " + reason));
        }
        if (replay) {
            out.printf("  bad (dead-lettered)  %,d%s%n", tally.bad(), badKinds(tally));
            out.printf("  metadata fetches     %,d%n", tally.count(RecordKind.METADATA));
            out.printf("  downloads sent       %,d over %,d distinct projects%n", tally.count(RecordKind.GOOD),
                    tally.distinctGoodProjects());
            out.printf("                       (%s)%n", BOTS_NOTE);
        }
        else {
            out.printf("  deliberately bad     %,d%s%n", tally.bad(), badKinds(tally));
            out.printf("  bots                 %,d%n", tally.count(RecordKind.BOT));
            out.printf("  metadata fetches     %,d%n", tally.count(RecordKind.METADATA));
            out.printf("  good                 %,d over %,d distinct projects%n", tally.count(RecordKind.GOOD),
                    tally.distinctGoodProjects());
        }
        countsInOrder().forEach((name, count) -> out.printf("  %-20s %,d%s%n", label(name), count,
                name.equals("skipped") ? reasons() : ""));
        out.printf("  first acknowledged   %s%n", time(result.acknowledgements().firstAckMillis()));
        out.printf("  last acknowledged    %s%n", time(result.acknowledgements().lastAckMillis()));
        out.flush();
    }

    /** The summary as a JSON-ready map; the keys are documented in the README. */
    public Map<String, Object> toJson() {
        Tally tally = result.tally();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", command);
        json.put("destination", destination);
        json.put("sent", result.acknowledgements().acknowledgedCount());
        json.put("failed", result.acknowledgements().failedCount());
        json.put("stopped_early", result.stopped());
        json.put(replay ? "downloads_sent" : "good", tally.count(RecordKind.GOOD));
        json.put("bad", tally.bad());
        Map<String, Long> badByKind = new LinkedHashMap<>();
        for (RecordKind kind : RecordKind.values()) {
            if (kind.isBad()) {
                badByKind.put(kind.jsonName(), tally.count(kind));
            }
        }
        json.put("bad_by_kind", badByKind);
        if (!replay) {
            json.put("bots", tally.count(RecordKind.BOT));
        }
        json.put("metadata", tally.count(RecordKind.METADATA));
        countsInOrder().forEach((name, count) -> {
            json.put(name, count);
            if (name.equals("skipped") && replay) {
                json.put("skipped_by_reason", skippedByReason);
            }
        });
        json.put("distinct_projects", tally.distinctGoodProjects());
        json.put("started_epoch_ms", result.startEpochMillis());
        json.put("elapsed_ms", result.elapsedMillis());
        json.put("events_per_second", Math.round(result.eventsPerSecond() * 10) / 10.0);
        json.put("first_ack_epoch_ms", result.acknowledgements().firstAckMillis());
        json.put("last_ack_epoch_ms", result.acknowledgements().lastAckMillis());
        json.put("first_ack", isoOrNull(result.acknowledgements().firstAckMillis()));
        json.put("last_ack", isoOrNull(result.acknowledgements().lastAckMillis()));
        json.put("per_project", tally.goodPerProject(projectNames));
        Map<String, Long> perProjectDay = tally.goodPerProjectDay(projectNames);
        if (!perProjectDay.isEmpty()) {
            json.put("per_project_day", perProjectDay);
        }
        return json;
    }

    public void writeJson(Path path) {
        JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValue(path, toJson());
    }

    /**
     * The command's counts, with a replay's {@code skipped} (the sum of its reasons)
     * after {@code lines}.
     */
    private Map<String, Long> countsInOrder() {
        if (!replay) {
            return inputCounts;
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("lines", inputCounts.getOrDefault("lines", 0L));
        counts.put("skipped", skippedByReason.values().stream().mapToLong(Long::longValue).sum());
        inputCounts.forEach(counts::putIfAbsent);
        return counts;
    }

    private static String label(String name) {
        return LABELS.getOrDefault(name, name.replace('_', ' ') + " lines");
    }

    /** {@code " (blank 1, method 3, status 9)"}: the reasons with a count, or nothing. */
    private String reasons() {
        StringBuilder text = new StringBuilder();
        skippedByReason.forEach((reason, count) -> {
            if (count > 0) {
                text.append(text.length() == 0 ? " (" : ", ")
                    .append(reason.replace('_', ' '))
                    .append(' ')
                    .append(String.format("%,d", count));
            }
        });
        return text.length() == 0 ? "" : text.append(')').toString();
    }

    private static String badKinds(Tally tally) {
        StringBuilder kinds = new StringBuilder();
        for (RecordKind kind : RecordKind.values()) {
            if (kind.isBad() && tally.count(kind) > 0) {
                kinds.append(kinds.length() == 0 ? " (" : ", ")
                    .append(kind.jsonName())
                    .append(' ')
                    .append(String.format("%,d", tally.count(kind)));
            }
        }
        return kinds.length() == 0 ? "" : kinds.append(')').toString();
    }

    private static String time(long epochMillis) {
        return epochMillis == 0 ? "-" : Rfc3339.format(epochMillis);
    }

    private static String isoOrNull(long epochMillis) {
        return epochMillis == 0 ? null : Rfc3339.format(epochMillis);
    }

}
