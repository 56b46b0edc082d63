package io.pkgpulse.reporting.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.pkgpulse.reporting.HttpApi;
import io.pkgpulse.reporting.RollupSeed;
import io.pkgpulse.reporting.changes.ChangeClock;
import io.pkgpulse.reporting.accounts.AccountsFixture;
import io.pkgpulse.testsupport.TestInfrastructure;

/**
 * The hourly series over real HTTP, at a fixed time (15:42:17 UTC, so the current hour is
 * 15:00) with the default hourly window of 14 days: shapes, mirrors, versions, ranges,
 * errors, CSV, private packages and caching headers.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "pkgpulse.ratelimit.enabled=false")
@Import({ TestInfrastructure.class, HourlyApiTest.FixedClock.class })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HourlyApiTest {

    static final Instant NOW = Instant.parse("2026-11-26T15:42:17Z");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String TODAY = "start=2026-11-26T00:00:00Z&end=2026-11-26T15:00:00Z";

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {

        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }

    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ChangeClock changes;

    HttpApi api;

    /** Session cookies of a maintainer of the private package, and of someone else. */
    String maintainer;

    String stranger;

    @BeforeAll
    void seed() throws Exception {
        api = new HttpApi(port);
        RollupSeed seed = new RollupSeed(jdbc, changes);
        seed.truncate();
        jdbc.execute("TRUNCATE users, api_keys, password_resets CASCADE");
        long zope = seed.pkg("Zope.Interface");
        long v64 = seed.release(zope, "6.4");
        long v7 = seed.release(zope, "7.0");
        long v7rc = seed.release(zope, "7.0rc1");
        seed.hourly(zope, v64, hour("2026-11-20T08:00"), false, 7);
        seed.hourly(zope, v64, hour("2026-11-26T12:00"), false, 3);
        seed.hourly(zope, v7, hour("2026-11-26T12:00"), true, 2);
        seed.hourly(zope, v7, hour("2026-11-26T13:00"), true, 4);
        seed.hourly(zope, v7, hour("2026-11-26T14:00"), false, 10);
        seed.hourly(zope, v7rc, hour("2026-11-26T14:00"), false, 1);
        seed.hourly(zope, v7, hour("2026-11-26T15:00"), false, 1);
        long requests = seed.pkg("requests");
        seed.hourly(requests, seed.release(requests, "2.32.3"), hour("2026-11-26T14:00"), false, 100);
        long hidden = seed.pkg("internal-tool");
        seed.hourly(hidden, seed.release(hidden, "1.0"), hour("2026-11-26T14:00"), false, 50);
        seed.hourly(hidden, seed.release(hidden, "7.0"), hour("2026-11-26T14:00"), false, 5);
        jdbc.update("UPDATE packages SET is_private = true WHERE id = ?", hidden);

        maintainer = signIn("Ada", "ada@example.org");
        stranger = signIn("Eve", "eve@example.org");
        jdbc.update("""
                INSERT INTO maintainers (id, user_id, package_id, role)
                SELECT nextval('maintainers_seq'), id, ?, 'OWNER' FROM users WHERE email = 'ada@example.org'""",
                hidden);
    }

    @Test
    void overallIsTheDailyShapeWithAnHourPerRowBothCategoriesWithoutMirrorsParameter() {
        assertThat(ok("/api/packages/zope.interface/hourly?" + TODAY)).isEqualTo(json("""
                {"package": "zope-interface", "type": "overall_hourly_downloads", "data": [
                  {"category": "with_mirrors", "hour": "2026-11-26T12:00:00Z", "downloads": 5},
                  {"category": "without_mirrors", "hour": "2026-11-26T12:00:00Z", "downloads": 3},
                  {"category": "with_mirrors", "hour": "2026-11-26T13:00:00Z", "downloads": 4},
                  {"category": "without_mirrors", "hour": "2026-11-26T13:00:00Z", "downloads": 0},
                  {"category": "with_mirrors", "hour": "2026-11-26T14:00:00Z", "downloads": 11},
                  {"category": "without_mirrors", "hour": "2026-11-26T14:00:00Z", "downloads": 11},
                  {"category": "with_mirrors", "hour": "2026-11-26T15:00:00Z", "downloads": 1},
                  {"category": "without_mirrors", "hour": "2026-11-26T15:00:00Z", "downloads": 1}]}"""));
    }

    @Test
    void mirrorsTrueOrFalseKeepsOneCategoryAsTheDailyOverallDoes() {
        assertThat(rows(ok("/api/packages/zope-interface/hourly?mirrors=true&" + TODAY))).containsExactly(
                "2026-11-26T12:00:00Z with_mirrors 5", "2026-11-26T13:00:00Z with_mirrors 4",
                "2026-11-26T14:00:00Z with_mirrors 11", "2026-11-26T15:00:00Z with_mirrors 1");
        assertThat(rows(ok("/api/packages/zope-interface/hourly?mirrors=false&" + TODAY))).containsExactly(
                "2026-11-26T12:00:00Z without_mirrors 3", "2026-11-26T13:00:00Z without_mirrors 0",
                "2026-11-26T14:00:00Z without_mirrors 11", "2026-11-26T15:00:00Z without_mirrors 1");
    }

    @Test
    void allPackagesAreTheHourlyTotalsOfPublicAndPrivatePackages() {
        assertThat(ok("/api/packages/__all__/hourly?start=2026-11-26T13:00Z&end=2026-11-26T14:00Z")).isEqualTo(json("""
                {"package": "__all__", "type": "overall_hourly_downloads", "data": [
                  {"category": "with_mirrors", "hour": "2026-11-26T13:00:00Z", "downloads": 4},
                  {"category": "without_mirrors", "hour": "2026-11-26T13:00:00Z", "downloads": 0},
                  {"category": "with_mirrors", "hour": "2026-11-26T14:00:00Z", "downloads": 166},
                  {"category": "without_mirrors", "hour": "2026-11-26T14:00:00Z", "downloads": 166}]}"""));
    }

    @Test
    void versionsAreInVersionOrderWithinAnHourAndWithoutMirrorsByDefault() {
        assertThat(ok("/api/packages/zope-interface/hourly/version?" + TODAY)).isEqualTo(json("""
                {"package": "zope-interface", "type": "version_hourly_downloads", "data": [
                  {"category": "6.4", "hour": "2026-11-26T12:00:00Z", "downloads": 3},
                  {"category": "7.0rc1", "hour": "2026-11-26T14:00:00Z", "downloads": 1},
                  {"category": "7.0", "hour": "2026-11-26T14:00:00Z", "downloads": 10},
                  {"category": "7.0", "hour": "2026-11-26T15:00:00Z", "downloads": 1}]}"""));
        assertThat(rows(ok("/api/packages/zope-interface/hourly/version?mirrors=true&" + TODAY))).containsExactly(
                "2026-11-26T12:00:00Z 6.4 3", "2026-11-26T12:00:00Z 7.0 2", "2026-11-26T13:00:00Z 7.0 4",
                "2026-11-26T14:00:00Z 7.0rc1 1", "2026-11-26T14:00:00Z 7.0 10", "2026-11-26T15:00:00Z 7.0 1");
    }

    @Test
    void theVersionParameterKeepsOneVersion() {
        assertThat(rows(ok("/api/packages/zope-interface/hourly/version?version=7.0&" + TODAY)))
            .containsExactly("2026-11-26T14:00:00Z 7.0 10", "2026-11-26T15:00:00Z 7.0 1");
        assertThat(rows(ok("/api/packages/zope-interface/hourly/version?version=7.0&mirrors=true&" + TODAY)))
            .containsExactly("2026-11-26T12:00:00Z 7.0 2", "2026-11-26T13:00:00Z 7.0 4", "2026-11-26T14:00:00Z 7.0 10",
                    "2026-11-26T15:00:00Z 7.0 1");
        assertThat(rows(ok("/api/packages/zope-interface/hourly/version?version=8.0&" + TODAY))).isEmpty();
    }

    @Test
    void allPackagesVersionsAreTheDownloadsOfEveryPackageByVersionString() {
        assertThat(ok("/api/packages/__all__/hourly/version?start=2026-11-26T14:00Z&end=2026-11-26T14:00Z"))
            .isEqualTo(json("""
                    {"package": "__all__", "type": "version_hourly_downloads", "data": [
                      {"category": "1.0", "hour": "2026-11-26T14:00:00Z", "downloads": 50},
                      {"category": "2.32.3", "hour": "2026-11-26T14:00:00Z", "downloads": 100},
                      {"category": "7.0rc1", "hour": "2026-11-26T14:00:00Z", "downloads": 1},
                      {"category": "7.0", "hour": "2026-11-26T14:00:00Z", "downloads": 15}]}"""));
        assertThat(rows(ok("/api/packages/__all__/hourly/version?version=7.0&mirrors=true&" + TODAY))).containsExactly(
                "2026-11-26T12:00:00Z 7.0 2", "2026-11-26T13:00:00Z 7.0 4", "2026-11-26T14:00:00Z 7.0 15",
                "2026-11-26T15:00:00Z 7.0 1");
    }

    @Test
    void seriesComeAsCsvWithAcceptOrFormat() {
        String path = "/api/packages/zope-interface/hourly?mirrors=false&start=2026-11-26T12:00Z&end=2026-11-26T14:00Z";
        for (HttpResponse<String> csv : List.of(api.get(path, "Accept", "text/csv"), api.get(path + "&format=csv"))) {
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type")).get().asString().startsWith("text/csv");
            assertThat(csv.body()).isEqualTo("""
                    hour,category,downloads\r
                    2026-11-26T12:00:00Z,without_mirrors,3\r
                    2026-11-26T13:00:00Z,without_mirrors,0\r
                    2026-11-26T14:00:00Z,without_mirrors,11\r
                    """);
        }
        assertThat(api
            .get("/api/packages/__all__/hourly/version?format=csv&start=2026-11-26T14:00Z" + "&end=2026-11-26T15:00Z")
            .body()).isEqualTo("""
                    hour,category,downloads\r
                    2026-11-26T14:00:00Z,1.0,50\r
                    2026-11-26T14:00:00Z,2.32.3,100\r
                    2026-11-26T14:00:00Z,7.0rc1,1\r
                    2026-11-26T14:00:00Z,7.0,15\r
                    2026-11-26T15:00:00Z,7.0,1\r
                    """);
    }

    @Test
    void theDefaultRangeIsTheLast48HoursAndADateCoversItsHours() {
        List<String> today = List.of("2026-11-26T12:00:00Z without_mirrors 3", "2026-11-26T13:00:00Z without_mirrors 0",
                "2026-11-26T14:00:00Z without_mirrors 11", "2026-11-26T15:00:00Z without_mirrors 1");
        assertThat(rows(ok("/api/packages/zope-interface/hourly?mirrors=false"))).isEqualTo(today);
        assertThat(rows(ok("/api/packages/zope-interface/hourly?mirrors=false&start=2026-11-26&end=2026-11-26")))
            .isEqualTo(today);
        assertThat(rows(ok("/api/packages/zope-interface/hourly?mirrors=false&start=2026-11-20&end=2026-11-20")))
            .containsExactly("2026-11-20T08:00:00Z without_mirrors 7");
        assertThat(rows(ok("/api/packages/zope-interface/hourly?mirrors=false&start=2026-11-20T09:00:00Z"
                + "&end=2026-11-26T12:00:00Z")))
            .containsExactly("2026-11-26T12:00:00Z without_mirrors 3");
    }

    @Test
    void packageNamesAreMatchedAfterPep503Normalisation() {
        assertThat(ok("/api/packages/ZOPE_interface/hourly").get("package").asString()).isEqualTo("zope-interface");
        assertThat(ok("/api/packages/Zope--Interface/hourly/version").get("package").asString())
            .isEqualTo("zope-interface");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|',
            textBlock = """
                    malformed start | /api/packages/requests/hourly?start=yesterday | start | start must be an ISO-8601 UTC hour (2026-11-26T14:00:00Z) or a date (2026-11-26)
                    malformed end | /api/packages/requests/hourly/version?end=2026-11-26T14 | end | end must be an ISO-8601 UTC hour (2026-11-26T14:00:00Z) or a date (2026-11-26)
                    not a whole hour | /api/packages/requests/hourly?start=2026-11-26T14:30:00Z | start | start must be a whole UTC hour: 2026-11-26T14:30:00Z is not
                    reversed range | /api/packages/__all__/hourly?start=2026-11-26T15:00Z&end=2026-11-26T14:00Z | start | start 2026-11-26T15:00:00Z is after end 2026-11-26T14:00:00Z
                    before the window | /api/packages/requests/hourly?start=2026-11-12T14:00:00Z | start | Hourly data reaches back 14 days, to 2026-11-12T15:00:00Z (pkgpulse.downloads.hourly-retention): start 2026-11-12T14:00:00Z is before it
                    day before the window | /api/packages/__all__/hourly/version?start=2026-11-12 | start | Hourly data reaches back 14 days, to 2026-11-12T15:00:00Z (pkgpulse.downloads.hourly-retention): start 2026-11-12T00:00:00Z is before it
                    end before the window | /api/packages/requests/hourly/version?end=2026-11-01T00:00Z | end | Hourly data reaches back 14 days, to 2026-11-12T15:00:00Z (pkgpulse.downloads.hourly-retention): end 2026-11-01T00:00:00Z is before it
                    end in the future | /api/packages/requests/hourly?end=2026-11-26T17:00:00Z | end | end 2026-11-26T17:00:00Z is more than an hour after the current hour, 2026-11-26T15:00:00Z
                    tomorrow as end | /api/packages/requests/hourly?end=2026-11-27 | end | end 2026-11-27T23:00:00Z is more than an hour after the current hour, 2026-11-26T15:00:00Z
                    over-long version | /api/packages/requests/hourly/version?version=%s | version | version must be 1 to 128 characters
                    control character | /api/packages/requests/hourly/version?version=1%00 | version | version must not contain control characters
                    mirrors not a boolean | /api/packages/requests/hourly?mirrors=perhaps | mirrors | mirrors must be true or false
                    """)
    void badParametersAreProblemDetailsThatNameTheParameter(String description, String path, String parameter,
            String detail) {
        JsonNode problem = problem(path.replace("%s", "1".repeat(129)), 400);

        assertThat(problem.get("type").asString()).as(description).isEqualTo("/problems/bad-parameter");
        assertThat(problem.get("title").asString()).isEqualTo("Bad parameter");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("parameter").asString()).isEqualTo(parameter);
        assertThat(problem.get("detail").asString()).isEqualTo(detail);
    }

    @Test
    void anUnknownPackageIsAProblem() {
        for (String path : List.of("/api/packages/no-such-package/hourly",
                "/api/packages/no-such-package/hourly/version")) {
            JsonNode problem = problem(path, 404);
            assertThat(problem.get("type").asString()).isEqualTo("/problems/unknown-package");
            assertThat(problem.get("title").asString()).isEqualTo("Unknown package");
            assertThat(problem.get("detail").asString()).isEqualTo("No package named 'no-such-package'");
        }
    }

    @Test
    void aPrivatePackageIsUnknownToOthersAndVisibleToItsMaintainers() {
        for (String series : List.of("hourly", "hourly/version")) {
            String path = "/api/packages/internal-tool/" + series + "?" + TODAY;
            String unknown = problem("/api/packages/no-such-package/" + series, 404).get("detail").asString();
            for (HttpResponse<String> hidden : List.of(api.get(path), api.get(path, "Cookie", stranger))) {
                assertThat(hidden.statusCode()).as(series).isEqualTo(404);
                assertThat(HttpApi.json(hidden).get("detail").asString())
                    .isEqualTo(unknown.replace("no-such-package", "internal-tool"));
            }
        }

        HttpResponse<String> overall = api.get("/api/packages/internal-tool/hourly?" + TODAY, "Cookie", maintainer);
        assertThat(overall.statusCode()).as(overall.body()).isEqualTo(200);
        assertThat(rows(HttpApi.json(overall))).containsExactly("2026-11-26T14:00:00Z with_mirrors 55",
                "2026-11-26T14:00:00Z without_mirrors 55");
        assertThat(overall.headers().firstValue("Cache-Control")).hasValue("no-cache, private");
        HttpResponse<String> versions = api.get("/api/packages/internal-tool/hourly/version?" + TODAY, "Cookie",
                maintainer);
        assertThat(rows(HttpApi.json(versions))).containsExactly("2026-11-26T14:00:00Z 1.0 50",
                "2026-11-26T14:00:00Z 7.0 5");
    }

    @Test
    void publicAnswersMustBeRevalidatedAndCarryAnETag() {
        for (String path : List.of("/api/packages/requests/hourly", "/api/packages/__all__/hourly/version")) {
            HttpResponse<String> first = api.get(path);
            String etag = first.headers().firstValue("ETag").orElseThrow();

            assertThat(first.headers().firstValue("Cache-Control")).as(path).hasValue("no-cache, public");
            assertThat(api.get(path, "If-None-Match", etag).statusCode()).as(path).isEqualTo(304);
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheHourlyEndpoints() {
        JsonNode paths = ok("/v3/api-docs").get("paths");

        for (String path : List.of("/api/packages/{package}/hourly", "/api/packages/{package}/hourly/version")) {
            JsonNode get = paths.path(path).path("get");
            assertThat(get.path("summary").asString()).as(path).isNotBlank();
            List<String> parameters = get.path("parameters").valueStream().map(p -> p.get("name").asString()).toList();
            assertThat(parameters).as(path).containsAll(List.of("package", "mirrors", "start", "end"));
            get.path("parameters").forEach(p -> {
                assertThat(p.path("description").asString()).as(path + " " + p).isNotBlank();
                assertThat(p.path("example").isMissingNode()).as(path + " " + p).isFalse();
            });
            assertThat(get.path("responses").propertyNames()).as(path).contains("200", "400", "404");
            for (String status : List.of("400", "404")) {
                assertThat(get.path("responses").path(status).path("content").propertyNames()).as(path + " " + status)
                    .containsExactly("application/problem+json");
            }
        }
        assertThat(paths.path("/api/packages/{package}/hourly/version")
            .path("get")
            .path("parameters")
            .valueStream()
            .map(p -> p.get("name").asString())).contains("version");
    }

    private JsonNode ok(String path) {
        HttpResponse<String> response = api.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return HttpApi.json(response);
    }

    private JsonNode problem(String path, int status) {
        HttpResponse<String> response = api.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).get()
            .asString()
            .startsWith("application/problem+json");
        return HttpApi.json(response);
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private static List<String> rows(JsonNode body) {
        return body.get("data")
            .valueStream()
            .map(row -> row.get("hour").asString() + " " + row.get("category").asString() + " "
                    + row.get("downloads").asLong())
            .toList();
    }

    private static Instant hour(String utc) {
        return Instant.parse(utc + ":00Z");
    }

    /**
     * Signs up and in over HTTP, as a browser would; the session cookie to send with
     * requests.
     */
    private String signIn(String name, String email) throws IOException, InterruptedException {
        String account = AccountsFixture
            .json(Map.of("name", name, "email", email, "password", AccountsFixture.PASSWORD));
        assertThat(post("/api/auth/signup", account).statusCode()).isEqualTo(201);
        HttpResponse<String> login = post("/api/auth/login", account);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return login.headers()
            .allValues("Set-Cookie")
            .stream()
            .map(cookie -> cookie.split(";", 2)[0])
            .filter(cookie -> cookie.startsWith("JSESSIONID="))
            .findFirst()
            .orElseThrow();
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

}
