package io.pkgpulse.testsupport;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The Kafka broker of this test run, chosen once per JVM and only when a test asks for
 * it:
 * <ol>
 * <li>explicit settings: {@code TEST_KAFKA_BOOTSTRAP_SERVERS};</li>
 * <li>a Testcontainers {@code apache/kafka} container when a Docker engine is
 * reachable;</li>
 * <li>an in-JVM KRaft broker ({@link EmbeddedKafkaKraftBroker}).</li>
 * </ol>
 * The broker may be shared with other runs (explicit settings), so tests name their
 * topics and consumer groups with {@link #uniqueName(String)}.
 */
public final class TestKafka {

    private static final Logger log = LoggerFactory.getLogger(TestKafka.class);

    private static String bootstrapServers;

    private TestKafka() {
    }

    /** Bootstrap servers of the broker; starts it on first use. */
    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            bootstrapServers = start();
        }
        return bootstrapServers;
    }

    /** A topic or group name no other test run uses. */
    public static String uniqueName(String base) {
        return base + "." + Long.toString(System.nanoTime(), 36);
    }

    private static String start() {
        String explicit = System.getenv("TEST_KAFKA_BOOTSTRAP_SERVERS");
        if (explicit != null && !explicit.isBlank()) {
            log.info("Test infrastructure: Kafka at {} (TEST_KAFKA_BOOTSTRAP_SERVERS)", explicit);
            return explicit;
        }
        if (DockerEngine.isReachable()) {
            DockerImageName image = DockerImageName.parse(TestPostgres.env("TEST_KAFKA_IMAGE", "apache/kafka:4.1.0"))
                .asCompatibleSubstituteFor("apache/kafka");
            KafkaContainer container = new KafkaContainer(image);
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "stop-test-kafka"));
            log.info("Test infrastructure: Kafka in a Testcontainers {} container at {}", image,
                    container.getBootstrapServers());
            return container.getBootstrapServers();
        }
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        // Tests create topics with the partition counts they need; a typo must not create
        // one silently.
        broker.brokerProperties(Map.of("auto.create.topics.enable", "false"));
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "stop-test-kafka"));
        log.info("Test infrastructure: Kafka in-JVM KRaft broker (EmbeddedKafkaKraftBroker) at {} (no Docker engine)",
                broker.getBrokersAsString());
        return broker.getBrokersAsString();
    }

}
