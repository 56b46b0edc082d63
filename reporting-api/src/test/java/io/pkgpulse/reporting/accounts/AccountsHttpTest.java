package io.pkgpulse.reporting.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;

import io.pkgpulse.testsupport.TestInfrastructure;

/**
 * Accounts over real HTTP on Tomcat, the way a browser script or curl sees them: cookies
 * and their attributes, the CSRF round trip, API keys, and problem details from Spring
 * Security's own 401/403/400 answers.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "pkgpulse.ratelimit.enabled=false")
@Import(TestInfrastructure.class)
class AccountsHttpTest {

    static final String PASSWORD = AccountsFixture.PASSWORD;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LoginThrottle loginThrottle;

    @Autowired
    LoggingSystem loggingSystem;

    final HttpClient client = HttpClient.newHttpClient();

    /** The browser's cookie jar: name to value. */
    final Map<String, String> cookies = new LinkedHashMap<>();

    @BeforeEach
    void clean() {
        jdbc.execute("TRUNCATE users, api_keys, password_resets, maintainers CASCADE");
        loginThrottle.reset();
    }

    @Test
    void aBrowserSignsUpLogsInAndUsesTheCsrfTokenFromItsCookie() throws Exception {
        HttpResponse<String> signup = send("POST", "/api/auth/signup",
                "{\"name\": \"Ada\", \"email\": \"ada@example.org\", \"password\": \"" + PASSWORD + "\"}");
        assertThat(signup.statusCode()).isEqualTo(201);
        assertThat(signup.headers().allValues("Set-Cookie")).isEmpty();

        HttpResponse<String> login = send("POST", "/api/auth/login",
                "{\"email\": \"ada@example.org\", \"password\": \"" + PASSWORD + "\"}");
        assertThat(login.statusCode()).isEqualTo(200);
        String session = setCookie(login, "JSESSIONID").orElseThrow();
        assertThat(session).contains("HttpOnly").containsIgnoringCase("SameSite=Lax").contains("Secure");
        String xsrf = setCookie(login, "XSRF-TOKEN").orElseThrow();
        assertThat(xsrf).doesNotContain("HttpOnly").contains("SameSite=Lax").contains("Secure").contains("Path=/");

        HttpResponse<String> me = send("GET", "/api/me", null);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(HttpApiJson.read(me).get("email").asString()).isEqualTo("ada@example.org");

        HttpResponse<String> forged = send("POST", "/api/me/api-keys", "{\"name\": \"CI\"}");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(HttpApiJson.read(forged).get("type").asString()).isEqualTo("/problems/csrf");

        HttpResponse<String> created = send("POST", "/api/me/api-keys", "{\"name\": \"CI\"}", "X-XSRF-TOKEN",
                cookies.get("XSRF-TOKEN"));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
        String key = HttpApiJson.read(created).get("key").asString();

        HttpResponse<String> logout = send("POST", "/api/auth/logout", null);
        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/me", null).statusCode()).isEqualTo(401);

        cookies.clear();
        HttpResponse<String> withKey = send("GET", "/api/me", null, "X-API-Key", key);
        assertThat(withKey.statusCode()).isEqualTo(200);
        assertThat(withKey.headers().allValues("Set-Cookie")).as("API keys make no session").isEmpty();
        assertThat(HttpApiJson.read(withKey).get("authenticated_by").asString()).isEqualTo("api_key");
    }

    @Test
    void springSecuritysOwnAnswersAreProblemDetails() throws Exception {
        HttpResponse<String> anonymous = send("GET", "/api/me", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("X-API-Key");
        assertThat(HttpApiJson.read(anonymous).get("type").asString()).isEqualTo("/problems/unauthorized");

        HttpResponse<String> badKey = send("GET", "/api/packages/__all__/overall", null, "X-API-Key", "pkp_nope");
        assertThat(badKey.statusCode()).isEqualTo(401);
        assertThat(HttpApiJson.read(badKey).get("type").asString()).isEqualTo("/problems/invalid-api-key");

        HttpResponse<String> rejected = send("GET", "/api/packages/x%3B%20DROP%20TABLE%20packages/overall", null);
        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(rejected.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(HttpApiJson.read(rejected).get("type").asString()).isEqualTo("/problems/rejected-request");

        HttpResponse<String> actuator = send("GET", "/actuator/metrics", null);
        assertThat(actuator.statusCode()).isEqualTo(401);
        assertThat(send("GET", "/actuator/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void publicReadsCarryNoCookiesAndTheUsualSecurityHeaders() throws Exception {
        HttpResponse<String> stats = send("GET", "/api/packages/__all__/recent", null);

        assertThat(stats.statusCode()).isEqualTo(200);
        assertThat(stats.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(stats.headers().firstValue("Cache-Control").orElseThrow()).contains("public");
        assertThat(stats.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(stats.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(stats.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");

        HttpResponse<String> openApi = send("GET", "/v3/api-docs", null);
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(openApi.body()).contains("/api/auth/login", "/api/me/api-keys",
                "/api/packages/{package}/maintainers");
    }

    /**
     * Tomcat's connector would log raw requests at DEBUG; with every logger at TRACE,
     * still no secret is logged.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void withEveryLoggerAtTraceNoPasswordOrKeyReachesTheLog(CapturedOutput output) throws Exception {
        String password = "Ocelot-Rhubarb-Pavilion-731";
        LogLevel root = loggingSystem.getLoggerConfiguration(LoggingSystem.ROOT_LOGGER_NAME).getEffectiveLevel();
        loggingSystem.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.TRACE);
        String key;
        try {
            assertThat(send("POST", "/api/auth/signup",
                    "{\"name\": \"Ada\", \"email\": \"ada@example.org\"," + " \"password\": \"" + password + "\"}")
                .statusCode()).isEqualTo(201);
            assertThat(send("POST", "/api/auth/login",
                    "{\"email\": \"ada@example.org\", \"password\": \"" + password + "\"}")
                .statusCode()).isEqualTo(200);
            HttpResponse<String> created = send("POST", "/api/me/api-keys", "{\"name\": \"CI\"}", "X-XSRF-TOKEN",
                    cookies.get("XSRF-TOKEN"));
            assertThat(created.statusCode()).isEqualTo(201);
            key = HttpApiJson.read(created).get("key").asString();
            cookies.clear();
            assertThat(send("GET", "/api/me", null, "X-API-Key", key).statusCode()).isEqualTo(200);
        }
        finally {
            loggingSystem.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, root);
        }

        assertThat(output.getAll()).contains("TRACE")
            .doesNotContain(password)
            .doesNotContain(key)
            .doesNotContain(key.substring(12));
    }

    private HttpResponse<String> send(String method, String path, String json, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(method,
                    json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (!cookies.isEmpty()) {
            request.header("Cookie",
                    String.join("; ", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).toList()));
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String cookie : response.headers().allValues("Set-Cookie")) {
            String pair = cookie.split(";", 2)[0];
            String name = pair.substring(0, pair.indexOf('='));
            String value = pair.substring(pair.indexOf('=') + 1);
            if (value.isEmpty() || cookie.contains("Max-Age=0")) {
                cookies.remove(name);
            }
            else {
                cookies.put(name, value);
            }
        }
        return response;
    }

    private static Optional<String> setCookie(HttpResponse<String> response, String name) {
        List<String> all = response.headers().allValues("Set-Cookie");
        return all.stream().filter(c -> c.startsWith(name + "=") && !c.startsWith(name + "=;")).reduce((a, b) -> b);
    }

    private static final class HttpApiJson {

        static JsonNode read(HttpResponse<String> response) {
            return AccountsFixture.JSON.readTree(response.body());
        }

    }

}
