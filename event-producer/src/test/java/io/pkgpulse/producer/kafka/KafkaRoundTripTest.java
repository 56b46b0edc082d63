package io.pkgpulse.producer.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pkgpulse.producer.EventProducer;
import io.pkgpulse.names.ProjectNames;
import io.pkgpulse.testsupport.TestKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Really produces to a broker (see TestKafka) through the command line, and reads the
 * records back.
 */
class KafkaRoundTripTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static String bootstrapServers;

    @TempDir
    Path dir;

    @BeforeAll
    static void broker() {
        bootstrapServers = TestKafka.bootstrapServers();
    }

    @Test
    void syntheticEventsArriveKeyedByNormalisedProject() throws Exception {
        String topic = createTopic("synthetic");
        Path summaryFile = dir.resolve("summary.json");

        int exit = EventProducer.commandLine()
            .execute("synthetic", "--bootstrap-servers", bootstrapServers, "--topic", topic, "--count", "3000",
                    "--projects", "2000", "--seed", "7", "--quiet", "--summary-json", summaryFile.toString());

        assertThat(exit).isZero();
        List<ConsumerRecord<byte[], byte[]>> records = consume(topic, 3000);
        Map<String, Long> goodPerProject = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            JsonNode event = JSON.readTree(record.value());
            String project = event.get("project").stringValue();
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(ProjectNames.normalize(project));
            boolean bot = event.has("user_agent") && event.get("user_agent").stringValue().contains("bot");
            boolean metadata = event.get("file").get("filename").stringValue().endsWith(".metadata");
            if (!bot && !metadata) {
                goodPerProject.merge(ProjectNames.normalize(project), 1L, Long::sum);
            }
        }

        JsonNode summary = JSON.readTree(Files.readString(summaryFile));
        assertThat(summary.get("sent").asLong()).isEqualTo(3000);
        assertThat(summary.get("failed").asLong()).isZero();
        assertThat(summary.get("bad").asLong()).isZero();
        assertThat(summary.get("first_ack_epoch_ms").asLong()).isPositive()
            .isLessThanOrEqualTo(summary.get("last_ack_epoch_ms").asLong());
        Map<String, Long> perProject = new HashMap<>();
        summary.get("per_project").properties().forEach(e -> perProject.put(e.getKey(), e.getValue().asLong()));
        assertThat(perProject).isEqualTo(goodPerProject);
        assertThat(summary.get("distinct_projects").asInt()).isEqualTo(perProject.size());
        assertThat(summary.get("bots").asLong() + summary.get("metadata").asLong() + summary.get("good").asLong())
            .isEqualTo(3000);
    }

    @Test
    void replayedLinesAreSentAsIsAndAccessLogsBecomeEvents() throws Exception {
        String topic = createTopic("replay");
        Path jsonl = dir.resolve("events.jsonl");
        Files.writeString(jsonl, "{\"project\":\"Zope.Interface\",\"file\":{\"filename\":\"x-1.tar.gz\"}}\n"
                + "not json at all\n\n{\"project\":\"requests\"}\n");
        Path log = dir.resolve("access.log");
        Files.writeString(log, "10.0.0.1 - - [21/Nov/2026:10:15:30 +0000] \"GET /packages/ab/cd/ef/"
                + "typing_extensions-4.12.2-py3-none-any.whl HTTP/1.1\" 200 37640 \"-\" \"pip/24.2\"\n"
                + "10.0.0.1 - - [21/Nov/2026:10:15:31 +0000] \"GET /simple/requests/ HTTP/1.1\" 200 9 \"-\" \"pip/24.2\"\n"
                + "garbage\n");
        Path summaryFile = dir.resolve("replay.json");

        assertThat(EventProducer.commandLine()
            .execute("replay", "--bootstrap-servers", bootstrapServers, "--topic", topic, "--file", jsonl.toString(),
                    "--quiet"))
            .isZero();
        assertThat(EventProducer.commandLine()
            .execute("replay", "--format", "combined", "--bootstrap-servers", bootstrapServers, "--topic", topic,
                    "--file", log.toString(), "--quiet", "--summary-json", summaryFile.toString()))
            .isZero();

        List<ConsumerRecord<byte[], byte[]>> records = consume(topic, 4);
        Map<String, String> byValue = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            byValue.put(new String(record.value(), StandardCharsets.UTF_8),
                    record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8));
        }
        assertThat(byValue).containsEntry("not json at all", null)
            .containsEntry("{\"project\":\"requests\"}", "requests")
            .containsEntry("{\"project\":\"Zope.Interface\",\"file\":{\"filename\":\"x-1.tar.gz\"}}", "zope-interface")
            .containsValue("typing-extensions");

        JsonNode summary = JSON.readTree(Files.readString(summaryFile));
        assertThat(summary.get("sent").asLong()).isEqualTo(1);
        assertThat(summary.get("skipped").asLong()).isEqualTo(1);
        assertThat(summary.get("unparsed").asLong()).isEqualTo(1);
        assertThat(summary.get("per_project").get("typing-extensions").asLong()).isEqualTo(1);
    }

    @Test
    void aMissingTopicFailsFastWithAMessage() {
        int exit = EventProducer.commandLine()
            .execute("synthetic", "--bootstrap-servers", bootstrapServers, "--topic", TestKafka.uniqueName("missing"),
                    "--count", "10", "--quiet", "-P", "max.block.ms=1500");
        assertThat(exit).isEqualTo(1);
    }

    private static String createTopic(String base) throws Exception {
        String topic = TestKafka.uniqueName("pypi.downloads." + base);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        return topic;
    }

    private static List<ConsumerRecord<byte[], byte[]>> consume(String topic, int expected) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, TestKafka.uniqueName("event-producer-test"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                assertThat(records).hasSize(expected);
            });
            // Nothing more than expected arrives.
            consumer.poll(Duration.ofMillis(300)).forEach(records::add);
        }
        assertThat(records).hasSize(expected);
        return records;
    }

}
