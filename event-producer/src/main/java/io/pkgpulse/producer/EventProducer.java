package io.pkgpulse.producer;

import io.pkgpulse.producer.replay.ReplayCommand;
import io.pkgpulse.producer.synthetic.SyntheticCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code event-producer} command line: posts download events to Kafka, synthetic
 * ({@code synthetic}) or recorded ({@code replay}). Exit status 0 when every event was
 * acknowledged, 1 when a send failed or the run could not start (message on stderr), 2
 * for a usage error.
 */
@Command(name = "event-producer", mixinStandardHelpOptions = true, version = "pkgpulse event-producer 0.1.0",
        description = "Posts PyPI-style download events to Kafka for pkgpulse.",
        subcommands = { SyntheticCommand.class, ReplayCommand.class, CommandLine.HelpCommand.class })
public final class EventProducer implements Runnable {

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its error handling; tests run commands through it. */
    public static CommandLine commandLine() {
        return new CommandLine(new EventProducer()).setCaseInsensitiveEnumValuesAllowed(true)
            .setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
                commandLine.getErr().println("event-producer: " + message(ex));
                commandLine.getErr().flush();
                return 1;
            });
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required: synthetic or replay");
    }

    private static String message(Throwable ex) {
        String message = ex.getMessage();
        return message == null || message.isBlank() ? ex.toString() : message;
    }

}
