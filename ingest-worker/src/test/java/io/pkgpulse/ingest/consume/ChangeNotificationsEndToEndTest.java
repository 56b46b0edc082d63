package io.pkgpulse.ingest.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;

import io.pkgpulse.ingest.ChangeListener;
import io.pkgpulse.ingest.IngestDatabase;
import io.pkgpulse.ingest.RunningWorker;
import io.pkgpulse.ingest.TestEvent;
import io.pkgpulse.ingest.TestKafkaClients;
import io.pkgpulse.testsupport.TestKafka;

/**
 * What the worker's batches change is announced on {@code pkgpulse_changes}, heard here
 * on a connection of its own: exactly the packages and UTC days changed, in several
 * notifications when a batch changes thousands of packages, and nothing for a batch that
 * counted nothing.
 */
class ChangeNotificationsEndToEndTest {

    static final String BOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    final IngestDatabase database = new IngestDatabase();

    @BeforeEach
    void emptyTables() {
        database.truncate();
    }

    @Test
    void theNotificationsNameExactlyThePackagesAndDaysTheBatchesChanged() throws Exception {
        String topic = TestKafka.uniqueName("changes");
        TestKafkaClients.createTopic(topic, 2);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<TestEvent> counted = List.of(TestEvent.download("requests", "2.32.3", now),
                TestEvent.download("requests", "2.32.3", now.minus(1, ChronoUnit.DAYS)),
                TestEvent.download("flask", "3.0.3", now),
                TestEvent.download("attrs", "24.2.0", now.minus(2, ChronoUnit.DAYS)),
                TestEvent.download("attrs", "24.2.0", now.minus(2, ChronoUnit.DAYS).plusSeconds(1)));

        try (ChangeListener listener = new ChangeListener();
                RunningWorker worker = RunningWorker.start(topic, TestKafka.uniqueName("group"), Map.of());
                KafkaProducer<byte[], byte[]> producer = TestKafkaClients.producer()) {
            for (TestEvent event : counted) {
                producer.send(TestKafkaClients.record(topic, "key", event.bytes()));
            }
            // Neither a bot's download nor a bad record changes anything.
            producer.send(TestKafkaClients.record(topic, "numpy",
                    TestEvent.download("numpy", "2.1.0", now).without("details").with("user_agent", BOT).bytes()));
            producer.send(TestKafkaClients.record(topic, "scipy", "not json".getBytes(StandardCharsets.UTF_8)));
            producer.flush();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(database.rawCount()).isEqualTo(5));

            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            Set<String> expected = Set.of(today + "|" + id("requests"), today.minusDays(1) + "|" + id("requests"),
                    today + "|" + id("flask"), today.minusDays(2) + "|" + id("attrs"));
            await().atMost(Duration.ofSeconds(10)).pollInSameThread().untilAsserted(() -> {
                listener.receive(Duration.ofMillis(200));
                assertThat(listener.named()).isEqualTo(expected);
            });
            assertThat(changedPerRawRows()).as("what the raw rows say").isEqualTo(expected);
        }
    }

    @Test
    void aBatchOfThousandsOfPackagesIsNamedInSeveralNotificationsUnderTheLimit() throws Exception {
        String topic = TestKafka.uniqueName("many-changes");
        TestKafkaClients.createTopic(topic, 1);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int packages = 4000;
        // On the topic before the worker starts, so that its first polls are large
        // batches.
        try (KafkaProducer<byte[], byte[]> producer = TestKafkaClients.producer()) {
            for (int i = 0; i < packages; i++) {
                String project = "many-" + i;
                producer.send(TestKafkaClients.record(topic, project, TestEvent.download(project, "1.0", now).bytes()));
                producer.send(TestKafkaClients.record(topic, project,
                        TestEvent.download(project, "1.0", now.minus(1, ChronoUnit.DAYS)).bytes()));
            }
            producer.flush();
        }

        try (ChangeListener listener = new ChangeListener();
                RunningWorker worker = RunningWorker.start(topic, TestKafka.uniqueName("group"), Map.of())) {
            await().atMost(Duration.ofSeconds(120))
                .untilAsserted(() -> assertThat(database.rawCount()).isEqualTo(2L * packages));
            Set<String> expected = changedPerRawRows();
            assertThat(expected).hasSize(2 * packages);

            // Each payload is checked against the contract (shape, at most 7000 bytes) as
            // it is read.
            await().atMost(Duration.ofSeconds(10)).pollInSameThread().untilAsserted(() -> {
                listener.receive(Duration.ofMillis(200));
                assertThat(listener.named()).isEqualTo(expected);
            });
            long batches = worker.bean(MeterRegistry.class).get("pkgpulse.ingest.batch.size").summary().count();
            assertThat(listener.payloads()).as("more notifications than the %d batches: batches were split", batches)
                .hasSizeGreaterThan((int) batches)
                .allSatisfy(payload -> assertThat(payload.getBytes(StandardCharsets.UTF_8)).hasSizeLessThan(8000));
        }
    }

    @Test
    void aBatchThatCountedNothingSendsNothing() throws Exception {
        String topic = TestKafka.uniqueName("no-changes");
        String group = TestKafka.uniqueName("group");
        TestKafkaClients.createTopic(topic, 1);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        try (ChangeListener listener = new ChangeListener();
                RunningWorker worker = RunningWorker.start(topic, group, Map.of());
                KafkaProducer<byte[], byte[]> producer = TestKafkaClients.producer()) {
            producer.send(TestKafkaClients.record(topic, "scipy", "not json".getBytes(StandardCharsets.UTF_8)));
            producer.send(TestKafkaClients.record(topic, "numpy",
                    TestEvent.download("numpy", "2.1.0", now).without("details").with("user_agent", BOT).bytes()));
            producer.send(TestKafkaClients.record(topic, "numpy",
                    TestEvent.download("numpy", "2.1.0", now)
                        .with("file.filename", "numpy-2.1.0-py3-none-any.whl.metadata")
                        .bytes()));
            producer.send(TestKafkaClients.record(topic, "numpy",
                    TestEvent.download("numpy", "2.1.0", now).without("file.version").bytes()));
            producer.flush();
            // The offsets commit with the batch, so once they are stored its
            // notifications would have been sent.
            await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(database.jdbc()
                    .queryForObject(
                            "SELECT coalesce(sum(next_offset), 0) FROM consumer_offsets WHERE consumer_group = ?",
                            Long.class, group))
                    .isEqualTo(4));

            assertThat(listener.receive(Duration.ofSeconds(1))).isEmpty();
            assertThat(database.rawCount()).isZero();
        }
    }

    private long id(String normalizedName) {
        return database.jdbc()
            .queryForObject("SELECT id FROM packages WHERE normalized_name = ?", Long.class, normalizedName);
    }

    /** The (day, package id) pairs of the raw rows, as {@code 2026-11-26|17}. */
    private Set<String> changedPerRawRows() {
        return database.counts("""
                SELECT (downloaded_at AT TIME ZONE 'UTC')::date || '|' || package_id, count(*) FROM downloads
                GROUP BY 1""").keySet();
    }

}
