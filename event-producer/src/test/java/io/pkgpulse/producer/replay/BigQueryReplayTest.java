package io.pkgpulse.producer.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pkgpulse.producer.EventProducer;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code replay --format bigquery} on rows as BigQuery exports them from
 * {@code pypi.file_downloads}.
 */
class BigQueryReplayTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    Path export() throws Exception {
        Path file = dir.resolve("file_downloads-000000000000.json");
        try (InputStream in = BigQueryReplayTest.class.getResourceAsStream("/fixtures/bigquery-file_downloads.jsonl")) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    List<String> replay(Path file) throws Exception {
        Path out = dir.resolve("events-" + file.getFileName() + ".jsonl");
        int exit = EventProducer.commandLine()
            .execute("replay", "--format", "bigquery", "--file", file.toString(), "--output", out.toString(), "--quiet",
                    "--summary-json", dir.resolve("summary.json").toString());
        assertThat(exit).isZero();
        return Files.readAllLines(out);
    }

    @Test
    void everyRowIsSentAsExportedWithItsFileAndLineInFront() throws Exception {
        Path file = export();
        List<String> rows = Files.readAllLines(file);
        String sha256 = ImportFile.of(file).sha256();

        List<String> events = replay(file);

        assertThat(events).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode event = JSON.readTree(events.get(i));
            assertThat(event.get("import").get("sha256").asString()).isEqualTo(sha256);
            assertThat(event.get("import").get("line").asLong()).isEqualTo(i + 1);
            assertThat(event.get("import").get("file").asString()).isEqualTo("file_downloads-000000000000.json");
            // Everything else byte for byte: the worker reads BigQuery's timestamps and
            // nulls as they come.
            assertThat(events.get(i)).endsWith(rows.get(i).substring(1));
            ((tools.jackson.databind.node.ObjectNode) event).remove("import");
            assertThat(event).isEqualTo(JSON.readTree(rows.get(i)));
        }
        JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
        assertThat(summary.get("downloads_sent").asLong()).isEqualTo(10);
        assertThat(summary.get("per_project").get("requests").asLong()).isEqualTo(6);
        assertThat(summary.get("per_project").get("numpy").asLong()).isEqualTo(4);
    }

    @Test
    void theSameBytesCompressedAreAnotherFileButTheSameEvents() throws Exception {
        Path plain = export();
        Path compressed = dir.resolve("file_downloads-000000000000.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(compressed))) {
            out.write(Files.readAllBytes(plain));
        }
        List<String> fromPlain = replay(plain);
        List<String> fromCompressed = replay(compressed);

        assertThat(fromCompressed).hasSameSizeAs(fromPlain);
        assertThat(JSON.readTree(fromCompressed.get(0)).get("import").get("sha256").asString())
            .isEqualTo(ImportFile.of(compressed).sha256())
            .isNotEqualTo(ImportFile.of(plain).sha256());
        assertThat(JSON.readTree(fromCompressed.get(0)).get("timestamp").asString())
            .isEqualTo("2024-01-07 20:54:54 UTC");
    }

    @Test
    void theImportGoesFirstInAnyObjectEmptyOrSpacedOut() {
        BigQueryReplay replay = new BigQueryReplay(null, new ProjectIds(),
                new ImportFile("0".repeat(64), "a \"quoted\" name.json"));
        String prefix = "{\"import\":{\"sha256\":\"" + "0".repeat(64)
                + "\",\"file\":\"a \\\"quoted\\\" name.json\",\"line\":";

        assertThat(text(replay.withImport(bytes("{}"), 3))).isEqualTo(prefix + "3}}");
        assertThat(text(replay.withImport(bytes("  { } "), 4))).isEqualTo(prefix + "4} } ");
        assertThat(text(replay.withImport(bytes("{\"project\":\"a\"}"), 5)))
            .isEqualTo(prefix + "5},\"project\":\"a\"}");
        assertThat(
                JSON.readTree(replay.withImport(bytes("{\"project\":\"a\"}"), 5)).get("import").get("file").asString())
            .isEqualTo("a \"quoted\" name.json");
    }

    @Test
    void anImportNeedsAFileToDigest() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = EventProducer.commandLine();
        commandLine.setErr(new PrintWriter(err));

        assertThat(commandLine.execute("replay", "--format", "bigquery", "--output", "-")).isEqualTo(2);
        assertThat(err.toString()).contains("--format bigquery needs --file PATH");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

}
