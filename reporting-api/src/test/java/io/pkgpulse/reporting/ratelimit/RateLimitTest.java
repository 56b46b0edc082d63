package io.pkgpulse.reporting.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.pkgpulse.testsupport.TestInfrastructure;

/**
 * Rate limits over real HTTP, with tiny limits (3 a minute anonymous, 6 with an API key:
 * a token comes back every 20 and 10 seconds, far slower than a test) and
 * {@code X-Forwarded-For} honoured from this machine, as behind a proxy, so that each
 * test is a client of its own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "pkgpulse.ratelimit.anonymous-per-minute=3", "pkgpulse.ratelimit.api-key-per-minute=6",
                "server.forward-headers-strategy=native" })
@Import(TestInfrastructure.class)
class RateLimitTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String PASSWORD = "violet-harbour-engine-7";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RateLimiter rateLimiter;

    final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void clean() {
        jdbc.execute("TRUNCATE users, api_keys, password_resets, maintainers CASCADE");
        rateLimiter.clear();
    }

    @Test
    void anonymousClientsGetTheirLimitWithHeadersThenA429() throws Exception {
        for (int remaining = 2; remaining >= 0; remaining--) {
            HttpResponse<String> ok = get("/api/packages/__all__/recent", "192.0.2.10");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("RateLimit-Limit")).hasValue("3");
            assertThat(ok.headers().firstValue("RateLimit-Remaining")).hasValue(Integer.toString(remaining));
            assertThat(ok.headers().firstValue("RateLimit-Policy")).hasValue("3;w=60");
            long reset = Long.parseLong(ok.headers().firstValue("RateLimit-Reset").orElseThrow());
            assertThat(reset).isEqualTo(remaining > 0 ? 0 : reset).isBetween(0L, 20L);
        }

        HttpResponse<String> limited = get("/api/packages/__all__/recent", "192.0.2.10");
        assertThat(limited.statusCode()).isEqualTo(429);
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 20L);
        assertThat(limited.headers().firstValue("RateLimit-Remaining")).hasValue("0");
        assertThat(limited.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(limited.body());
        assertThat(problem.get("type").asString()).isEqualTo("/problems/rate-limited");
        assertThat(problem.get("status").asInt()).isEqualTo(429);

        // Another client is not affected.
        assertThat(get("/api/packages/__all__/recent", "192.0.2.11").statusCode()).isEqualTo(200);
    }

    @Test
    void badgesAndDashboardPagesCountHealthAndStaticAssetsDoNot() throws Exception {
        String client = "192.0.2.20";
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> health = get("/actuator/health", client);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.headers().firstValue("RateLimit-Limit")).isEmpty();
            assertThat(get("/favicon.ico", client).headers().firstValue("RateLimit-Limit")).isEmpty();
            assertThat(get("/css/missing.css", client).headers().firstValue("RateLimit-Limit")).isEmpty();
        }
        assertThat(get("/badge/no-such-package.svg", client).headers().firstValue("RateLimit-Remaining")).hasValue("2");
        assertThat(get("/packages/no-such-package", client).headers().firstValue("RateLimit-Remaining")).hasValue("1");
        assertThat(get("/", client).headers().firstValue("RateLimit-Remaining")).hasValue("0");
        assertThat(get("/api/packages/__all__/recent", client).statusCode()).isEqualTo(429);
    }

    @Test
    void apiKeysHaveTheirOwnHigherLimit() throws Exception {
        String client = "192.0.2.30";
        String key = apiKey(client);
        // Signing up, logging in and creating the key took this address's three requests.
        assertThat(get("/api/packages/__all__/recent", client).statusCode()).isEqualTo(429);

        for (int remaining = 5; remaining >= 0; remaining--) {
            HttpResponse<String> ok = get("/api/packages/__all__/recent", client, "X-API-Key", key);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("RateLimit-Limit")).hasValue("6");
            assertThat(ok.headers().firstValue("RateLimit-Remaining")).hasValue(Integer.toString(remaining));
        }
        HttpResponse<String> limited = get("/api/packages/__all__/recent", "192.0.2.31", "X-API-Key", key);
        assertThat(limited.statusCode()).as("the key's limit follows it to any address").isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void wrongKeysCountAgainstTheAddress() throws Exception {
        String client = "192.0.2.40";
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> wrong = get("/api/packages/__all__/recent", client, "X-API-Key", "pkp_guess" + i);
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.headers().firstValue("RateLimit-Remaining")).hasValue(Integer.toString(2 - i));
        }
        HttpResponse<String> limited = get("/api/packages/__all__/recent", client, "X-API-Key", "pkp_guess");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(limited.body()).get("type").asString()).isEqualTo("/problems/rate-limited");
    }

    /** Signs up, logs in and creates a key from {@code client}: three requests. */
    private String apiKey(String client) throws Exception {
        assertThat(post("/api/auth/signup", client, null, null,
                "{\"name\": \"Ada\", \"email\": \"ada@example.org\", \"password\": \"" + PASSWORD + "\"}")
            .statusCode()).isEqualTo(201);
        HttpResponse<String> login = post("/api/auth/login", client, null, null,
                "{\"email\": \"ada@example.org\", \"password\": \"" + PASSWORD + "\"}");
        assertThat(login.statusCode()).isEqualTo(200);
        String session = cookie(login, "JSESSIONID");
        String xsrf = cookie(login, "XSRF-TOKEN");
        HttpResponse<String> created = post("/api/me/api-keys", client,
                "JSESSIONID=" + session + "; XSRF-TOKEN=" + xsrf, xsrf, "{\"name\": \"CI\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("key").asString();
    }

    private static String cookie(HttpResponse<String> response, String name) {
        return response.headers()
            .allValues("Set-Cookie")
            .stream()
            .filter(c -> c.startsWith(name + "="))
            .map(c -> c.substring(name.length() + 1, c.indexOf(';')))
            .filter(v -> !v.isEmpty())
            .reduce((a, b) -> b)
            .orElseThrow();
    }

    private HttpResponse<String> get(String path, String client, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("X-Forwarded-For", client);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client(request.GET().build());
    }

    private HttpResponse<String> post(String path, String client, String cookies, String xsrf, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("X-Forwarded-For", client)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
        if (cookies != null) {
            request.header("Cookie", cookies);
        }
        if (xsrf != null) {
            request.header("X-XSRF-TOKEN", xsrf);
        }
        return client(request.build());
    }

    private HttpResponse<String> client(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

}
