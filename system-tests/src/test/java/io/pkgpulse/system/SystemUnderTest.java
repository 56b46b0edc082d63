package io.pkgpulse.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.pkgpulse.testsupport.TestDatabase;
import io.pkgpulse.testsupport.TestKafka;
import io.pkgpulse.testsupport.TestPostgres;

/**
 * This run's database and broker, and how to point the packaged applications and the
 * producer at them.
 */
final class SystemUnderTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    // Its own database: the synthetic producer draws project names from one vocabulary,
    // so two tests sharing a
    // database would count each other's downloads.
    final TestDatabase database = TestPostgres.newDatabase();

    final String bootstrap = TestKafka.bootstrapServers();

    final JdbcTemplate jdbc = new JdbcTemplate(
            new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password()));

    void createTopic(String topic, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin
                .createTopics(List.of(new NewTopic(topic, partitions, (short) 1),
                        new NewTopic(topic + "-dlt", partitions, (short) 1)))
                .all()
                .get();
        }
        catch (InterruptedException | ExecutionException ex) {
            throw new IllegalStateException("Cannot create " + topic, ex);
        }
    }

    /** Command-line settings every application gets: this run's database and broker. */
    List<String> settings(String... more) {
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--spring.kafka.bootstrap-servers=" + bootstrap));
        args.addAll(List.of(more));
        return args;
    }

    AppProcess worker(String name, String topic, String group, String... more) {
        List<String> args = settings("--pkgpulse.ingest.topic=" + topic, "--pkgpulse.ingest.group-id=" + group,
                "--pkgpulse.ingest.create-topics=false", "--pkgpulse.ingest.retry.max-interval=2s");
        args.addAll(List.of(more));
        return AppProcess.start(name, "ingest-worker", freePort(), args);
    }

    AppProcess api(String... more) {
        return AppProcess.start("reporting-api", "reporting-api", freePort(), settings(more));
    }

    /**
     * Starts {@code event-producer synthetic} in the background; its summary lands in
     * {@code summary}.
     */
    Process produceInBackground(String topic, Path summary, String... options) {
        List<String> args = new ArrayList<>(List.of("synthetic", "--bootstrap-servers", bootstrap, "--topic", topic,
                "--quiet", "--summary-json", summary.toString()));
        args.addAll(List.of(options));
        return AppProcess.launch("event-producer-stream", "event-producer", args);
    }

    /**
     * Runs {@code event-producer synthetic} and returns its summary: {@code good} and
     * {@code per_project} are what the worker must end up counting.
     */
    JsonNode produce(String topic, String... options) {
        try {
            Path summary = Files.createTempFile("producer", ".json");
            List<String> args = new ArrayList<>(List.of("synthetic", "--bootstrap-servers", bootstrap, "--topic", topic,
                    "--quiet", "--summary-json", summary.toString()));
            args.addAll(List.of(options));
            int status = AppProcess.run("event-producer", "event-producer", args);
            if (status != 0) {
                throw new IllegalStateException("event-producer exited with " + status);
            }
            return JSON.readTree(summary.toFile());
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Records the group's stored offsets account for. */
    long consumed(String group) {
        return jdbc.queryForObject(
                "SELECT coalesce(sum(next_offset), 0) FROM consumer_offsets WHERE consumer_group = ?", Long.class,
                group);
    }

    static Map<String, Long> perProject(JsonNode summary) {
        Map<String, Long> counts = new HashMap<>();
        summary.get("per_project").properties().forEach(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return counts;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
