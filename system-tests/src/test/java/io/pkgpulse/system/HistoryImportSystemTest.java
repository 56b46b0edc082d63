package io.pkgpulse.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import io.pkgpulse.testsupport.TestKafka;

/**
 * A maintainer brings their history: rows of PyPI's BigQuery {@code file_downloads}
 * table, exported as JSON lines, replayed with the real producer into the real worker and
 * read through the real API. Rows from 2024, far past the raw retention, are counted per
 * day, version, system and country; a row of yesterday also gets its raw row; the same
 * file replayed again counts nothing.
 */
class HistoryImportSystemTest {

    final SystemUnderTest system = new SystemUnderTest();

    final String topic = TestKafka.uniqueName("history");

    @TempDir
    Path dir;

    @Test
    void aBigQueryExportIsCountedOnceIntoTheHistory() throws Exception {
        Path export = dir.resolve("file_downloads-000000000000.json");
        try (InputStream in = getClass().getResourceAsStream("/fixtures/bigquery-file_downloads.jsonl")) {
            Files.write(export, in.readAllBytes());
        }
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        Files.writeString(export,
                """
                        {"timestamp":"%s 08:00:00 UTC","country_code":"NL","url":"/packages/b0/eb/4e/requests-2.31.0-py3-none-any.whl","project":"requests","file":{"filename":"requests-2.31.0-py3-none-any.whl","project":"requests","version":"2.31.0","type":"bdist_wheel"},"details":{"installer":{"name":"pip","version":"24.3.1"},"python":"3.13.0","implementation":{"name":"CPython","version":"3.13.0"},"distro":null,"system":{"name":"Linux","release":"6.8.0"},"cpu":"x86_64","openssl_version":null,"setuptools_version":null,"rustc_version":null,"ci":null},"tls_protocol":"TLSv1.3","tls_cipher":"TLS_AES_128_GCM_SHA256"}
                        """
                    .formatted(yesterday),
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        String group = TestKafka.uniqueName("group");
        system.createTopic(topic, 3);

        JsonNode first = replay(export);
        assertThat(first.get("per_project").get("requests").asLong()).isEqualTo(7);
        assertThat(first.get("per_project").get("numpy").asLong()).isEqualTo(4);

        try (AppProcess worker = system.worker("ingest-worker", topic, group);
                AppProcess api = system.api("--pkgpulse.ratelimit.enabled=false")) {
            await().atMost(Duration.ofMinutes(2)).until(() -> system.consumed(group) == 11);
            assertHistory(api, yesterday);

            replay(export);
            await().atMost(Duration.ofMinutes(2)).until(() -> system.consumed(group) == 22);
            assertHistory(api, yesterday);
            assertThat(
                    system.jdbc.queryForObject("SELECT sum(lines_repeated) FROM history_import_progress", Long.class))
                .isEqualTo(11);
        }
    }

    private void assertHistory(AppProcess api, String yesterday) {
        String range = "start_date=2024-01-01&end_date=" + yesterday;
        assertThat(perDay(api, "/api/packages/requests/overall?mirrors=true&" + range, "with_mirrors"))
            .containsExactlyEntriesOf(new TreeMap<>(Map.of("2024-01-07", 3L, "2024-01-08", 3L, yesterday, 1L)));
        assertThat(perDay(api, "/api/packages/requests/overall?mirrors=false&" + range, "without_mirrors"))
            .containsExactlyEntriesOf(new TreeMap<>(Map.of("2024-01-07", 3L, "2024-01-08", 2L, yesterday, 1L)));
        assertThat(perCategory(api, "/api/packages/requests/version?mirrors=true&" + range))
            .isEqualTo(Map.of("2.31.0", 5L, "2.30.0", 2L));
        assertThat(perCategory(api, "/api/packages/numpy/system?mirrors=true&" + range))
            .isEqualTo(Map.of("Linux", 2L, "Windows", 1L, "null", 1L));
        assertThat(perCategory(api, "/api/packages/numpy/country?mirrors=true&" + range).get("US")).isEqualTo(1L);
        assertThat(perCategory(api, "/api/packages/requests/python_minor?mirrors=true&" + range).get("3.11"))
            .isEqualTo(1L);
        // Raw rows only for the day within retention.
        assertThat(system.jdbc.queryForObject("SELECT count(*) FROM downloads", Long.class)).isEqualTo(1);
    }

    private JsonNode replay(Path export) throws Exception {
        Path summary = Files.createTempFile(dir, "summary", ".json");
        List<String> args = new ArrayList<>(
                List.of("replay", "--format", "bigquery", "--file", export.toString(), "--bootstrap-servers",
                        system.bootstrap, "--topic", topic, "--quiet", "--summary-json", summary.toString()));
        assertThat(AppProcess.run("event-producer", "event-producer", args)).isZero();
        return SystemUnderTest.JSON.readTree(summary.toFile());
    }

    private static Map<String, Long> perDay(AppProcess api, String path, String category) {
        Map<String, Long> days = new TreeMap<>();
        for (JsonNode row : SystemUnderTest.JSON.readTree(api.get(path)).get("data")) {
            if (row.get("category").asString().equals(category) && row.get("downloads").asLong() > 0) {
                days.merge(row.get("date").asString(), row.get("downloads").asLong(), Long::sum);
            }
        }
        return days;
    }

    private static Map<String, Long> perCategory(AppProcess api, String path) {
        Map<String, Long> categories = new TreeMap<>();
        for (JsonNode row : SystemUnderTest.JSON.readTree(api.get(path)).get("data")) {
            categories.merge(row.get("category").asString(), row.get("downloads").asLong(), Long::sum);
        }
        categories.values().removeIf(n -> n == 0);
        return categories;
    }

}
