package io.pkgpulse.ingest.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;

import io.pkgpulse.ingest.IngestProperties;
import io.pkgpulse.ingest.TestKafkaClients;
import io.pkgpulse.ingest.events.RejectReason;
import io.pkgpulse.testsupport.TestKafka;

/**
 * A rejected record reaches the dead-letter topic as it came (key, value bytes, headers,
 * partition), with the reason headers of docs/events.md, "Dead-lettered events".
 */
class DeadLettersTest {

    String topic;

    DefaultKafkaProducerFactory<byte[], byte[]> producers;

    DeadLetters deadLetters;

    @BeforeEach
    void topics() {
        topic = TestKafka.uniqueName("dead-letters");
        TestKafkaClients.createTopic(topic, 2);
        producers = new DefaultKafkaProducerFactory<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());
        IngestProperties properties = new Binder(
                new MapConfigurationPropertySource(Map.of("pkgpulse.ingest.topic", topic)))
            .bindOrCreate("pkgpulse.ingest", IngestProperties.class);
        deadLetters = new DeadLetters(new KafkaTemplate<>(producers), properties);
    }

    @AfterEach
    void close() {
        producers.destroy();
    }

    @Test
    void aRejectedRecordArrivesWithItsOriginalBytesKeyHeadersAndTheReason() {
        // Not UTF-8 and not JSON: the dead letter must hold these bytes, not a
        // re-serialisation.
        byte[] value = { '{', '"', 'p', (byte) 0xC3, (byte) 0x28, 0, '}' };
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", "abc-123".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<byte[], String> original = new ConsumerRecord<>(topic, 1, 18_211L, 1_764_000_000_000L,
                TimestampType.CREATE_TIME, 3, value.length, "six".getBytes(StandardCharsets.UTF_8), "ignored", headers,
                Optional.empty());

        deadLetters
            .publish(List.of(new Rejection(original, value, RejectReason.NOT_JSON, "Invalid UTF-8 middle byte")));

        List<ConsumerRecord<byte[], byte[]>> letters = TestKafkaClients.readAll(deadLetters.topic(), 1);
        assertThat(deadLetters.topic()).isEqualTo(topic + "-dlt");
        assertThat(letters).hasSize(1);
        ConsumerRecord<byte[], byte[]> letter = letters.get(0);
        assertThat(letter.value()).isEqualTo(value);
        assertThat(letter.key()).isEqualTo("six".getBytes(StandardCharsets.UTF_8));
        assertThat(letter.partition()).as("the original partition").isEqualTo(1);
        assertThat(text(letter, "trace-id")).isEqualTo("abc-123");
        assertThat(text(letter, "pkgpulse-reject-reason")).isEqualTo("not-json");
        assertThat(text(letter, "pkgpulse-reject-detail")).isEqualTo("Invalid UTF-8 middle byte");
        assertThat(text(letter, "pkgpulse-origin")).isEqualTo(topic + "/1/18211");
        assertThat(text(letter, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(topic);
        assertThat(text(letter, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isEqualTo("Invalid UTF-8 middle byte");
        assertThat(ByteBuffer.wrap(bytes(letter, KafkaHeaders.DLT_ORIGINAL_PARTITION)).getInt()).isEqualTo(1);
        assertThat(ByteBuffer.wrap(bytes(letter, KafkaHeaders.DLT_ORIGINAL_OFFSET)).getLong()).isEqualTo(18_211L);
        assertThat(ByteBuffer.wrap(bytes(letter, KafkaHeaders.DLT_ORIGINAL_TIMESTAMP)).getLong())
            .isEqualTo(1_764_000_000_000L);
        assertThat(letter.headers().lastHeader("pkgpulse-truncated-from")).isNull();
    }

    /**
     * A tombstone keeps its null value; a partition the dead-letter topic lacks is left
     * to the partitioner.
     */
    @Test
    void aTombstoneFromAPartitionTheDeadLetterTopicLacksArrivesWithANullValue() {
        ConsumerRecord<byte[], String> original = new ConsumerRecord<>(topic, 5, 7L, 1_764_000_000_000L,
                TimestampType.CREATE_TIME, 3, -1, "six".getBytes(StandardCharsets.UTF_8), null, new RecordHeaders(),
                Optional.empty());

        deadLetters
            .publish(List.of(new Rejection(original, null, RejectReason.EMPTY_VALUE, "the record has no value")));

        List<ConsumerRecord<byte[], byte[]>> letters = TestKafkaClients.readAll(deadLetters.topic(), 1);
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).value()).isNull();
        assertThat(letters.get(0).partition()).isBetween(0, 1);
        assertThat(text(letters.get(0), "pkgpulse-reject-reason")).isEqualTo("empty-value");
        assertThat(text(letters.get(0), "pkgpulse-origin")).isEqualTo(topic + "/5/7");
    }

    @Test
    void nothingToRejectSendsNothing() {
        deadLetters.publish(List.of());

        assertThat(TestKafkaClients.readAll(deadLetters.topic(), 0)).isEmpty();
    }

    private static String text(ConsumerRecord<?, ?> record, String header) {
        return new String(bytes(record, header), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ConsumerRecord<?, ?> record, String header) {
        Header found = record.headers().lastHeader(header);
        assertThat(found).as(header).isNotNull();
        return found.value();
    }

}
