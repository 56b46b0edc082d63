package io.pkgpulse.producer.synthetic;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import io.pkgpulse.producer.run.DurationConverter;
import io.pkgpulse.producer.run.OutputOptions;
import io.pkgpulse.producer.run.Pacer;
import io.pkgpulse.producer.run.Progress;
import io.pkgpulse.producer.run.Run;
import io.pkgpulse.producer.run.StopSignal;
import io.pkgpulse.producer.run.Summary;
import io.pkgpulse.producer.sink.EventSink;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code event-producer synthetic}: a realistic stream of download events, for load tests
 * and demos.
 */
@Command(name = "synthetic", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Posts realistic synthetic download events: Zipf-distributed projects, real installer agents, "
                + "an optional share of deliberately bad records.")
public final class SyntheticCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private OutputOptions output;

    @ArgGroup(exclusive = true)
    private Amount amount = new Amount();

    static final class Amount {

        @Option(names = "--count", paramLabel = "N", description = "Events to send (default: 100000).")
        long count = 100_000;

        @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "Send for this long instead of a count: 90s, 10m, 1h30m, ...")
        Duration duration;

    }

    @Option(names = "--projects", paramLabel = "N", defaultValue = "50000",
            description = "Size of the project universe (default: ${DEFAULT-VALUE}).")
    private int projects;

    @Option(names = "--zipf-exponent", paramLabel = "S", defaultValue = "1.1",
            description = "Zipf exponent of project popularity (default: ${DEFAULT-VALUE}).")
    private double zipfExponent;

    @Option(names = "--days", paramLabel = "N", defaultValue = "1",
            description = "Spread timestamps over the last N days up to now, UTC, newest most (default: ${DEFAULT-VALUE}).")
    private int days;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Random seed: same seed, same events, except for timestamps (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--raw-agent-share", paramLabel = "SHARE", defaultValue = "0.8",
            description = "Share of events with a raw user_agent instead of details (default: ${DEFAULT-VALUE}).")
    private double rawAgentShare;

    @Option(names = "--bad-share", paramLabel = "SHARE", defaultValue = "0",
            description = "Share of deliberately bad records: invalid JSON, missing version, unknown file type, "
                    + "future timestamp (default: ${DEFAULT-VALUE}).")
    private double badShare;

    @Override
    public Integer call() {
        SyntheticSettings settings = settings();
        long count = amount.duration == null ? amount.count : -1;
        Duration duration = amount.duration;
        if (count < -1 || duration != null && duration.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--count and --duration must not be negative");
        }
        SyntheticEvents events = new SyntheticEvents(settings, System::currentTimeMillis);
        StopSignal stop = StopSignal.onShutdown();
        try (EventSink sink = output.openSink()) {
            Run run = new Run(sink, Pacer.of(output.rate()), stop);
            Run.Result result;
            try (Progress progress = Progress.start(output.quiet(), run::handedOver, count,
                    () -> duration == null ? (double) run.handedOver() / Math.max(1, count)
                            : (double) run.elapsedNanos() / Math.max(1, duration.toNanos()))) {
                if (duration == null) {
                    for (long i = 0; i < count && run.shouldContinue(); i++) {
                        send(run, events.next());
                    }
                }
                else {
                    long deadline = duration.toNanos();
                    while (run.elapsedNanos() < deadline && run.shouldContinue()) {
                        send(run, events.next());
                    }
                }
                result = run.finish();
            }
            ProjectUniverse universe = events.universe();
            Summary summary = new Summary("synthetic", sink.description(), result, universe::key, Map.of());
            summary.print(output.summaryStream());
            if (output.summaryJson() != null) {
                summary.writeJson(output.summaryJson());
            }
            return result.acknowledgements().failedCount() > 0 ? 1 : 0;
        }
        finally {
            stop.finished();
        }
    }

    private static void send(Run run, GeneratedEvent event) {
        run.send(event.kind(), event.projectRank(), event.epochDay(), event.key(), event.value());
    }

    private SyntheticSettings settings() {
        String problem = output.problem();
        if (problem != null) {
            throw new ParameterException(spec.commandLine(), problem);
        }
        try {
            return new SyntheticSettings(projects, zipfExponent, days, seed, rawAgentShare, badShare);
        }
        catch (IllegalArgumentException ex) {
            throw new ParameterException(spec.commandLine(), ex.getMessage());
        }
    }

}
