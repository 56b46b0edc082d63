package io.pkgpulse.bench.freshness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The freshness probe: how long a download takes from the moment a producer hands it to
 * Kafka until each read path of the reporting API shows it, measured on a package nobody
 * else downloads.
 *
 * <ol>
 * <li>Checks that the probe package does not exist yet, and starts four readers that
 * poll, each over its own keep-alive connection a few milliseconds apart: JSON
 * {@code /api/packages/{p}/overall}, the same as CSV ({@code ?format=csv}), the badge
 * {@code /badge/{p}.svg?period=total} and the dashboard's page {@code /packages/{p}}.
 * <li>Sends the package's first download and waits until all four show it (registration,
 * not measured), then opens the live stream {@code /api/live?package={p}} (server-sent
 * events), if the API has it.
 * <li>Sends one download every interval. Probe {@code i} is the package's
 * {@code (i+1)}-th download; the time it is sent is taken just before {@code send()}
 * (what the downloader experiences), and it is visible on a path from the first answer
 * showing a count of at least {@code i+1}.
 * <li>Waits for the last probe (up to the timeout), and reports p50/p95/p99/max per path,
 * the background rate that reached the topic meanwhile and the worker's lag, as Markdown
 * (stdout) and JSON.
 * </ol>
 */
public final class FreshnessProbe {

    private final Settings settings;

    private final JsonMapper json = JsonMapper.builder().build();

    private FreshnessProbe(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        Settings settings;
        try {
            settings = Settings.parse(args);
        }
        catch (Settings.UsageException ex) {
            if (ex.getMessage() == null) {
                System.out.print(Settings.USAGE);
                System.exit(0);
            }
            System.err.println("freshness-probe: " + ex.getMessage());
            System.err.print(Settings.USAGE);
            System.exit(2);
            return;
        }
        int status;
        try {
            status = new FreshnessProbe(settings).run();
        }
        catch (Exception ex) {
            System.err.println("freshness-probe: " + ex.getMessage());
            status = 1;
        }
        System.exit(status);
    }

