package io.pkgpulse.ingest.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
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
 * A package is deleted while the worker still has its id cached. No download may end up
 * referring to it: the next batch finds the id gone, writes nothing, forgets it, and on
 * retry registers the package anew.
 */
class DeletedPackageTest {

    final IngestDatabase database = new IngestDatabase();

    @BeforeEach
    void emptyTables() {
        database.truncate();
    }

    @Test
    void downloadsOfAPackageDeletedBehindTheWorkersBackAreCountedUnderItsNewRowAndNeverOrphaned() {
        String topic = TestKafka.uniqueName("deleted");
        TestKafkaClients.createTopic(topic, 1);
        Instant now = Instant.now();
        try (RunningWorker worker = RunningWorker.start(topic, TestKafka.uniqueName("group"), Map.of());
                KafkaProducer<byte[], byte[]> producer = TestKafkaClients.producer()) {
            producer.send(TestKafkaClients.record(topic, "six", TestEvent.download("six", "1.16.0", now).bytes()));
            producer.flush();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(database.rawCount()).isEqualTo(1));
            long firstId = database.jdbc().queryForObject("SELECT id FROM packages", Long.class);

            database.jdbc().update("DELETE FROM packages WHERE id = ?", firstId);
            assertThat(database.rawCount()).as("its downloads went with it").isZero();

            // A release the worker has cached, and one it has not: neither may be counted
            // under the deleted row.
            producer.send(TestKafkaClients.record(topic, "six", TestEvent.download("six", "1.16.0", now).bytes()));
            producer.send(TestKafkaClients.record(topic, "six", TestEvent.download("six", "1.17.0", now).bytes()));
            producer.flush();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(database.rawCount()).isEqualTo(2));
            assertThat(database.jdbc().queryForObject("SELECT id FROM packages", Long.class)).isNotEqualTo(firstId);
            assertThat(database.jdbc().queryForObject("""
                    SELECT count(*) FROM downloads d
                    WHERE NOT EXISTS (SELECT 1 FROM packages p WHERE p.id = d.package_id)
                       OR NOT EXISTS (SELECT 1 FROM releases r WHERE r.id = d.release_id)""", Long.class))
                .as("orphan downloads")
                .isZero();
            assertThat(database.rollupSum("daily_downloads")).isEqualTo(2);
        }
    }

}
