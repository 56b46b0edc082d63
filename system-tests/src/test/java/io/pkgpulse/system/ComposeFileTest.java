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
 * No Docker engine runs here, so docker-compose.yml is checked against the applications
 * it deploys: service names, ports, the topic and its dead-letter topic, and every
 * environment variable an application receives must be one that application reads (a
 * property in its configuration metadata or its own properties files, under Spring Boot's
 * relaxed binding). PostgreSQL's write-heavy settings must be those of
 * bench/pg-write-settings, with values in the ranges docs/operations.md explains.
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
        assertThat(services.get("postgres").get("volumes").toString())
            .contains("postgres-data:/var/lib/postgresql/data");
        assertThat(services.get("kafka").get("volumes").toString()).contains("kafka-data:");
    }

    @Test
    void theWorkersArchiveRawDaysIntoAVolumeTheyShare() throws IOException {
        String directory = env("ingest-worker").get("PKGPULSE_DOWNLOADS_ARCHIVE_DIRECTORY");
        assertThat(directory).isNotBlank();
        assertThat(services.get("ingest-worker").get("volumes").toString()).contains("download-archives:" + directory);
        // A new named volume takes the owner of the image's directory: the worker's
        // unprivileged user.
        assertThat(Files.readString(Path.of("..", "Dockerfile")))
            .contains("mkdir -p " + directory + " && chown 10001:10001 " + directory)
            .contains("USER 10001:10001");
    }

    @Test
    void theWorkerScalesBecauseNothingPinsAReplica() {
        Map<String, Object> worker = services.get("ingest-worker");
        assertThat(worker).doesNotContainKeys("container_name", "ports");
        assertThat(worker.get("build").toString()).contains("MODULE=ingest-worker");
        assertThat(services.get("reporting-api").get("build").toString()).contains("MODULE=reporting-api");
        assertThat(Path.of("..", "Dockerfile")).exists();
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
        assertThat(partitions.get(topic + "-dlt")).as("dead-letter partitions")
            .isGreaterThanOrEqualTo(partitions.get(topic));
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
            assertThat(env(app).get("SPRING_DATASOURCE_URL"))
                .isEqualTo("jdbc:postgresql://postgres:5432/" + env("postgres").get("POSTGRES_DB"));
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

    @Test
    void postgresRunsWithTheWriteHeavySettingsOfBenchPgWriteSettings() throws IOException {
        assertThat(services.get("postgres").get("command")).as("postgres command").isInstanceOf(List.class);
        assertThat(((List<?>) services.get("postgres").get("command")).get(0)).isEqualTo("postgres");
        Map<String, String> script = pgWriteSettingsScript();
        assertThat(script).as("bench/pg-write-settings' SETTINGS block").isNotEmpty();
        assertThat(postgresSettings()).containsExactlyEntriesOf(script);
    }

    @Test
    void walAndCheckpointsAreSizedForSustainedIngest() {
        Map<String, String> settings = postgresSettings();
        long gib = 1L << 30;
        assertThat(bytes(settings.get("max_wal_size"))).as("max_wal_size").isGreaterThanOrEqualTo(4 * gib);
        assertThat(bytes(settings.get("min_wal_size"))).as("min_wal_size")
            .isGreaterThanOrEqualTo(gib)
            .isLessThan(bytes(settings.get("max_wal_size")));
        assertThat(seconds(settings.get("checkpoint_timeout"))).as("checkpoint_timeout").isBetween(600L, 1800L);
        assertThat(Double.parseDouble(settings.get("checkpoint_completion_target"))).isBetween(0.8, 0.95);
        assertThat(bytes(settings.get("wal_buffers"))).as("wal_buffers").isGreaterThanOrEqualTo(16L << 20);
        assertThat(settings.get("wal_compression")).isIn("lz4", "zstd", "pglz", "on");
    }

    @Test
    void memoryFitsAnEightGigabyteHostRunningTheWholeStack() {
        Map<String, String> settings = postgresSettings();
        assertThat(bytes(settings.get("shared_buffers"))).as("shared_buffers").isBetween(1L << 30, 4L << 30);
        assertThat(bytes(settings.get("maintenance_work_mem"))).isBetween(256L << 20, 1L << 30);
        assertThat(bytes(settings.get("autovacuum_work_mem")))
            .isLessThanOrEqualTo(bytes(settings.get("maintenance_work_mem")));
        // Parallel queries' dynamic shared memory lives in /dev/shm; Docker gives 64 MB
        // unless told otherwise.
        assertThat(dockerBytes(String.valueOf(services.get("postgres").get("shm_size"))))
            .isGreaterThanOrEqualTo(128L << 20);
    }

    @Test
    void commitsStayDurable() {
        Map<String, String> settings = postgresSettings();
        // The worker turns synchronous commit off per batch (its offsets commit with the
        // rows); accounts, API keys
        // and catalog changes must survive a crash once acknowledged.
        assertThat(settings).containsKey("synchronous_commit");
        assertThat(settings.get("synchronous_commit")).isNotEqualTo("off");
        assertThat(settings).doesNotContainEntry("fsync", "off").doesNotContainEntry("full_page_writes", "off");
    }

    @Test
    void autovacuumKeepsUpWithInsertsAndRollupUpdates() {
        Map<String, String> settings = postgresSettings();
        assertThat(Double.parseDouble(settings.get("autovacuum_vacuum_insert_scale_factor"))).isLessThan(0.2);
        assertThat(Double.parseDouble(settings.get("autovacuum_vacuum_scale_factor"))).isLessThan(0.2);
        assertThat(Integer.parseInt(settings.get("autovacuum_vacuum_cost_limit"))).isGreaterThan(200);
    }

    /** The postgres service's {@code -c name=value} options, in order. */
    @SuppressWarnings("unchecked")
    private Map<String, String> postgresSettings() {
        List<String> command = (List<String>) services.get("postgres").get("command");
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        for (int i = 1; i < command.size(); i += 2) {
            assertThat(command.get(i)).as("option %d of the postgres command", i).isEqualTo("-c");
            String[] setting = command.get(i + 1).split("=", 2);
            assertThat(settings.put(setting[0], setting[1])).as("%s set twice", setting[0]).isNull();
        }
        return settings;
    }

    /**
     * The {@code SETTINGS=( … )} block of bench/pg-write-settings: one {@code name=value}
     * a line.
     */
    private static Map<String, String> pgWriteSettingsScript() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "bench", "pg-write-settings"));
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        int start = lines.indexOf("SETTINGS=(");
        assertThat(start).as("SETTINGS=( in bench/pg-write-settings").isNotNegative();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.strip().equals(")")) {
                return settings;
            }
            String[] setting = line.strip().split("=", 2);
            settings.put(setting[0], setting[1]);
        }
        throw new AssertionError("bench/pg-write-settings: SETTINGS=( has no closing line");
    }

    /** A PostgreSQL memory setting in bytes (units B, kB, MB, GB, TB; 1024 apart). */
    static long bytes(String value) {
        Matcher m = Pattern.compile("(\\d+)\\s*(B|kB|MB|GB|TB)").matcher(value);
        assertThat(m.matches()).as("memory setting with a unit: %s", value).isTrue();
        int shift = switch (m.group(2)) {
            case "B" -> 0;
            case "kB" -> 10;
            case "MB" -> 20;
            case "GB" -> 30;
            default -> 40;
        };
        return Long.parseLong(m.group(1)) << shift;
    }

    /** A PostgreSQL time setting in seconds (units s, min, h, d). */
    static long seconds(String value) {
        Matcher m = Pattern.compile("(\\d+)\\s*(s|min|h|d)").matcher(value);
        assertThat(m.matches()).as("time setting with a unit: %s", value).isTrue();
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> n;
            case "min" -> n * 60;
            case "h" -> n * 3600;
            default -> n * 86400;
        };
    }

    /** A Compose byte value such as {@code 256mb} or {@code 1g}. */
    static long dockerBytes(String value) {
        Matcher m = Pattern.compile("(\\d+)\\s*([bkmg]?)b?").matcher(value.toLowerCase(Locale.ROOT));
        assertThat(m.matches()).as("byte value: %s", value).isTrue();
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        return Long.parseLong(m.group(1)) << shift;
    }

    /**
     * The environment variables Spring Boot binds to a property: dots become underscores
     * and dashes are dropped ({@code SPRING_KAFKA_BOOTSTRAPSERVERS}) or, the legacy form,
     * become underscores too ({@code SPRING_KAFKA_BOOTSTRAP_SERVERS}).
     */
    private static void addVariables(String property, Set<String> known) {
        String upper = property.toUpperCase(Locale.ROOT).replace('.', '_');
        known.add(upper.replace("-", ""));
        known.add(upper.replace('-', '_'));
    }

    /**
     * The environment variables for every property the app's jar declares (its and its
     * libraries' metadata, its own properties).
     */
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
        Map<String, Object> environment = (Map<String, Object>) services.get(service)
            .getOrDefault("environment", Map.of());
        Map<String, String> values = new java.util.HashMap<>();
        environment.forEach((k, v) -> values.put(k, String.valueOf(v)));
        return values;
    }

}