    private int run() throws Exception {
        Settings s = settings;
        String pkg = s.packageName();
        String base = s.baseUrl().toString();
        URI jsonUri = URI.create(base + "/api/packages/" + pkg + "/overall");
        URI csvUri = URI.create(base + "/api/packages/" + pkg + "/overall?format=csv");
        URI badgeUri = URI.create(base + "/badge/" + pkg + ".svg?period=total");
        URI dashboardUri = URI.create(base + "/packages/" + pkg);
        URI liveUri = URI.create(base + "/api/live?package=" + pkg);
        int counts = s.probes() + 1;

        long started = System.nanoTime();
        requireNewPackage(jsonUri);
        log("%s answers 404: the package is new (%,d ms)", jsonUri, elapsedMs(started));

        Map<String, Object> producerConfig = new HashMap<>();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "pkgpulse-freshness-probe");
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // One download at a time: no waiting for a batch to fill (event-producer's 20 ms
        // are for throughput).
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        Map<String, Object> adminConfig = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "pkgpulse-freshness-probe-lag");

        List<Thread> threads = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig);
                Admin admin = Admin.create(adminConfig)) {
            log("topic %s has %d partitions (%,d ms)", s.topic(), producer.partitionsFor(s.topic()).size(),
                    elapsedMs(started));
            ProbeEvent event = new ProbeEvent(json, pkg);

            Visibility jsonPath = new Visibility("JSON", counts);
            Visibility csvPath = new Visibility("CSV", counts);
            Visibility badgePath = new Visibility("badge", counts);
            Visibility dashboardPath = new Visibility("dashboard", counts);
            Visibility livePath = new Visibility("live", counts);
            List<Poller> pollers = List.of(
                    new Poller(jsonPath, jsonUri, "application/json", body -> Counts.overallJson(json, body),
                            s.pollPause()),
                    new Poller(csvPath, csvUri, "text/csv", Counts::overallCsv, s.pollPause()),
                    new Poller(badgePath, badgeUri, "image/svg+xml", Counts::badge, s.pollPause()),
                    new Poller(dashboardPath, dashboardUri, "text/html", Counts::dashboard, s.pollPause()));
            for (int i = 0; i < pollers.size(); i++) {
                threads.add(start("reader-" + List.of("json", "csv", "badge", "dashboard").get(i), pollers.get(i)));
            }
            List<Visibility> required = List.of(jsonPath, csvPath, badgePath);

            // Registration: the package's first download, so that the live stream can be
            // asked for it.
            log("probe package %s: sending its first download (not measured) to %s at %s", pkg, s.topic(),
                    s.bootstrapServers());
            long registered = System.nanoTime();
            producer.send(new ProducerRecord<>(s.topic(), event.key(), event.value(Instant.now(), 0)))
                .get(30, TimeUnit.SECONDS);
            long registerDeadline = registered + s.registerTimeout().toNanos();
            while (required.stream().anyMatch(v -> v.shown() < 1)) {
                if (System.nanoTime() > registerDeadline) {
                    throw new IllegalStateException("the first download of " + pkg + " did not appear within "
                            + s.registerTimeout().toSeconds() + " s (is the worker consuming " + s.topic() + "?): "
                            + describe(List.of(jsonPath, csvPath, badgePath, dashboardPath)));
                }
                Thread.sleep(20);
            }
            log("the first download is visible on JSON, CSV and badge after %,d ms",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - registered));
            // The dashboard is measured when it works: a page that fails (the packaged
            // jar lacked its template
            // once) makes that path "n/a" rather than the run a failure.
            long dashboardDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (dashboardPath.shown() < 1 && System.nanoTime() < dashboardDeadline) {
                Thread.sleep(20);
            }
            if (dashboardPath.shown() < 1) {
                pollers.get(3).stop();
                String error = dashboardPath.lastError();
                dashboardPath.unavailable("n/a (" + (error == null ? "does not show the first download"
                        : error.startsWith("HTTP ") && error.contains(":") ? error.substring(0, error.indexOf(':'))
                                : "unreadable")
                        + ")");
            }
            log("dashboard %s: %s", dashboardUri,
                    dashboardPath.unavailableReason() == null ? "shows it too" : dashboardPath.unavailableReason());

            LiveListener live = new LiveListener(livePath, json, liveUri, pkg);
            threads.add(start("reader-live", live));
            boolean liveOpen = live.awaitAnswer(Duration.ofSeconds(5));
            log("live stream %s: %s", liveUri, liveOpen ? "open" : livePath.unavailableReason() != null
                    ? livePath.unavailableReason() : "no answer yet (still waiting for it in the background)");

            LagSampler lag = new LagSampler(admin, s.topic(), s.group());
            threads.add(start("lag", lag));

            long[] sent = new long[counts];
            long[] acked = new long[counts];
            AtomicInteger failed = new AtomicInteger();
            long first = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
            log("sending %d probes, one every %,d ms", s.probes(), s.interval().toMillis());
            for (int i = 1; i <= s.probes(); i++) {
                sleepUntil(first + (i - 1) * s.interval().toNanos());
                byte[] value = event.value(Instant.now(), i);
                int probe = i;
                sent[i] = System.nanoTime();
                producer.send(new ProducerRecord<>(s.topic(), event.key(), value), (metadata, ex) -> {
                    if (ex == null) {
                        acked[probe] = System.nanoTime();
                    }
                    else {
                        failed.incrementAndGet();
                    }
                });
                if (i % 10 == 0 || i == s.probes()) {
                    log("probe %d of %d sent; shown: JSON %s, CSV %s, badge %s, dashboard %s, live %s", i, s.probes(),
                            shown(jsonPath), shown(csvPath), shown(badgePath), shown(dashboardPath), shown(livePath));
                }
            }
            producer.flush();
            long lastSent = sent[s.probes()];
            long deadline = lastSent + s.timeout().toNanos();
            List<Visibility> active = List.of(jsonPath, csvPath, badgePath, dashboardPath, livePath);
            while (System.nanoTime() < deadline
                    && active.stream().anyMatch(v -> v.unavailableReason() == null && v.shown() < counts)) {
                Thread.sleep(20);
            }
            long finished = System.nanoTime();
            lag.stop();
            pollers.forEach(Poller::stop);
            live.stop();
            for (Thread thread : threads) {
                thread.join(2000);
            }
            log("done %,d ms after the last probe was sent", TimeUnit.NANOSECONDS.toMillis(finished - lastSent));

            Report report = new Report(s, sent, acked, failed.get(),
                    List.of(new Report.Path("json", "JSON `/api/packages/{p}/overall`", jsonPath),
                            new Report.Path("csv", "CSV `/api/packages/{p}/overall?format=csv`", csvPath),
                            new Report.Path("badge", "badge `/badge/{p}.svg?period=total`", badgePath),
                            new Report.Path("dashboard", "dashboard `/packages/{p}` (HTML)", dashboardPath),
                            new Report.Path("live", "live `/api/live?package={p}` (SSE)", livePath)),
                    lag.samples(), lag.lastError(), finished);
            String markdown = report.markdown();
            System.out.print(markdown);
            if (s.resultMarkdown() != null) {
                write(s.resultMarkdown(), markdown);
            }
            if (s.resultJson() != null) {
                ObjectNode node = report.json(json);
                write(s.resultJson(), json.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n");
            }
            return 0;
        }
    }

    /**
     * The answer for a package that does not exist is 404; anything else means a reused
     * name or no API.
     */
    private void requireNewPackage(URI jsonUri) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(jsonUri)
            .header("Accept", "application/json")
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
            throw new IllegalStateException("package " + settings.packageName() + " already exists: the probe needs a"
                    + " package of its own, whose count it knows exactly (leave --package out for a fresh name)");
        }
        if (response.statusCode() != 404) {
            throw new IllegalStateException(
                    jsonUri + " answered HTTP " + response.statusCode() + ": " + Poller.abbreviate(response.body()));
        }
    }

    private static String describe(List<Visibility> paths) {
        StringBuilder text = new StringBuilder();
        for (Visibility v : paths) {
            text.append(v.name()).append(" shows ").append(v.shown());
            if (v.lastError() != null) {
                text.append(" (").append(v.errors()).append(" errors, last: ").append(v.lastError()).append(')');
            }
            text.append("; ");
        }
        return text.toString();
    }

    private static Thread start(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            if (left > 2_000_000) {
                Thread.sleep((left - 1_000_000) / 1_000_000);
            }
            else {
                Thread.onSpinWait();
            }
        }
    }

    /** How many probes (not counting the first download) a path shows, or n/a. */
    private static String shown(Visibility path) {
        return path.unavailableReason() != null ? "n/a" : Long.toString(Math.max(0, path.shown() - 1));
    }

    private static long elapsedMs(long since) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
    }

    private static void write(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text);
    }

    static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[freshness-probe %tT] %s%n", System.currentTimeMillis(),
                String.format(Locale.ROOT, format, args));
    }

}
