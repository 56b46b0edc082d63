package io.pkgpulse.bench.freshness;

import java.util.List;
import java.util.Locale;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The results: per read path the latencies' percentiles, the broker's acknowledgements,
 * the background stream.
 */
final class Report {

    record Path(String key, String label, Visibility visibility) {
    }

    /**
     * What reached the topic and what the worker committed while the probes were sent.
     */
    record Background(double topicRate, double workerRate, double meanLag, long maxLag, long lastLag, int samples) {
    }

    private final Settings settings;

    private final long[] sent;

    private final long[] acked;

    private final int failed;

    private final List<Path> paths;

    private final List<LagSampler.Sample> samples;

    private final String lagError;

    private final long finished;

    Report(Settings settings, long[] sent, long[] acked, int failed, List<Path> paths, List<LagSampler.Sample> samples,
            String lagError, long finished) {
        this.settings = settings;
        this.sent = sent;
        this.acked = acked;
        this.failed = failed;
        this.paths = paths;
        this.samples = samples;
        this.lagError = lagError;
        this.finished = finished;
    }

    /**
     * Send → first answer showing the probe, per probe; infinity for a probe the path
     * never showed.
     */
    double[] latencies(Visibility visibility) {
        double[] ms = new double[sent.length - 1];
        for (int i = 1; i < sent.length; i++) {
            long seen = visibility.firstSeen(i + 1);
            ms[i - 1] = seen == 0 ? Double.POSITIVE_INFINITY : (seen - sent[i]) / 1e6;
        }
        return ms;
    }

    double[] acknowledgements() {
        double[] ms = new double[sent.length - 1];
        for (int i = 1; i < sent.length; i++) {
            ms[i - 1] = acked[i] == 0 ? Double.POSITIVE_INFINITY : (acked[i] - sent[i]) / 1e6;
        }
        return ms;
    }

