package io.pkgpulse.producer.replay;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.pkgpulse.producer.run.OutputOptions;
import io.pkgpulse.producer.run.Pacer;
import io.pkgpulse.producer.run.Progress;
import io.pkgpulse.producer.run.Run;
import io.pkgpulse.producer.run.StopSignal;
import io.pkgpulse.producer.run.Summary;
import io.pkgpulse.producer.sink.EventSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code event-producer replay}: posts recorded events, or downloads read from an index's
 * access log.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Reads events (JSON lines), an nginx/Apache combined access log or a history file exported from"
                + " PyPI's BigQuery file_downloads table, and posts them to Kafka.")
public final class ReplayCommand implements Callable<Integer> {

    /** Input formats. */
    enum Format {

        jsonl, combined, bigquery

    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl",
            description = "jsonl (one event per line, sent as is), combined (access log) or bigquery (history: rows of"
                    + " bigquery-public-data.pypi.file_downloads as newline-delimited JSON, each line counted once"
                    + " however often the file is replayed) (default: ${DEFAULT-VALUE}).")
    private Format format;

    @Option(names = "--file", paramLabel = "PATH", defaultValue = "-",
            description = "Input file, gzip-compressed if it ends in .gz; - for stdin, except for bigquery"
                    + " (default: ${DEFAULT-VALUE}).")
    private String file;

    @Option(names = "--geoip", paramLabel = "FILE.mmdb", converter = GeoIpCountries.Converter.class,
            description = "With --format combined: derive country_code from the client address with this"
                    + " MaxMind-format country database, in memory (the address is never sent or logged).")
    private GeoIpCountries geoip;

    @Mixin
    private OutputOptions output;

    @Override
    public Integer call() {
        String problem = output.problem();
        if (problem != null) {
            throw new ParameterException(spec.commandLine(), problem);
        }
        if (geoip != null && format != Format.combined) {
            throw new ParameterException(spec.commandLine(), "--geoip applies to --format combined only");
        }
        if (format == Format.bigquery && "-".equals(file)) {
            throw new ParameterException(spec.commandLine(), "--format bigquery needs --file PATH: an import is"
                    + " identified by its file's SHA-256, computed before the first line is sent");
        }
        ImportFile importFile = format == Format.bigquery ? ImportFile.of(Path.of(file)) : null;
        StopSignal stop = StopSignal.onShutdown();
        try (LineReader reader = LineReader.open(file); EventSink sink = output.openSink()) {
            Run run = new Run(sink, Pacer.of(output.rate()), stop);
            ProjectIds projectIds = new ProjectIds();
            LineReplay replay = switch (format) {
                case combined -> new CombinedLogReplay(run, projectIds, geoip, System.err);
                case bigquery -> new BigQueryReplay(run, projectIds, importFile);
                case jsonl -> new JsonLinesReplay(run, projectIds);
            };
            long lines = 0;
            long blank = 0;
            Run.Result result;
            try (Progress progress = Progress.start(output.quiet(), run::handedOver, -1,
                    () -> reader.size() > 0 ? (double) reader.bytesRead() / reader.size() : Double.NaN)) {
                byte[] line;
                while (run.shouldContinue() && (line = reader.next()) != null) {
                    lines++;
                    if (isBlank(line)) {
                        blank++;
                    }
                    else {
                        replay.replay(line, lines);
                    }
                }
                result = run.finish();
            }
            Map<String, Long> inputCounts = new LinkedHashMap<>();
            inputCounts.put("lines", lines);
            inputCounts.putAll(replay.inputCounts());
            Map<String, Long> skipped = new LinkedHashMap<>();
            skipped.put("blank", blank);
            skipped.putAll(replay.skippedByReason());
            Summary summary = Summary.ofReplay("replay " + format, sink.description(), result, projectIds::name,
                    inputCounts, skipped);
            summary.print(output.summaryStream());
            if (importFile != null) {
                output.summaryStream()
                    .printf("  import               %s (%s): the worker counts each line once;"
                            + " replaying this file again counts nothing%n", importFile.abbreviated(),
                            importFile.sha256());
            }
            if (output.summaryJson() != null) {
                summary.writeJson(output.summaryJson());
            }
            return result.acknowledgements().failedCount() > 0 ? 1 : 0;
        }
        finally {
            stop.finished();
        }
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

}
