package io.pkgpulse.ingest.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import io.pkgpulse.ingest.IngestDatabase;
import io.pkgpulse.ingest.RunningWorker;
import io.pkgpulse.ingest.StreamProducer;
import io.pkgpulse.ingest.TestKafkaClients;
import io.pkgpulse.testsupport.TcpProxy;
import io.pkgpulse.testsupport.TestDatabase;
import io.pkgpulse.testsupport.TestKafka;
import io.pkgpulse.testsupport.TestPostgres;

/**
 * PostgreSQL becomes unreachable in the middle of a stream (the worker's connections
 * break and new ones are refused): the worker reports itself down, retries, recovers by
 * itself when the database is back, and the final counts are exact.
 */
class DatabaseOutageTest {

    final IngestDatabase database = new IngestDatabase();

    @BeforeEach
    void emptyTables() {
        database.truncate();
    }

    @Test
    void theWorkerRecoversFromADatabaseOutageAndCountsEveryEventOnce() throws Exception {
        String topic = TestKafka.uniqueName("outage");
        TestKafkaClients.createTopic(topic, 3);
        TestDatabase db = TestPostgres.database();
        URI server = db.serverAddress();

        try (TcpProxy proxy = new TcpProxy(server.getHost(), server.getPort());
                StreamProducer stream = new StreamProducer(topic, 5000, 100);
                RunningWorker worker = RunningWorker.start(topic, TestKafka.uniqueName("group"),
                        db.jdbcUrlThrough(proxy.port()),
                        Map.of("spring.kafka.consumer.max-poll-records", 50,
                                "spring.datasource.hikari.connection-timeout", 1000,
                                "management.endpoint.health.show-components", "always"))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> database.rawCount() >= 1000);

            proxy.stop();
            long duringOutage = database.rawCount();
            await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(health(worker)).as("health while the database is unreachable")
                    .contains("\"db\":{\"status\":\"DOWN\""));
            await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> database.rawCount() == duringOutage);

            proxy.start();
            Map<String, Long> sent = stream.awaitSent();
            await().atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> assertThat(database.rawPerPackage()).isEqualTo(sent));
            assertThat(duringOutage).as("the outage began mid-stream").isLessThan(5000);
            assertThat(database.dailyPerPackage()).isEqualTo(sent);
            assertThat(health(worker)).contains("\"status\":\"UP\"");
        }
    }

    private static String health(RunningWorker worker) throws Exception {
        int port = ((WebServerApplicationContext) worker.context()).getWebServer().getPort();
        return HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString())
            .body();
    }

}
