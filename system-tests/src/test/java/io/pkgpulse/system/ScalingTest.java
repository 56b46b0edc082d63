package io.pkgpulse.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import io.pkgpulse.testsupport.TestKafka;

/**
 * Three worker processes in one consumer group over a topic with more partitions than
 * workers. While events flow, each is replaced in turn (two stopped gracefully, one
 * killed with SIGKILL). The stored counts are exact.
 */
class ScalingTest {

    final SystemUnderTest system = new SystemUnderTest();

    @Test
    void workersReplacedInTurnWhileEventsFlowCountEveryEventOnce() throws Exception {
        String topic = TestKafka.uniqueName("scaling");
        String group = TestKafka.uniqueName("group");
        system.createTopic(topic, 9);
        String[] small = { "--spring.kafka.consumer.max-poll-records=500", "--pkgpulse.ingest.batch-size=500" };

        List<AppProcess> workers = new ArrayList<>();
        try {
            for (int i = 1; i <= 3; i++) {
                workers.add(system.worker("worker-" + i, topic, group, small));
            }
            Path summary = Files.createTempFile("stream", ".json");
            Process stream = system.produceInBackground(topic, summary, "--count", "120000", "--rate", "1000",
                    "--projects", "500", "--seed", "5");

            await().atMost(Duration.ofSeconds(60)).until(() -> system.consumed(group) > 5000);
            for (int i = 0; i < 3; i++) {
                long before = system.consumed(group);
                assertThat(stream.isAlive()).as("events still flowing when worker %d leaves", i + 1).isTrue();
                if (i == 2) {
                    workers.get(i).kill();
                }
                else {
                    workers.get(i).stop();
                }
                workers.set(i, system.worker("worker-" + (i + 1) + "-replacement", topic, group, small));
                await().atMost(Duration.ofSeconds(60)).until(() -> system.consumed(group) > before);
            }
            assertThat(stream.waitFor(3, TimeUnit.MINUTES)).isTrue();
            assertThat(stream.exitValue()).isZero();

            JsonNode sent = SystemUnderTest.JSON.readTree(summary.toFile());
            Map<String, Long> perProject = SystemUnderTest.perProject(sent);
            await().atMost(Duration.ofMinutes(2)).until(() -> system.consumed(group) == 120000);
            assertThat(system.jdbc.queryForObject(
                    "SELECT count(*) FROM downloads d JOIN packages p ON p.id = d.package_id"
                            + " WHERE p.normalized_name = ANY (?)",
                    Long.class, (Object) perProject.keySet().toArray(String[]::new)))
                .isEqualTo(sent.get("good").asLong());
            Map<String, Long> stored = new java.util.HashMap<>();
            system.jdbc.query(
                    """
                            SELECT p.normalized_name, sum(d.downloads) FROM daily_downloads d JOIN packages p ON p.id = d.package_id
                            WHERE p.normalized_name = ANY (?) GROUP BY 1""",
                    row -> {
                        stored.put(row.getString(1), row.getLong(2));
                    }, (Object) perProject.keySet().toArray(String[]::new));
            assertThat(stored).isEqualTo(perProject);
        }
        finally {
            workers.forEach(AppProcess::close);
        }
    }

}
