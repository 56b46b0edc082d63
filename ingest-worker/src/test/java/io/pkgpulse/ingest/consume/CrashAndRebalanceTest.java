package io.pkgpulse.ingest.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pkgpulse.ingest.IngestDatabase;
import io.pkgpulse.ingest.RunningWorker;
import io.pkgpulse.ingest.StreamProducer;
import io.pkgpulse.ingest.TestKafkaClients;
import io.pkgpulse.testsupport.TestKafka;

/**
 * Workers stop in the middle of a stream and others take over: the final counts are
 * exact, raw, daily and hourly, nothing lost and nothing counted twice. Small polls make
 * many batches, so a stop lands between and inside them.
 */
class CrashAndRebalanceTest {

    static final Map<String, Object> SMALL_BATCHES = Map.of("spring.kafka.consumer.max-poll-records", 40,
            "spring.kafka.listener.concurrency", 1);

    final IngestDatabase database = new IngestDatabase();

    @BeforeEach
    void emptyTables() {
        database.truncate();
    }

    @Test
    void aWorkerStoppedMidStreamAndANewOneStartedCountEveryEventOnce() throws Exception {
        String topic = TestKafka.uniqueName("crash");
        String group = TestKafka.uniqueName("group");
        TestKafkaClients.createTopic(topic, 3);

        try (StreamProducer stream = new StreamProducer(topic, 6000, 100);
                RunningWorker first = RunningWorker.start(topic, group, SMALL_BATCHES)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> database.rawCount() >= 1500);
            first.close(); // while the stream is still flowing
            long atStop = database.rawCount();

            try (RunningWorker second = RunningWorker.start(topic, group, SMALL_BATCHES)) {
                Map<String, Long> sent = stream.awaitSent();
                await().atMost(Duration.ofSeconds(90))
                    .untilAsserted(() -> assertThat(database.rawPerPackage()).isEqualTo(sent));
                assertThat(atStop).as("stopped in the middle").isLessThan(6000);
                assertThat(database.dailyPerPackage()).isEqualTo(sent);
                assertThat(database.rollupSum("daily_total_downloads")).isEqualTo(6000);
                assertThat(database.rawPerHour()).as("the stream spans hours").hasSizeGreaterThan(1);
                EndToEndIngestTest.assertHourlyRollupsMatchRawRows(database);
                assertThat(database.rollupSum("hourly_total_downloads")).isEqualTo(6000);
            }
        }
    }

    @Test
    void twoWorkersInOneGroupOneStoppedHalfWayCountEveryEventOnce() throws Exception {
        String topic = TestKafka.uniqueName("rebalance");
        String group = TestKafka.uniqueName("group");
        TestKafkaClients.createTopic(topic, 6);

        try (StreamProducer stream = new StreamProducer(topic, 8000, 100);
                RunningWorker stays = RunningWorker.start(topic, group, SMALL_BATCHES);
                RunningWorker leaves = RunningWorker.start(topic, group, SMALL_BATCHES)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> database.rawCount() >= 4000);
            leaves.close(); // its partitions move to the other worker mid-stream

            Map<String, Long> sent = stream.awaitSent();
            await().atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> assertThat(database.rawPerPackage()).isEqualTo(sent));
            assertThat(database.dailyPerPackage()).isEqualTo(sent);
            assertThat(database.rollupSum("daily_release_downloads")).isEqualTo(8000);
            EndToEndIngestTest.assertHourlyRollupsMatchRawRows(database);
            assertThat(database.rollupSum("hourly_release_downloads")).isEqualTo(8000);
            assertThat(database.jdbc()
                .queryForObject("SELECT sum(next_offset) FROM consumer_offsets WHERE consumer_group = ?", Long.class,
                        group))
                .as("stored offsets account for every record")
                .isEqualTo(8000);
        }
    }

    @Test
    void anEmptiedDatabaseIsFilledAgainFromTheStartOfTheTopic() throws Exception {
        String topic = TestKafka.uniqueName("refill");
        String group = TestKafka.uniqueName("group");
        TestKafkaClients.createTopic(topic, 3);

        Map<String, Long> sent;
        try (StreamProducer stream = new StreamProducer(topic, 1500, 500);
                RunningWorker first = RunningWorker.start(topic, group, SMALL_BATCHES)) {
            sent = stream.awaitSent();
            await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(database.rawPerPackage()).isEqualTo(sent));
        }
        // Kafka still holds the group's committed offsets at the end of the topic; the
        // database is what counts.
        database.truncate();
        try (RunningWorker second = RunningWorker.start(topic, group, SMALL_BATCHES)) {
            await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(database.rawPerPackage()).isEqualTo(sent));
            assertThat(database.dailyPerPackage()).isEqualTo(sent);
            EndToEndIngestTest.assertHourlyRollupsMatchRawRows(database);
        }
    }

}
