package io.pkgpulse.ingest.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pkgpulse.ingest.IngestDatabase;
import io.pkgpulse.ingest.RunningWorker;
import io.pkgpulse.ingest.TestEvent;
import io.pkgpulse.ingest.TestKafkaClients;
import io.pkgpulse.testsupport.TestKafka;

/**
 * With {@code pkgpulse.ingest.unknown-packages=reject}, only registered packages and
 * releases are counted.
 */
class UnknownPackagePolicyTest {

    final IngestDatabase database = new IngestDatabase();

    @BeforeEach
    void onlyOneKnownRelease() {
        database.truncate();
        database.jdbc()
            .update("INSERT INTO packages (id, name, normalized_name) VALUES (nextval('packages_seq'), 'Known', 'known')");
        database.jdbc().update("""
                INSERT INTO releases (id, package_id, version, major, minor, micro, sort_key, prerelease)
                SELECT nextval('releases_seq'), id, '1.0', 1, 0, 0, 'A0A1%%%', false FROM packages""");
    }

    @Test
    void unknownPackagesAndReleasesAreDeadLetteredWhenTheWorkerRejectsThem() {
        String topic = TestKafka.uniqueName("policy");
        TestKafkaClients.createTopic(topic, 1);
        Instant now = Instant.now();
        try (RunningWorker worker = RunningWorker.start(topic, TestKafka.uniqueName("group"),
                Map.of("pkgpulse.ingest.unknown-packages", "reject"));
                KafkaProducer<byte[], byte[]> producer = TestKafkaClients.producer()) {
            producer.send(TestKafkaClients.record(topic, "known", TestEvent.download("Known", "1.0", now).bytes()));
            producer.send(TestKafkaClients.record(topic, "known", TestEvent.download("known", "2.0", now).bytes()));
            producer.send(TestKafkaClients.record(topic, "unknown", TestEvent.download("unknown", "1.0", now).bytes()));
            producer.send(TestKafkaClients.record(topic, "known", TestEvent.download("KNOWN", "1.0", now).bytes()));
            producer.flush();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(database.rawCount()).isEqualTo(2));
            List<String> reasons = TestKafkaClients.readAll(topic + "-dlt", 2)
                .stream()
                .map(r -> new String(r.headers().lastHeader("pkgpulse-reject-reason").value(), StandardCharsets.UTF_8))
                .toList();
            assertThat(reasons).containsExactlyInAnyOrder("unknown-release", "unknown-package");
            assertThat(database.jdbc().queryForObject("SELECT count(*) FROM packages", Long.class)).isEqualTo(1);
            assertThat(database.jdbc().queryForObject("SELECT count(*) FROM releases", Long.class)).isEqualTo(1);
        }
    }

}
