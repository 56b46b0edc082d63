package io.pkgpulse.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.pkgpulse.testsupport.TestKafka;

/**
 * Plain Kafka clients for tests: create topics, produce raw bytes, read a topic from the
 * start.
 */
public final class TestKafkaClients {

    private TestKafkaClients() {
    }

    public static void createTopic(String topic, int partitions) {
        try (Admin admin = Admin
            .create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            admin
                .createTopics(List.of(new NewTopic(topic, partitions, (short) 1),
                        new NewTopic(topic + "-dlt", partitions, (short) 1)))
                .all()
                .get();
        }
        catch (InterruptedException | ExecutionException ex) {
            throw new IllegalStateException("Cannot create topic " + topic, ex);
        }
    }

    /**
     * A producer for test streams. One request in flight: right after a topic is created,
     * a first batch may fail while a later one is accepted, and the retried first batch
     * is then out of sequence for good.
     */
    public static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                        ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    public static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
        return new ProducerRecord<>(topic, key == null ? null : key.getBytes(), value);
    }

    /**
     * Every record currently on {@code topic}, read from the beginning until
     * {@code expected} arrived or 30 s.
     */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, TestKafka.uniqueName("reader"),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (records.size() < expected && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // Anything more than expected shows up in one more short poll.
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }

}
