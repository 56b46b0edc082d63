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

import io.micrometer.core.instrument.MeterRegistry;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pkgpulse.ingest.IngestDatabase;
import io.pkgpulse.ingest.RunningWorker;
import io.pkgpulse.ingest.TestEvent;
import io.pkgpulse.ingest.TestKafkaClients;
import io.pkgpulse.testsupport.TestKafka;

/**
 * Bad records of every kind mixed into a stream of good ones: each bad one lands on the
 * dead-letter topic with its original bytes and a header naming the reason; every good
 * one is counted once; bots and metadata fetches are dropped and counted.
 */
class PoisonRecordsTest {

    final IngestDatabase database = new IngestDatabase();

    @BeforeEach
    void emptyTables() {
        database.truncate();
    }

    @Test
    void badRecordsGoToTheDeadLetterTopicWithTheirReasonAndGoodOnesAreCountedOnce() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, byte[]> poison = new LinkedHashMap<>(); // "reason#case" -> value
        poison.put("not-json#truncated", "{\"project\": \"requests\", \"file\": {".getBytes(StandardCharsets.UTF_8));
        poison.put("not-json#invalid utf-8",
                new byte[] { '{', '"', 'p', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' });
        poison.put("not-json#duplicate key",
                good(now).json().replaceFirst("\\{", "{\"project\":\"evil\",").getBytes(StandardCharsets.UTF_8));
        poison.put("not-json#trailing data", (good(now).json() + " {}").getBytes(StandardCharsets.UTF_8));
        poison.put("wrong-type#number for a string", good(now).with("project", 42).bytes());
        poison.put("wrong-type#string for a boolean", good(now).with("details.ci", "yes").bytes());
        poison.put("wrong-type#string for an object", good(now).with("file", "requests-2.32.3.tar.gz").bytes());
        poison.put("wrong-type#array for the event", "[1, 2, 3]".getBytes(StandardCharsets.UTF_8));
        poison.put("missing-field#project", good(now).without("project").bytes());
        poison.put("missing-field#version", good(now).without("file.version").bytes());
        poison.put("missing-field#timestamp", good(now).without("timestamp").bytes());
        poison.put("missing-field#blank project", good(now).with("project", " ").bytes());
        poison.put("timestamp-in-future#", good(now.plus(2, ChronoUnit.DAYS)).bytes());
        poison.put("timestamp-too-old#", good(now.minus(400, ChronoUnit.DAYS)).bytes());
        poison.put("invalid-field#timestamp text", good(now).with("timestamp", "yesterday").bytes());
        poison.put("invalid-field#timestamp without offset",
                good(now).with("timestamp", "2026-11-20T10:00:00").bytes());
        poison.put("oversized-field#user agent",
                good(now).without("details").with("user_agent", "x".repeat(5000)).bytes());
        poison.put("oversized-field#installer", good(now).with("details.installer.name", "p".repeat(100)).bytes());
        poison.put("oversized-field#version", good(now).with("file.version", "1." + "0".repeat(200)).bytes());
        poison.put("unknown-file-type#", good(now).with("file.type", "bdist_zip").bytes());
        poison.put("invalid-field#NUL", good(now).with("details.distro.name", "Debian\u0000").bytes());
        poison.put("invalid-field#country", good(now).with("country_code", "USA").bytes());
        poison.put("invalid-field#event id", good(now).with("event_id", "not-a-uuid").bytes());
        poison.put("invalid-field#project name", good(now).with("project", "rm -rf /").bytes());
        poison.put("empty-value#tombstone", null);

        String topic = TestKafka.uniqueName("poison");
        TestKafkaClients.createTopic(topic, 2);
        List<byte[]> goodOnes = new ArrayList<>();
        try (RunningWorker worker = RunningWorker.start(topic, TestKafka.uniqueName("group"), Map.of());
                KafkaProducer<byte[], byte[]> producer = TestKafkaClients.producer()) {
            int i = 0;
            for (byte[] bad : poison.values()) {
                for (int k = 0; k < 8; k++) {
                    byte[] ok = good(now.minus(i++, ChronoUnit.MINUTES)).bytes();
                    goodOnes.add(ok);
                    producer.send(TestKafkaClients.record(topic, "requests", ok));
                }
                producer.send(TestKafkaClients.record(topic, "requests", bad));
            }
            producer.send(TestKafkaClients.record(topic, "requests",
                    good(now).without("details")
                        .with("user_agent", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")
                        .bytes()));
            producer.send(TestKafkaClients.record(topic, "requests",
                    good(now).with("file.filename", "requests-2.32.3-py3-none-any.whl.metadata").bytes()));
            producer.flush();

            await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(database.rawCount()).isEqualTo(goodOnes.size()));

            List<ConsumerRecord<byte[], byte[]>> deadLetters = TestKafkaClients.readAll(topic + "-dlt", poison.size());
            Map<String, byte[]> byReason = new HashMap<>();
            Map<String, Integer> reasons = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> letter : deadLetters) {
                String reason = header(letter, "pkgpulse-reject-reason");
                assertThat(header(letter, "pkgpulse-reject-detail")).as("detail of " + reason).isNotBlank();
                assertThat(header(letter, "kafka_dlt-original-topic")).isEqualTo(topic);
                assertThat(header(letter, "pkgpulse-origin")).startsWith(topic + "/");
                reasons.merge(reason, 1, Integer::sum);
                byReason.put(reason + "#" + java.util.Arrays.hashCode(letter.value()), letter.value());
            }
            Map<String, Integer> expectedReasons = new HashMap<>();
            poison.keySet().forEach(k -> expectedReasons.merge(k.substring(0, k.indexOf('#')), 1, Integer::sum));
            assertThat(reasons).isEqualTo(expectedReasons);
            // Each dead letter carries the original bytes, not a re-serialisation.
            poison.forEach((key, bytes) -> {
                String reason = key.substring(0, key.indexOf('#'));
                if (bytes != null) {
                    assertThat(byReason).as(key).containsKey(reason + "#" + java.util.Arrays.hashCode(bytes));
                }
            });

            MeterRegistry meters = worker.bean(MeterRegistry.class);
            assertThat(meters.get("pkgpulse.ingest.events.stored").counter().count()).isEqualTo(goodOnes.size());
            assertThat(meters.get("pkgpulse.ingest.events.rejected").tag("reason", "missing-field").counter().count())
                .isEqualTo(4);
            assertThat(meters.get("pkgpulse.ingest.events.dropped").tag("reason", "bot").counter().count())
                .isEqualTo(1);
            assertThat(
                    meters.get("pkgpulse.ingest.events.dropped").tag("reason", "not-a-distribution").counter().count())
                .isEqualTo(1);
            assertThat(meters.get("pkgpulse.ingest.batch.phase").tag("phase", "copy").timer().count()).isPositive();
            assertThat(meters.find("kafka.consumer.fetch.manager.records.lag.max").gauges())
                .as("consumer lag, from the Kafka client's metrics")
                .isNotEmpty();
        }
        assertThat(database.rollupSum("daily_downloads")).isEqualTo(goodOnes.size());
        assertThat(database.rollupSum("daily_total_downloads")).isEqualTo(goodOnes.size());
    }

    private static TestEvent good(Instant at) {
        return TestEvent.download("requests", "2.32.3", at);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

}
