package io.pkgpulse.producer.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.pkgpulse.producer.kafka.KafkaSink;
import io.pkgpulse.producer.sink.EventSink;
import io.pkgpulse.producer.sink.JsonLinesSink;
import picocli.CommandLine.Option;

/** Where events go and how a run reports: the options both commands share. */
public final class OutputOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description = "Kafka brokers (env KAFKA_BOOTSTRAP_SERVERS; default: ${DEFAULT-VALUE}).")
    private String bootstrapServers;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = "pypi.downloads.v1",
            description = "Topic to send to; it must exist (default: ${DEFAULT-VALUE}).")
    private String topic;

    @Option(names = "--rate", paramLabel = "EVENTS_PER_SECOND", defaultValue = "0",
            description = "Events per second, evenly paced; 0 sends as fast as possible (default: ${DEFAULT-VALUE}).")
    private double rate;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Write JSON lines to FILE instead of Kafka; - for stdout (the summary then goes to stderr).")
    private String output;

    @Option(names = "--quiet", description = "No progress line on stderr; the summary is still printed.")
    private boolean quiet;

    @Option(names = "--summary-json", paramLabel = "FILE", description = "Also write the summary as JSON to FILE.")
    private Path summaryJson;

    @Option(names = { "-P", "--producer-property" }, paramLabel = "KEY=VALUE",
            description = "Extra Kafka producer setting, overriding the tuned defaults; repeatable.")
    private Map<String, String> producerProperties = new LinkedHashMap<>();

    /**
     * Opens the sink: the file or stdout when {@code --output} is given, else a Kafka
     * producer.
     */
    public EventSink openSink() {
        if (output != null) {
            return JsonLinesSink.open(output);
        }
        return KafkaSink.open(bootstrapServers, topic, producerProperties);
    }

    /** Stdout, unless events are written there. */
    public PrintStream summaryStream() {
        return "-".equals(output) ? System.err : System.out;
    }

    /** Validates what picocli cannot; returns a problem or null. */
    public String problem() {
        if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
            return "--rate must be 0 or a positive number of events per second";
        }
        return null;
    }

    public double rate() {
        return rate;
    }

    public boolean quiet() {
        return quiet;
    }

    public Path summaryJson() {
        return summaryJson;
    }

}
