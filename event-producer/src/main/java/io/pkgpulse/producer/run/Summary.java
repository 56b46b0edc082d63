package io.pkgpulse.producer.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

import io.pkgpulse.producer.event.Rfc3339;
import tools.jackson.databind.json.JsonMapper;

/**
 * The end-of-run report: a few lines for people, and the same numbers as JSON ({@code --summary-json}) for the
 * benchmark, which compares {@code per_project} with what the worker stored and measures end-to-end time from the
 * acknowledgement times.
 */
public final class Summary {

    private final String command;
    private final String destination;
    private final Run.Result result;
    private final IntFunction<String> projectNames;
    private final Map<String, Long> inputCounts;

    /**
     * @param projectNames normalised project name of a project id in the tally
     * @param inputCounts command-specific counts of input read but not sent ({@code unparsed}, {@code skipped}),
     *        in the order to show them
     */
    public Summary(String command, String destination, Run.Result result, IntFunction<String> projectNames,
            Map<String, Long> inputCounts) {
        this.command = command;
        this.destination = destination;
        this.result = result;
        this.projectNames = projectNames;
        this.inputCounts = inputCounts;
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
        out.printf("  deliberately bad     %,d%s%n", tally.bad(), badKinds(tally));
        out.printf("  bots                 %,d%n", tally.count(RecordKind.BOT));
        out.printf("  metadata fetches     %,d%n", tally.count(RecordKind.METADATA));
        out.printf("  good                 %,d over %,d distinct projects%n", tally.count(RecordKind.GOOD),
                tally.distinctGoodProjects());
        inputCounts.forEach((name, count) -> out.printf("  %-20s %,d%n",
                name.equals("lines") ? "lines read" : name.replace('_', ' ') + " lines", count));
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
        json.put("good", tally.count(RecordKind.GOOD));
        json.put("bad", tally.bad());
        Map<String, Long> badByKind = new LinkedHashMap<>();
        for (RecordKind kind : RecordKind.values()) {
            if (kind.isBad()) {
                badByKind.put(kind.jsonName(), tally.count(kind));
            }
        }
        json.put("bad_by_kind", badByKind);
        json.put("bots", tally.count(RecordKind.BOT));
        json.put("metadata", tally.count(RecordKind.METADATA));
        inputCounts.forEach(json::put);
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

    private static String badKinds(Tally tally) {
        StringBuilder kinds = new StringBuilder();
        for (RecordKind kind : RecordKind.values()) {
            if (kind.isBad() && tally.count(kind) > 0) {
                kinds.append(kinds.length() == 0 ? " (" : ", ").append(kind.jsonName()).append(' ')
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
