package io.pkgpulse.producer.replay;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.pkgpulse.producer.run.RecordKind;
import io.pkgpulse.producer.run.Run;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --format bigquery}: rows of PyPI's
 * {@code bigquery-public-data.pypi.file_downloads} table, exported as newline-delimited
 * JSON. A row already has the event's shape (the event contract is modelled on that
 * table), and the worker reads BigQuery's timestamp text, so each line is sent as
 * exported, with one addition in front: the {@code import} object naming the file (its
 * SHA-256) and the line, by which the worker counts every line once and counts history
 * older than its raw retention into the daily rollups. Lines are classified like
 * {@code jsonl}'s.
 */
final class BigQueryReplay implements LineReplay {

    private final Run run;

    private final ProjectIds projectIds;

    private final JsonLineInspector inspector = new JsonLineInspector();

    private final byte[] importPrefix;

    BigQueryReplay(Run run, ProjectIds projectIds, ImportFile file) {
        this.run = run;
        this.projectIds = projectIds;
        // {"import":{"sha256":"…","file":"…","line": — the line number and the rest of
        // the row follow.
        String sha256 = JsonMapper.shared().writeValueAsString(file.sha256());
        String name = JsonMapper.shared().writeValueAsString(file.name());
        this.importPrefix = ("{\"import\":{\"sha256\":" + sha256 + ",\"file\":" + name + ",\"line\":")
            .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void replay(byte[] line, long lineNumber) {
        JsonLineInspector.Inspected inspected = inspector.inspect(line);
        if (!inspected.object()) {
            run.send(RecordKind.NOT_JSON_OBJECT, -1, null, line);
            return;
        }
        JsonLinesReplay.sendObject(run, projectIds, inspected, withImport(line, lineNumber));
    }

    /**
     * The line with {@code "import":{…}} as its first member; the rest of the bytes are
     * unchanged.
     */
    byte[] withImport(byte[] line, long lineNumber) {
        int open = 0;
        while (line[open] != '{') {
            open++; // white space: the inspector has seen a JSON object
        }
        int next = open + 1;
        while (next < line.length
                && (line[next] == ' ' || line[next] == '\t' || line[next] == '\r' || line[next] == '\n')) {
            next++;
        }
        boolean empty = line[next] == '}';
        ByteArrayOutputStream out = new ByteArrayOutputStream(line.length + importPrefix.length + 24);
        out.writeBytes(importPrefix);
        out.writeBytes(Long.toString(lineNumber).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(empty ? new byte[] { '}' } : new byte[] { '}', ',' });
        out.write(line, open + 1, line.length - open - 1);
        return out.toByteArray();
    }

    @Override
    public Map<String, Long> inputCounts() {
        return new LinkedHashMap<>();
    }

}
