package io.pkgpulse.bench.freshness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** The readers against a small HTTP server on the loopback address. */
class ReadersTest {

    private final JsonMapper json = JsonMapper.builder().build();

    private HttpServer server;

    private Thread reader;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.start();
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        server.stop(0);
        if (reader != null) {
            reader.join(5000);
        }
    }

    @Test
    void pollerCountsA404AsZeroAndRecordsEachCountOnce() {
        AtomicInteger requests = new AtomicInteger();
        server.createContext("/api/packages/probe-x/overall", exchange -> {
            int n = requests.incrementAndGet();
            if (n <= 2) {
                respond(exchange, 404, "application/problem+json", "{\"status\": 404}");
            }
            else {
                long count = Math.min(n - 2, 5);
                respond(exchange, 200, "application/json", "{\"data\": [{\"category\": \"without_mirrors\", "
                        + "\"date\": \"2026-11-26\", \"downloads\": " + count + "}]}");
            }
        });
        Visibility visibility = new Visibility("JSON", 5);
        Poller poller = new Poller(visibility, uri("/api/packages/probe-x/overall"), "application/json",
                body -> Counts.overallJson(json, body), Duration.ofMillis(1));
        reader = start(poller);

        await().atMost(Duration.ofSeconds(10)).until(() -> visibility.shown() == 5);
        poller.stop();
        assertThat(visibility.errors()).isZero();
        for (int k = 1; k <= 5; k++) {
            assertThat(visibility.firstSeen(k)).isPositive();
        }
        assertThat(visibility.firstSeen(1)).isLessThan(visibility.firstSeen(5));
    }

    @Test
    void liveListenerReadsDataLinesOfServerSentEvents() {
        server.createContext("/api/live", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                String events = ": connected\n\n"
                        + "event: downloads\nid: 1\ndata: {\"package\": \"probe-x\", \"without_mirrors\": 1}\n\n"
                        + "data: {\"package\": \"requests\", \"without_mirrors\": 900}\n\n"
                        + "data: {\"package\": \"probe-x\",\ndata:  \"today\": {\"without_mirrors\": 3}}\n\n";
                out.write(events.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        });
        Visibility visibility = new Visibility("live", 10);
        LiveListener listener = new LiveListener(visibility, json, uri("/api/live?package=probe-x"), "probe-x");
        reader = start(listener);

        await().atMost(Duration.ofSeconds(10)).until(() -> visibility.shown() == 3);
        listener.stop();
        assertThat(visibility.unavailableReason()).isNull();
        assertThat(visibility.firstSeen(1)).isPositive();
        assertThat(visibility.firstSeen(4)).isZero();
    }

    @Test
    void liveListenerReportsAMissingEndpointAsNotAvailable() throws InterruptedException {
        Visibility visibility = new Visibility("live", 10);
        LiveListener listener = new LiveListener(visibility, json, uri("/api/live?package=probe-x"), "probe-x");
        reader = start(listener);

        assertThat(listener.awaitAnswer(Duration.ofSeconds(10))).isFalse();
        assertThat(visibility.unavailableReason()).isEqualTo("n/a (HTTP 404)");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static Thread start(Runnable task) {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

}
