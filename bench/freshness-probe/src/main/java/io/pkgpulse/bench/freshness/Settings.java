package io.pkgpulse.bench.freshness;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The probe's command line: {@code --name=value} or {@code --name value}. */
record Settings(String bootstrapServers, String topic, String group, URI baseUrl, String packageName, int probes,
        Duration interval, Duration pollPause, Duration timeout, Duration registerTimeout, Path resultJson,
        Path resultMarkdown) {

    static final String USAGE = """
            Usage: java -jar freshness-probe.jar [options]

            Sends one download of a fresh probe package to Kafka every interval and measures, per probe, the time from
            just before send() to the moment each read path of the reporting API shows it: JSON overall, CSV overall,
            the total badge, the dashboard's package page (polled continuously over keep-alive connections) and the
            live stream (SSE, listened to).
            Normally run by bench/freshness, which starts the broker, the worker, the API and a background stream.

              --bootstrap-servers HOST:PORT  Kafka (127.0.0.1:9092)
              --topic NAME                   the worker's topic (pypi.downloads.v1)
              --group ID                     the worker's consumer group, for its lag (pkgpulse-ingest)
              --base-url URL                 the reporting API (http://127.0.0.1:8080); only loopback addresses
              --package NAME                 the probe package; must not exist yet (freshness-probe-<epoch seconds>)
              --probes N                     measured probes (120); at most 998, so that the badge stays exact
              --interval-ms MS               between probes (1000)
              --poll-ms MS                   pause between one reader's requests (5)
              --timeout S                    how long readers wait for the last probe after it was sent (60)
              --register-timeout S           how long the first download of the package may take to appear (120)
              --result-json FILE             also write the results as JSON
              --result-md FILE               also write the Markdown report
              --help
            """;

    static Settings parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new UsageException(null);
            }
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument: " + arg);
            }
            int eq = arg.indexOf('=');
            if (eq > 0) {
                values.put(arg.substring(2, eq), arg.substring(eq + 1));
            }
            else if (i + 1 < args.length) {
                values.put(arg.substring(2), args[++i]);
            }
            else {
                throw new UsageException("missing value for " + arg);
            }
        }
        String bootstrap = take(values, "bootstrap-servers", "127.0.0.1:9092");
        String topic = take(values, "topic", "pypi.downloads.v1");
        String group = take(values, "group", "pkgpulse-ingest");
        URI baseUrl = URI.create(stripSlash(take(values, "base-url", "http://127.0.0.1:8080")));
        String pkg = take(values, "package", "freshness-probe-" + System.currentTimeMillis() / 1000);
        int probes = positive(values, "probes", 120);
        Duration interval = Duration.ofMillis(positive(values, "interval-ms", 1000));
        Duration poll = Duration.ofMillis(nonNegative(values, "poll-ms", 5));
        Duration timeout = Duration.ofSeconds(positive(values, "timeout", 60));
        Duration register = Duration.ofSeconds(positive(values, "register-timeout", 120));
        String json = values.remove("result-json");
        String md = values.remove("result-md");
        if (!values.isEmpty()) {
            throw new UsageException("unknown option(s): --" + String.join(", --", values.keySet()));
        }
        if (probes > 998) {
            throw new UsageException("--probes must be at most 998: the badge abbreviates 1,000 and more (1.0k)");
        }
        if (!ProjectName.isValid(pkg)) {
            throw new UsageException("--package is not a valid project name: " + pkg);
        }
        String host = baseUrl.getHost();
        if (!"http".equals(baseUrl.getScheme()) || host == null
                || !(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"))) {
            throw new UsageException("--base-url must be http:// on a loopback address: " + baseUrl);
        }
        return new Settings(bootstrap, topic, group, baseUrl, ProjectName.normalize(pkg), probes, interval, poll,
                timeout, register, json == null ? null : Path.of(json), md == null ? null : Path.of(md));
    }

    private static String take(Map<String, String> values, String name, String fallback) {
        String value = values.remove(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int positive(Map<String, String> values, String name, int fallback) {
        int value = integer(values, name, fallback);
        if (value <= 0) {
            throw new UsageException("--" + name + " must be positive");
        }
        return value;
    }

    private static int nonNegative(Map<String, String> values, String name, int fallback) {
        int value = integer(values, name, fallback);
        if (value < 0) {
            throw new UsageException("--" + name + " must not be negative");
        }
        return value;
    }

    private static int integer(Map<String, String> values, String name, int fallback) {
        String value = values.remove(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        }
        catch (NumberFormatException ex) {
            throw new UsageException("--" + name + " must be a whole number, got " + value);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** A usage error; a null message means --help. */
    static final class UsageException extends RuntimeException {

        UsageException(String message) {
            super(message);
        }

    }
}
