package io.pkgpulse.producer.replay;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.pkgpulse.producer.event.ProjectNames;
import io.pkgpulse.producer.run.RecordKind;
import io.pkgpulse.producer.run.Run;

/**
 * {@code --format combined}: access-log lines become events (see {@link CombinedLogParser}). Requests that are not
 * downloads are skipped; lines that do not parse are counted and skipped, the first few described on stderr.
 * {@code .metadata} and {@code .asc} fetches are sent: the worker drops them, exactly as it would in production, and
 * the summary counts them as {@code metadata}.
 */
final class CombinedLogReplay implements LineReplay {

    static final int REPORTED_UNPARSED = 5;

    private final Run run;
    private final ProjectIds projectIds;
    private final PrintStream messages;
    private final CombinedLogParser parser = new CombinedLogParser();
    private final LogEventWriter writer = new LogEventWriter();
    private long skipped;
    private long unparsed;

    CombinedLogReplay(Run run, ProjectIds projectIds, PrintStream messages) {
        this.run = run;
        this.projectIds = projectIds;
        this.messages = messages;
    }

    @Override
    public void replay(byte[] line, long lineNumber) {
        String text = new String(line, StandardCharsets.UTF_8);
        LogLine parsed = parser.parse(text);
        if (parsed instanceof LogLine.Download download) {
            String key = ProjectNames.normalize(download.distribution().project());
            byte[] value = writer.write(download);
            byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
            if (download.distribution().notADownload()) {
                run.send(RecordKind.METADATA, -1, keyBytes, value);
            } else {
                run.send(RecordKind.GOOD, projectIds.idOf(key), keyBytes, value);
            }
        } else if (parsed instanceof LogLine.Skipped) {
            skipped++;
        } else if (parsed instanceof LogLine.Malformed malformed) {
            if (++unparsed <= REPORTED_UNPARSED) {
                messages.printf("line %d not parsed (%s): %s%n", lineNumber, malformed.reason(), abbreviate(text));
            }
        }
    }

    @Override
    public Map<String, Long> inputCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("skipped", skipped);
        counts.put("unparsed", unparsed);
        return counts;
    }

    private static String abbreviate(String line) {
        return line.length() <= 160 ? line : line.substring(0, 160) + "...";
    }
}
