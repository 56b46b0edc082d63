package io.pkgpulse.ingest.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pkgpulse.ingest.IngestDatabase;
import io.pkgpulse.ingest.RunningWorker;
import io.pkgpulse.ingest.TestEvent;
import io.pkgpulse.ingest.TestKafkaClients;
import io.pkgpulse.testsupport.TestKafka;

/**
 * A corpus of hostile records: invalid UTF-8, deeply nested JSON, 10 MB values, numbers
 * for strings, control characters and SQL in every text field, unknown fields, duplicate
 * keys, timestamps at the limits. Every one is dead-lettered or stored exactly as sent
 * (escaping included), and the worker keeps consuming: a good event sent after them all
 * is counted.
 */
class HostileEventsTest {

    static final String NASTY = "Robert'); DROP TABLE downloads;--\t\"\\\n\r\u0001\u007f\u2028 <script>%s${x}";

    final IngestDatabase database = new IngestDatabase();

    @BeforeEach
    void emptyTables() {
        database.truncate();
    }

    @Test
    void hostileRecordsAreDeadLetteredOrStoredVerbatimAndTheWorkerCarriesOn() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, byte[]> deadLettered = new LinkedHashMap<>(); // "reason#case" ->
                                                                  // value
        deadLettered.put("not-json#invalid utf-8", new byte[] { '{', '"', 'p', 'r', 'o', 'j', 'e', 'c', 't', '"', ':',
                '"', (byte) 0xFF, (byte) 0xFE, '"', '}' });
        deadLettered.put("not-json#unterminated string with a raw NUL",
                ("{\"project\":\"" + "\u0000").getBytes(StandardCharsets.UTF_8));
        deadLettered.put("wrong-type#an array 100,000 deep for a string",
                ("{\"project\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}").getBytes(StandardCharsets.UTF_8));
        deadLettered.put("not-json#nested deep inside an unknown field",
                good(now).json()
                    .replaceFirst("\\{", "{\"x\":" + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000) + ",")
                    .getBytes(StandardCharsets.UTF_8));
        deadLettered.put("not-json#duplicate keys",
                good(now).json().replaceFirst("\\{", "{\"timestamp\":\"x\",").getBytes(StandardCharsets.UTF_8));
        deadLettered.put("oversized-field#10 MB user agent",
                good(now).without("details").with("user_agent", "A".repeat(10 * 1024 * 1024)).bytes());
        deadLettered.put("oversized-field#10 MB project",
                good(now).with("project", "p".repeat(10 * 1024 * 1024)).bytes());
        deadLettered.put("wrong-type#number for project", good(now).with("project", 12345).bytes());
        deadLettered.put("wrong-type#number for version", good(now).with("file.version", 1.0).bytes());
        deadLettered.put("wrong-type#object for timestamp", good(now).with("timestamp", Map.of("seconds", 1)).bytes());
        deadLettered.put("invalid-field#SQL in project",
                good(now).with("project", "x'); DROP TABLE packages;--").bytes());
        deadLettered.put("invalid-field#control characters in version",
                good(now).with("file.version", "1.0\u0001").bytes());
        deadLettered.put("invalid-field#NUL in a detail", good(now).with("details.cpu", "x86\u0000").bytes());
        deadLettered.put("timestamp-too-old#year 0", good(now).with("timestamp", "0000-01-01T00:00:00Z").bytes());
        deadLettered.put("invalid-field#29 February 2026", good(now).with("timestamp", "2026-02-29T00:00:00Z").bytes());
        deadLettered.put("invalid-field#hour 24", good(now).with("timestamp", "2026-11-20T24:00:00Z").bytes());
        deadLettered.put("timestamp-in-future#year 9999", good(now).with("timestamp", "9999-12-31T23:59:59Z").bytes());
        deadLettered.put("timestamp-in-future#six minutes ahead", good(now.plus(6, ChronoUnit.MINUTES)).bytes());
        deadLettered.put("timestamp-too-old#year 1", good(now).with("timestamp", "0001-01-01T00:00:00Z").bytes());
        deadLettered.put("timestamp-too-old#just past the retention",
                good(now.minus(180, ChronoUnit.DAYS).minus(1, ChronoUnit.HOURS)).bytes());

        // Stored, every text exactly as sent: SQL and control characters are data, never
        // syntax.
        List<TestEvent> stored = new ArrayList<>();
        stored.add(good(now).with("details.installer.name", NASTY)
            .with("details.distro.name", NASTY)
            .with("details.system.release", NASTY)
            .with("details.implementation.name", NASTY.substring(0, 40)));
        stored.add(good(now).with("unknown_field", "ignored")
            .with("details.unknown", Map.of("deep", List.of(1, 2)))
            .with("padding", "z".repeat(10 * 1024 * 1024)));
        stored.add(good(now.plus(4, ChronoUnit.MINUTES)));
        stored.add(good(now.minus(179, ChronoUnit.DAYS)));
        stored.add(good(now).without("details").with("user_agent", NASTY));

        String topic = TestKafka.uniqueName("hostile");
        createTopicForLargeRecords(topic);
        try (RunningWorker worker = RunningWorker.start(topic, TestKafka.uniqueName("group"), Map.of());
                KafkaProducer<byte[], byte[]> producer = largeRecordProducer()) {
            for (byte[] value : deadLettered.values()) {
                producer.send(new ProducerRecord<>(topic, "requests".getBytes(), value)).get();
            }
            for (TestEvent event : stored) {
                producer.send(new ProducerRecord<>(topic, "requests".getBytes(), event.bytes())).get();
            }
            byte[] sentinel = good(now).with("file.version", "9.9.9").bytes();
            producer.send(new ProducerRecord<>(topic, "requests".getBytes(), sentinel)).get();

            await().atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> assertThat(database.rawCount()).isEqualTo(stored.size() + 1));
            assertThat(database.jdbc()
                .queryForObject("SELECT count(*) FROM downloads d JOIN releases r"
                        + " ON r.id = d.release_id WHERE r.version = '9.9.9'", Long.class))
                .as("the sentinel")
                .isEqualTo(1);

            List<ConsumerRecord<byte[], byte[]>> letters = TestKafkaClients.readAll(topic + "-dlt",
                    deadLettered.size());
            Map<String, Integer> reasons = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> letter : letters) {
                reasons.merge(new String(letter.headers().lastHeader("pkgpulse-reject-reason").value(),
                        StandardCharsets.UTF_8), 1, Integer::sum);
            }
            Map<String, Integer> expected = new HashMap<>();
            deadLettered.keySet().forEach(k -> expected.merge(k.substring(0, k.indexOf('#')), 1, Integer::sum));
            assertThat(reasons).isEqualTo(expected);
        }

        assertThat(
                database.jdbc()
                    .queryForList("SELECT DISTINCT p.installer_name FROM downloads d"
                            + " JOIN client_profiles p ON p.id = d.client_profile_id WHERE p.installer_name <> 'pip'",
                            String.class))
            .containsExactly(NASTY);
        assertThat(
                database.jdbc()
                    .queryForList("SELECT p.distro_name FROM downloads d"
                            + " JOIN client_profiles p ON p.id = d.client_profile_id WHERE p.distro_name IS NOT NULL",
                            String.class))
            .containsExactly(NASTY);
        assertThat(database.jdbc()
            .queryForList("SELECT user_agent FROM client_profiles WHERE user_agent IS NOT NULL", String.class))
            .containsExactly(NASTY);
        assertThat(database.jdbc().queryForObject("SELECT count(*) FROM packages", Long.class)).isEqualTo(1);
    }

    private static TestEvent good(Instant at) {
        return TestEvent.download("requests", "2.32.3", at);
    }

    private static void createTopicForLargeRecords(String topic) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin
            .create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            Map<String, String> large = Map.of("max.message.bytes", Integer.toString(16 * 1024 * 1024));
            admin
                .createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(large),
                        new NewTopic(topic + "-dlt", 1, (short) 1)))
                .all()
                .get();
        }
    }

    private static KafkaProducer<byte[], byte[]> largeRecordProducer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024, ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

}
