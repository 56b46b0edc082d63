package io.pkgpulse.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import io.pkgpulse.testsupport.TestKafka;

/**
 * The packaged worker and API as separate processes: events from the real producer go
 * through Kafka and the worker's code path into the rollups, and the API reports exactly
 * what was sent, hour by hour too; with its caches on (the default), answers it holds in
 * memory are outdated by the worker's change notifications as soon as more downloads are
 * committed.
 */
class WorkerToApiTest {

    final SystemUnderTest system = new SystemUnderTest();

    @Test
    void theApiReportsExactlyWhatTheProducerSent() {
        String topic = TestKafka.uniqueName("system");
        String group = TestKafka.uniqueName("group");
        system.createTopic(topic, 3);
        JsonNode summary = system.produce(topic, "--count", "20000", "--projects", "300", "--days", "3", "--seed",
                "11");
        Map<String, Long> sent = SystemUnderTest.perProject(summary);
        long good = summary.get("good").asLong();

        try (AppProcess worker = system.worker("ingest-worker", topic, group);
                AppProcess api = system.api("--pkgpulse.ratelimit.enabled=false")) {
            await().atMost(Duration.ofMinutes(2)).until(() -> system.consumed(group) == 20000);

            List<String> checked = sent.entrySet()
                .stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(8)
                .map(Map.Entry::getKey)
                .toList();
            for (String project : checked) {
                long expected = sent.get(project);
                assertThat(sum(api, "/api/packages/" + project + "/overall?mirrors=true")).as(project)
                    .isEqualTo(expected);
                assertThat(sum(api, "/api/packages/" + project + "/python_minor?mirrors=true")).as(project)
                    .isEqualTo(expected);
                assertThat(sum(api, "/api/packages/" + project + "/country?mirrors=true")).as(project)
                    .isEqualTo(expected);
                assertThat(sum(api, "/api/packages/" + project + "/version?mirrors=true")).as(project)
                    .isEqualTo(expected);
                assertThat(json(api, "/api/packages/" + project + "/total").get("data").get("with_mirrors").asLong())
                    .as(project)
                    .isEqualTo(expected);
            }
            assertThat(sum(api, "/api/packages/__all__/overall?mirrors=true")).isEqualTo(good);
            assertThat(sum(api, "/api/packages/__all__/installer?mirrors=true")).isEqualTo(good);
            String top = json(api, "/api/stats/top?limit=1").get("data").get(0).get("name").asString();
            assertThat(sent.keySet()).contains(top);
            assertThat(api.get("/badge/" + checked.get(0) + ".svg?period=total")).contains("<svg");
            // From the packaged jar: its templates are all there.
            assertThat(api.get("/packages/" + checked.get(0))).contains("id=\"range-total\"");
            String since = LocalDate.now(ZoneOffset.UTC).minusDays(4).toString();
            for (String project : checked) {
                assertThat(sum(api, "/api/packages/" + project + "/hourly?mirrors=true&start=" + since)).as(project)
                    .isEqualTo(sent.get(project));
            }

            // More downloads while the answers above are in the API's memory.
            Map<String, Long> more = SystemUnderTest.perProject(
                    system.produce(topic, "--count", "5000", "--projects", "300", "--days", "1", "--seed", "12"));
            await().atMost(Duration.ofMinutes(2)).until(() -> system.consumed(group) == 25000);
            // Committed: the next answers must count them, give or take the
            // notification's way to the API.
            await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
                for (String project : checked) {
                    long expected = sent.get(project) + more.getOrDefault(project, 0L);
                    assertThat(sum(api, "/api/packages/" + project + "/overall?mirrors=true")).as(project)
                        .isEqualTo(expected);
                    assertThat(
                            json(api, "/api/packages/" + project + "/total").get("data").get("with_mirrors").asLong())
                        .as(project)
                        .isEqualTo(expected);
                    assertThat(sum(api, "/api/packages/" + project + "/hourly?mirrors=true&start=" + since)).as(project)
                        .isEqualTo(expected);
                }
            });
        }
    }

    private static long sum(AppProcess api, String path) {
        JsonNode body = json(api, path);
        return body.get("data").valueStream().mapToLong(row -> row.get("downloads").asLong()).sum();
    }

    private static JsonNode json(AppProcess api, String path) {
        return SystemUnderTest.JSON.readTree(api.get(path));
    }

}
