package io.pkgpulse.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

import tools.jackson.databind.JsonNode;

/**
 * No Docker engine runs here, so docker-compose.yml is checked against the applications it deploys: service names,
 * ports, the topic and its dead-letter topic, and every environment variable an application receives must be one
 * that application reads (a property in its configuration metadata or its own properties files, under Spring
 * Boot's relaxed binding).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComposeFileTest {

    Map<String, Object> compose;
    Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    void readComposeFile() throws IOException {
        compose = new Yaml().load(Files.readString(Path.of("..", "docker-compose.yml")));
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void servicesAreTheSystemsParts() {
        assertThat(services).containsKeys("postgres", "kafka", "kafka-topics", "ingest-worker", "reporting-api");
        assertThat(image("postgres")).startsWith("postgres:17");
        assertThat(image("kafka")).startsWith("apache/kafka:");
        assertThat(env("kafka")).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
    }

    @Test
    void everyServiceHasAHealthCheckOrIsAOneShotJob() {
        services.forEach((name, service) -> {
            if (!name.equals("kafka-topics")) {
                assertThat(service).as(name).containsKey("healthcheck");
            }
        });
        assertThat(services.get("kafka-topics").get("restart")).isEqualTo("no");
    }

    @Test
    void dataLivesInNamedVolumes() {
        assertThat(((Map<?, ?>) compose.get("volumes")).keySet().stream().map(String::valueOf).toList())
                .containsExactlyInAnyOrder("postgres-data", "kafka-data", "download-archives");
        assertThat(services.get("postgres").get("volumes").toString()).contains("postgres-data:/var/lib/postgresql/data");
        assertThat(services.get("kafka").get("volumes").toString()).contains("kafka-data:");
    }

    @Test
    void theWorkersArchiveRawDaysIntoAVolumeTheyShare() throws IOException {
        String directory = env("ingest-worker").get("PKGPULSE_DOWNLOADS_ARCHIVE_DIRECTORY");
        assertThat(directory).isNotBlank();
        assertThat(services.get("ingest-worker").get("volumes").toString())
                .contains("download-archives:" + directory);
        // A new named volume takes the owner of the image's directory: the worker's unprivileged user.
        assertThat(Files.readString(Path.of("..", "ingest-worker", "Dockerfile")))
                .contains("mkdir -p " + directory + " && chown 10001:10001 " + directory).contains("USER 10001:10001");
    }

    @Test
    void theWorkerScalesBecauseNothingPinsAReplica() {
        Map<String, Object> worker = services.get("ingest-worker");
        assertThat(worker).doesNotContainKeys("container_name", "ports");
        assertThat(worker.get("build").toString()).contains("ingest-worker/Dockerfile");
        assertThat(Path.of("..", "ingest-worker", "Dockerfile")).exists();
        assertThat(Path.of("..", "reporting-api", "Dockerfile")).exists();
    }

    @Test
    void theTopicsTheWorkerConsumesAreCreatedWithEnoughPartitions() {
        String command = services.get("kafka-topics").get("command").toString();
        String topic = env("ingest-worker").get("PKGPULSE_INGEST_TOPIC");
        Matcher created = Pattern.compile("--topic (\\S+) --partitions (\\d+)").matcher(command);
        Map<String, Integer> partitions = new java.util.HashMap<>();
        while (created.find()) {
            partitions.put(created.group(1), Integer.parseInt(created.group(2)));
        }
        assertThat(partitions).containsKeys(topic, topic + "-dlt");
        assertThat(partitions.get(topic + "-dlt")).as("dead-letter partitions").isGreaterThanOrEqualTo(partitions.get(topic));
        assertThat(partitions.get(topic)).as("room for several workers").isGreaterThanOrEqualTo(6);
        assertThat(env("ingest-worker")).containsEntry("PKGPULSE_INGEST_CREATE_TOPICS", "false");
    }

    @Test
    void portsMatchTheApplications() throws IOException {
        Properties worker = applicationProperties("ingest-worker");
        Properties api = applicationProperties("reporting-api");
        assertThat(services.get("ingest-worker").get("expose").toString()).contains(worker.getProperty("server.port"));
        assertThat(services.get("ingest-worker").get("healthcheck").toString())
                .contains("localhost:" + worker.getProperty("server.port") + "/actuator/health");
        assertThat(services.get("reporting-api").get("ports").toString())
                .contains(":" + api.getProperty("server.port"));
        assertThat(services.get("reporting-api").get("healthcheck").toString())
                .contains("localhost:" + api.getProperty("server.port") + "/actuator/health");
    }

    @Test
    void applicationsConnectToTheServicesByName() {
        for (String app : List.of("ingest-worker", "reporting-api")) {
            assertThat(env(app).get("SPRING_DATASOURCE_URL")).isEqualTo("jdbc:postgresql://postgres:5432/"
                    + env("postgres").get("POSTGRES_DB"));
            assertThat(env(app).get("SPRING_DATASOURCE_USERNAME")).isEqualTo(env("postgres").get("POSTGRES_USER"));
        }
        assertThat(env("ingest-worker").get("SPRING_KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka:9092");
        assertThat(env("kafka").get("KAFKA_ADVERTISED_LISTENERS")).contains("kafka:9092");
    }

    @Test
    void secretsHaveNoDefaults() {
        services.forEach((name, service) -> env(name).forEach((key, value) -> {
            if (key.contains("PASSWORD")) {
                assertThat(value).as(name + " " + key).matches("\\$\\{[A-Z_]+:\\?[^}]*\\}");
            }
        }));
    }

    @Test
    void everyVariableGivenToAnApplicationIsOneItReads() throws IOException {
        for (String app : List.of("ingest-worker", "reporting-api")) {
            Set<String> known = knownProperties(app);
            for (String variable : env(app).keySet()) {
                assertThat(known).as("%s does not read %s", app, variable).contains(variable);
            }
        }
    }

    /**
     * The environment variables Spring Boot binds to a property: dots become underscores and dashes are dropped
     * ({@code SPRING_KAFKA_BOOTSTRAPSERVERS}) or, the legacy form, become underscores too
     * ({@code SPRING_KAFKA_BOOTSTRAP_SERVERS}).
     */
    private static void addVariables(String property, Set<String> known) {
        String upper = property.toUpperCase(Locale.ROOT).replace('.', '_');
        known.add(upper.replace("-", ""));
        known.add(upper.replace('-', '_'));
    }

    /** The environment variables for every property the app's jar declares (its and its libraries' metadata, its own properties). */
    private static Set<String> knownProperties(String app) throws IOException {
        Set<String> known = new HashSet<>();
        try (JarFile jar = new JarFile(AppProcess.jar(app).toFile())) {
            for (JarEntry entry : java.util.Collections.list(jar.entries())) {
                String name = entry.getName();
                if (name.endsWith("META-INF/spring-configuration-metadata.json")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        addMetadata(in, known);
                    }
                }
                else if (name.startsWith("BOOT-INF/lib/") && name.endsWith(".jar")) {
                    try (JarInputStream library = new JarInputStream(jar.getInputStream(entry))) {
                        for (JarEntry inner; (inner = library.getNextJarEntry()) != null;) {
                            if (inner.getName().equals("META-INF/spring-configuration-metadata.json")) {
                                addMetadata(library, known);
                            }
                        }
                    }
                }
            }
            applicationProperties(app).stringPropertyNames().forEach(p -> addVariables(p, known));
        }
        return known;
    }

    private static void addMetadata(InputStream in, Set<String> known) throws IOException {
        JsonNode metadata = SystemUnderTest.JSON.readTree(in.readAllBytes());
        metadata.get("properties").forEach(p -> addVariables(p.get("name").asString(), known));
    }

    private static Properties applicationProperties(String app) throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(Path.of("..", app, "src", "main", "resources", "application.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    private String image(String service) {
        return (String) services.get(service).get("image");
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> env(String service) {
        Map<String, Object> environment = (Map<String, Object>) services.get(service).getOrDefault("environment", Map.of());
        Map<String, String> values = new java.util.HashMap<>();
        environment.forEach((k, v) -> values.put(k, String.valueOf(v)));
        return values;
    }
}
