package io.pkgpulse.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EventProducerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void writesJsonLinesToAFileAndASummary() throws Exception {
        Path out = dir.resolve("events.jsonl");
        Path summaryFile = dir.resolve("summary.json");

        int exit = EventProducer.commandLine()
            .execute("synthetic", "--count", "2000", "--bad-share", "0.1", "--output", out.toString(), "--quiet",
                    "--summary-json", summaryFile.toString());

        assertThat(exit).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(2000);
        JsonNode summary = JSON.readTree(Files.readString(summaryFile));
        assertThat(summary.get("sent").asLong()).isEqualTo(2000);
        long bad = summary.get("bad").asLong();
        assertThat(bad).isBetween(120L, 280L);
        long badByKind = 0;
        for (var kind : summary.get("bad_by_kind").properties()) {
            badByKind += kind.getValue().asLong();
        }
        assertThat(badByKind).isEqualTo(bad);
        long perProject = 0;
        for (var project : summary.get("per_project").properties()) {
            perProject += project.getValue().asLong();
        }
        assertThat(perProject).isEqualTo(summary.get("good").asLong())
            .isEqualTo(2000 - bad - summary.get("bots").asLong() - summary.get("metadata").asLong());
        java.util.Map<String, Long> perDaySummed = new java.util.HashMap<>();
        for (var projectDay : summary.get("per_project_day").properties()) {
            String[] key = projectDay.getKey().split("\\|");
            assertThat(java.time.LocalDate.parse(key[1])).isBetween(
                    java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1),
                    java.time.LocalDate.now(java.time.ZoneOffset.UTC));
            perDaySummed.merge(key[0], projectDay.getValue().asLong(), Long::sum);
        }
        for (var project : summary.get("per_project").properties()) {
            assertThat(perDaySummed.get(project.getKey())).as(project.getKey()).isEqualTo(project.getValue().asLong());
        }
        assertThat(summary.get("elapsed_ms").asLong()).isNotNegative();
        assertThat(summary.has("first_ack_epoch_ms")).isTrue();
        assertThat(summary.has("last_ack_epoch_ms")).isTrue();
    }

    @Test
    void aDurationRunStopsInTime() throws Exception {
        Path out = dir.resolve("events.jsonl");
        long start = System.nanoTime();
        int exit = EventProducer.commandLine()
            .execute("synthetic", "--duration", "300ms", "--rate", "1000", "--output", out.toString(), "--quiet");
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(exit).isZero();
        assertThat(seconds).isLessThan(5);
        assertThat(Files.readAllLines(out).size()).isBetween(200, 400);
    }

    @Test
    void usageErrorsExitWithTwo() {
        StringWriter err = new StringWriter();
        var commandLine = EventProducer.commandLine();
        commandLine.setErr(new PrintWriter(err));

        assertThat(commandLine.execute("synthetic", "--count", "5", "--duration", "1m")).isEqualTo(2);
        assertThat(commandLine.execute("synthetic", "--bad-share", "2", "--output", "-")).isEqualTo(2);
        assertThat(commandLine.execute()).isEqualTo(2);
        assertThat(err.toString()).contains("--bad-share");
    }

    @Test
    void aCombinedLogCanBeConvertedToJsonLines() throws Exception {
        Path log = dir.resolve("access.log");
        Files.writeString(log,
                "10.0.0.1 - - [21/Nov/2026:10:15:30 +0000] \"GET /packages/ab/cd/ef/"
                        + "requests-2.32.3-py3-none-any.whl HTTP/1.1\" 200 64928 \"-\" \"pip/24.2\"\n"
                        + "10.0.0.1 - - [21/Nov/2026:10:15:30 +0000] \"GET /packages/ab/cd/ef/"
                        + "requests-2.32.3-py3-none-any.whl.metadata HTTP/1.1\" 200 4000 \"-\" \"pip/24.2\"\n");
        Path out = dir.resolve("events.jsonl");
        Path summaryFile = dir.resolve("summary.json");

        assertThat(EventProducer.commandLine()
            .execute("replay", "--format", "COMBINED", "--file", log.toString(), "--output", out.toString(), "--quiet",
                    "--summary-json", summaryFile.toString()))
            .isZero();

        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(2);
        assertThat(JSON.readTree(lines.get(0)).get("file").get("type").stringValue()).isEqualTo("bdist_wheel");
        JsonNode summary = JSON.readTree(Files.readString(summaryFile));
        assertThat(summary.get("metadata").asLong()).isEqualTo(1);
        assertThat(summary.get("downloads_sent").asLong()).isEqualTo(1);
        assertThat(summary.has("good")).as("a replay does not know which downloads the worker drops as bots").isFalse();
        assertThat(summary.has("bots")).isFalse();
    }

}
