package io.pkgpulse.producer.replay;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.pkgpulse.names.ProjectNames;
import io.pkgpulse.producer.run.RecordKind;
import io.pkgpulse.producer.run.Run;

/**
 * {@code --format jsonl}: every line is sent unchanged, keyed by its normalised
 * {@code project}. Lines that are not a JSON object are sent too, without a key, so the
 * worker dead-letters them as it would in production; they are counted as
 * {@code not_json_object}. A line is counted as good when it has a valid project name and
 * is not a metadata fetch; the worker may still reject it for other reasons.
 */
final class JsonLinesReplay implements LineReplay {

    private final Run run;

    private final ProjectIds projectIds;

    private final JsonLineInspector inspector = new JsonLineInspector();

    JsonLinesReplay(Run run, ProjectIds projectIds) {
        this.run = run;
        this.projectIds = projectIds;
    }

    @Override
    public void replay(byte[] line, long lineNumber) {
        JsonLineInspector.Inspected inspected = inspector.inspect(line);
        if (!inspected.object()) {
            run.send(RecordKind.NOT_JSON_OBJECT, -1, null, line);
            return;
        }
        sendObject(run, projectIds, inspected, line);
    }

    /**
     * Sends {@code value}, a JSON object whose {@code project} and {@code file.filename}
     * are {@code inspected}'s, keyed by the normalised project and counted by what the
     * worker will make of it: an invalid project, a metadata fetch, or a download.
     */
    static void sendObject(Run run, ProjectIds projectIds, JsonLineInspector.Inspected inspected, byte[] value) {
        String project = inspected.project();
        String key = project == null ? null : ProjectNames.normalize(project);
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        if (!ProjectNames.isValid(project)) {
            run.send(RecordKind.INVALID_PROJECT, -1, keyBytes, value);
        }
        else if (isNotADownload(inspected.filename())) {
            run.send(RecordKind.METADATA, -1, keyBytes, value);
        }
        else {
            run.send(RecordKind.GOOD, projectIds.idOf(key), keyBytes, value);
        }
    }

    @Override
    public Map<String, Long> inputCounts() {
        return new LinkedHashMap<>();
    }

    private static boolean isNotADownload(String filename) {
        return filename != null && DistributionFilename.parse(filename)
            .map(Distribution::notADownload)
            .orElseGet(() -> filename.endsWith(".metadata") || filename.endsWith(".asc"));
    }

}