    /**
     * Over the samples taken between the first and the last probe's send (all samples if
     * there are too few).
     */
    Background background() {
        List<LagSampler.Sample> inside = samples.stream()
            .filter(s -> s.nanos() >= sent[1] && s.nanos() <= sent[sent.length - 1])
            .toList();
        if (inside.size() < 2) {
            inside = samples;
        }
        if (inside.size() < 2) {
            return null;
        }
        LagSampler.Sample a = inside.get(0);
        LagSampler.Sample b = inside.get(inside.size() - 1);
        double seconds = (b.nanos() - a.nanos()) / 1e9;
        long probes = 0;
        for (int i = 1; i < sent.length; i++) {
            if (sent[i] >= a.nanos() && sent[i] < b.nanos()) {
                probes++;
            }
        }
        double topic = (b.end() - a.end() - probes) / seconds;
        double worker = (b.committed() - a.committed()) / seconds;
        double mean = inside.stream().mapToLong(LagSampler.Sample::lag).average().orElse(0);
        long max = inside.stream().mapToLong(LagSampler.Sample::lag).max().orElse(0);
        return new Background(topic, worker, mean, max, b.lag(), inside.size());
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        int n = sent.length - 1;
        out.append(String.format(Locale.ROOT,
                "| read path (probe package `%s`, %d probes %,d ms apart, readers "
                        + "%,d ms apart) | probes seen | p50 ms | p95 ms | p99 ms | max ms | answers/s |%n",
                settings.packageName(), n, settings.interval().toMillis(), settings.pollPause().toMillis()));
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Path path : paths) {
            Visibility v = path.visibility();
            if (v.unavailableReason() != null) {
                out.append(String.format(Locale.ROOT, "| %s | %s | | | | | |%n", path.label(), v.unavailableReason()));
                continue;
            }
            Percentiles p = Percentiles.of(latencies(v));
            out.append(String.format(Locale.ROOT, "| %s | %d of %d | %s | %s | %s | %s | %,.0f |%n", path.label(),
                    p.seen(), p.count(), ms(p.p50()), ms(p.p95()), ms(p.p99()), ms(p.max()),
                    v.answersPerSecond(finished)));
        }
        Percentiles ack = Percentiles.of(acknowledgements());
        out.append(String.format(Locale.ROOT,
                "| for reference: the broker's acknowledgement of the send | %d of %d " + "| %s | %s | %s | %s | |%n",
                ack.seen(), ack.count(), ms(ack.p50()), ms(ack.p95()), ms(ack.p99()), ms(ack.max())));
        out.append('\n');
        out.append("- Count followed: the package's downloads without mirrors (JSON and CSV: the sum of the "
                + "`without_mirrors` rows, i.e. today's row for this package first downloaded in this run; badge: "
                + "the all-time total; dashboard: the total of its default range, which ends today; live: the largest "
                + "`without_mirrors` in each event). Latency: from just "
                + "before the producer's `send()` to the first answer (or event) showing the probe.\n");
        Background bg = background();
        if (bg == null) {
            out.append("- Background stream and worker lag: not measured")
                .append(lagError == null ? "" : " (" + lagError + ")")
                .append('\n');
        }
        else {
            double lagSeconds = bg.topicRate() > 0 ? bg.meanLag() / bg.topicRate() : Double.NaN;
            out.append(String.format(Locale.ROOT, "- Background stream: **%,.0f events/s** reached the topic while "
                    + "the probes were sent; the worker committed %,.0f records/s. Worker lag (topic end offsets "
                    + "minus the worker group's committed offsets, %d samples 1 s apart): mean %,.0f records "
                    + "(about %.1f s of the stream), max %,d, at the last probe %,d.%n", bg.topicRate(),
                    bg.workerRate(), bg.samples(), bg.meanLag(), lagSeconds, bg.maxLag(), bg.lastLag()));
        }
        StringBuilder errors = new StringBuilder();
        for (Path path : paths) {
            Visibility v = path.visibility();
            if (v.unavailableReason() != null) {
                out.append(String.format(Locale.ROOT, "- %s: not measured, %s; the API's last answer: %s%n", path.key(),
                        v.unavailableReason(), v.lastError()));
            }
            else if (v.errors() > 0) {
                errors.append(String.format(Locale.ROOT, " %s %,d (last: %s);", path.key(), v.errors(), v.lastError()));
            }
        }
        if (failed > 0) {
            errors.append(String.format(Locale.ROOT, " %d probe sends failed;", failed));
        }
        out.append("- Errors:")
            .append(errors.length() == 0 ? " none." : errors.substring(0, errors.length() - 1) + ".")
            .append('\n');
        return out.toString();
    }

    ObjectNode json(JsonMapper json) {
        ObjectNode root = json.createObjectNode();
        root.put("package", settings.packageName());
        root.put("probes", sent.length - 1);
        root.put("interval_ms", settings.interval().toMillis());
        root.put("poll_ms", settings.pollPause().toMillis());
        ObjectNode out = root.putObject("paths");
        for (Path path : paths) {
            Visibility v = path.visibility();
            ObjectNode node = out.putObject(path.key());
            node.put("label", path.label());
            if (v.unavailableReason() != null) {
                node.put("unavailable", v.unavailableReason());
            }
            else {
                put(node, Percentiles.of(latencies(v)));
                node.put("answers", v.answers());
            }
            node.put("errors", v.errors());
        }
        put(root.putObject("broker_ack"), Percentiles.of(acknowledgements()));
        root.put("failed_sends", failed);
        Background bg = background();
        if (bg != null) {
            ObjectNode node = root.putObject("background");
            node.put("topic_events_per_second", Math.round(bg.topicRate()));
            node.put("worker_records_per_second", Math.round(bg.workerRate()));
            node.put("lag_mean_records", Math.round(bg.meanLag()));
            node.put("lag_max_records", bg.maxLag());
            node.put("lag_last_records", bg.lastLag());
            node.put("samples", bg.samples());
        }
        return root;
    }

    private static void put(ObjectNode node, Percentiles p) {
        node.put("seen", p.seen());
        node.put("count", p.count());
        for (String name : List.of("p50", "p95", "p99", "max")) {
            double value = switch (name) {
                case "p50" -> p.p50();
                case "p95" -> p.p95();
                case "p99" -> p.p99();
                default -> p.max();
            };
            if (Double.isFinite(value)) {
                node.put(name + "_ms", Math.round(value * 10) / 10.0);
            }
            else {
                node.putNull(name + "_ms");
            }
        }
    }

    static String ms(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        if (Double.isInfinite(value)) {
            return "not seen";
        }
        return value < 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%,.0f", value);
    }

}
