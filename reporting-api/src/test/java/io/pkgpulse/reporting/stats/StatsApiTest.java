package io.pkgpulse.reporting.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;

import io.pkgpulse.model.rollups.Dimension;
import io.pkgpulse.reporting.HttpApi;
import io.pkgpulse.reporting.RollupSeed;
import io.pkgpulse.reporting.WorkerCommits;
import io.pkgpulse.reporting.changes.ChangeClock;
import io.pkgpulse.testsupport.TestInfrastructure;

/**
 * The stats endpoints over real HTTP: pypistats' shapes, the extra series, parameters,
 * errors, CSV and caching.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "pkgpulse.ratelimit.enabled=false")
@Import(TestInfrastructure.class)
class StatsApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ChangeClock changes;

    @Autowired
    Clock clock;

    HttpApi api;

    LocalDate today;

    LocalDate yesterday;

    LocalDate twoDaysAgo;

    @BeforeEach
    void seed() {
        api = new HttpApi(port);
        today = LocalDate.now(clock);
        yesterday = today.minusDays(1);
        twoDaysAgo = today.minusDays(2);
        RollupSeed seed = new RollupSeed(jdbc, changes);
        seed.truncate();
        long zope = seed.pkg("Zope.Interface");
        long v6 = seed.release(zope, "6.4");
        long v7 = seed.release(zope, "7.0");
        long v7rc = seed.release(zope, "7.0rc1");
        seed.downloads(zope, v6, twoDaysAgo, false, 100);
        seed.downloads(zope, v7, twoDaysAgo, true, 10);
        seed.downloads(zope, v7, yesterday, false, 200);
        seed.downloads(zope, v7rc, yesterday, false, 5);
        seed.downloads(zope, v7, today, false, 7);
        seed.category(zope, Dimension.PYTHON_MINOR, twoDaysAgo, "3.12", false, 60);
        seed.category(zope, Dimension.PYTHON_MINOR, twoDaysAgo, "3.11", false, 40);
        seed.category(zope, Dimension.PYTHON_MINOR, twoDaysAgo, "3.12", true, 10);
        seed.category(zope, Dimension.PYTHON_MAJOR, yesterday, "3", false, 205);
        seed.category(zope, Dimension.SYSTEM, yesterday, "Linux", false, 150);
        seed.category(zope, Dimension.SYSTEM, yesterday, "Windows", false, 55);
        seed.category(zope, Dimension.INSTALLER, yesterday, "pip", false, 205);
        seed.category(zope, Dimension.COUNTRY, yesterday, "DE", false, 205);
        seed.category(zope, Dimension.FILE_TYPE, yesterday, "bdist_wheel", false, 205);
        seed.category(zope, Dimension.CI, yesterday, "true", false, 5);
        long requests = seed.pkg("requests");
        seed.downloads(requests, seed.release(requests, "2.32.3"), yesterday, false, 1000);
        long hidden = seed.pkg("internal-tool");
        seed.downloads(hidden, seed.release(hidden, "1.0"), yesterday, false, 5000);
        jdbc.update("UPDATE packages SET is_private = true WHERE id = ?", hidden);
    }

    @Test
    void overallHasPypistatsShapeWithAndWithoutMirrorsPerDay() {
        JsonNode body = ok("/api/packages/zope.interface/overall?start_date=" + twoDaysAgo);

        assertThat(body.get("package").asString()).isEqualTo("zope-interface");
        assertThat(body.get("type").asString()).isEqualTo("overall_downloads");
        assertThat(rows(body)).containsExactly(twoDaysAgo + " with_mirrors 110", twoDaysAgo + " without_mirrors 100",
                yesterday + " with_mirrors 205", yesterday + " without_mirrors 205", today + " with_mirrors 7",
                today + " without_mirrors 7");
        assertThat(rows(ok("/api/packages/zope.interface/overall?mirrors=true&start_date=" + twoDaysAgo + "&end_date="
                + twoDaysAgo)))
            .containsExactly(twoDaysAgo + " with_mirrors 110");
        assertThat(rows(ok("/api/packages/zope.interface/overall?mirrors=false&start_date=" + twoDaysAgo + "&end_date="
                + twoDaysAgo)))
            .containsExactly(twoDaysAgo + " without_mirrors 100");
    }

    @Test
    void packageNamesAreMatchedAfterPep503Normalisation() {
        assertThat(ok("/api/packages/ZOPE_interface/overall").get("package").asString()).isEqualTo("zope-interface");
        assertThat(ok("/api/packages/Zope--Interface/recent").get("package").asString()).isEqualTo("zope-interface");
    }

    @Test
    void recentIsYesterdayTheLastWeekAndTheLastMonthWithoutMirrors() {
        JsonNode body = ok("/api/packages/zope-interface/recent");

        assertThat(body.get("type").asString()).isEqualTo("recent_downloads");
        assertThat(body.get("data").get("last_day").asLong()).isEqualTo(205);
        assertThat(body.get("data").get("last_week").asLong()).isEqualTo(305);
        assertThat(body.get("data").get("last_month").asLong()).isEqualTo(305);
        assertThat(names(ok("/api/packages/zope-interface/recent?period=week").get("data")))
            .containsExactly("last_week");
        assertThat(ok("/api/packages/zope-interface/recent?period=week&mirrors=true").get("data")
            .get("last_week")
            .asLong()).isEqualTo(315);
    }

    @Test
    void categorySeriesCountWithoutMirrorsAndFilterByCategory() {
        String range = "?start_date=" + twoDaysAgo;
        assertThat(rows(ok("/api/packages/zope-interface/python_minor" + range)))
            .containsExactly(twoDaysAgo + " 3.11 40", twoDaysAgo + " 3.12 60");
        assertThat(rows(ok("/api/packages/zope-interface/python_minor" + range + "&mirrors=true")))
            .containsExactly(twoDaysAgo + " 3.11 40", twoDaysAgo + " 3.12 70");
        assertThat(rows(ok("/api/packages/zope-interface/python_minor" + range + "&version=3.12")))
            .containsExactly(twoDaysAgo + " 3.12 60");
        assertThat(ok("/api/packages/zope-interface/python_major").get("type").asString())
            .isEqualTo("python_major_downloads");
        assertThat(rows(ok("/api/packages/zope-interface/system?os=Linux"))).containsExactly(yesterday + " Linux 150");
        assertThat(rows(ok("/api/packages/zope-interface/installer"))).containsExactly(yesterday + " pip 205");
        assertThat(rows(ok("/api/packages/zope-interface/country?country=de"))).containsExactly(yesterday + " DE 205");
        assertThat(rows(ok("/api/packages/zope-interface/file_type?type=bdist_wheel")))
            .containsExactly(yesterday + " bdist_wheel 205");
        assertThat(rows(ok("/api/packages/zope-interface/ci?ci=true"))).containsExactly(yesterday + " true 5");
    }

    @Test
    void versionSeriesAndTotalsAreInVersionOrder() {
        assertThat(rows(ok("/api/packages/zope-interface/version?start_date=" + yesterday + "&end_date=" + yesterday)))
            .containsExactly(yesterday + " 7.0rc1 5", yesterday + " 7.0 200");
        JsonNode totals = ok("/api/packages/zope-interface/version_totals");
        assertThat(totals.get("data")
            .valueStream()
            .map(v -> v.get("version").asString() + " " + v.get("downloads").asLong())
            .toList()).containsExactly("6.4 100", "7.0rc1 5", "7.0 207");
        JsonNode total = ok("/api/packages/zope-interface/total");
        assertThat(total.get("data").get("with_mirrors").asLong()).isEqualTo(322);
        assertThat(total.get("data").get("without_mirrors").asLong()).isEqualTo(312);
    }

    @Test
    void allPackagesAreTheTotalsOfPrivateAndPublicPackages() {
        assertThat(rows(
                ok("/api/packages/__all__/overall?mirrors=false&start_date=" + yesterday + "&end_date=" + yesterday)))
            .containsExactly(yesterday + " without_mirrors 6205");
        assertThat(rows(ok("/api/packages/__all__/system?start_date=" + yesterday)))
            .containsExactly(yesterday + " Linux 150", yesterday + " Windows 55");
        assertThat(problem("/api/packages/__all__/version", 400).get("parameter").asString()).isEqualTo("package");
    }

    @Test
    void topPackagesOfADayLeaveOutPrivatePackages() {
        JsonNode top = ok("/api/stats/top?date=" + yesterday + "&limit=2");

        assertThat(top.get("data")
            .valueStream()
            .map(e -> e.get("name").asString() + " " + e.get("downloads").asLong())
            .toList()).containsExactly("requests 1000", "zope-interface 205");
    }

    @Test
    void privatePackagesAreUnknownToAnonymousCallers() {
        JsonNode problem = problem("/api/packages/internal-tool/overall", 404);
        assertThat(problem.get("detail").asString())
            .isEqualTo(problem("/api/packages/no-such-package/overall", 404).get("detail")
                .asString()
                .replace("no-such-package", "internal-tool"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|',
            textBlock = """
                    unknown package            | /api/packages/no-such-package/overall                          | 404 | /problems/unknown-package
                    invalid package name       | /api/packages/x'%20OR%20'1'='1/overall                       | 404 | /problems/unknown-package
                    reversed range             | /api/packages/requests/overall?start_date=2026-02-01&end_date=2026-01-01 | 400 | /problems/bad-parameter
                    malformed date             | /api/packages/requests/overall?start_date=yesterday           | 400 | /problems/bad-parameter
                    before 2000                | /api/packages/requests/overall?start_date=1999-12-31          | 400 | /problems/bad-parameter
                    too long a range           | /api/packages/requests/overall?start_date=2000-01-01&end_date=2026-01-01 | 400 | /problems/bad-parameter
                    bad period                 | /api/packages/requests/recent?period=year                      | 400 | /problems/bad-parameter
                    bad ci                     | /api/packages/requests/ci?ci=maybe                             | 400 | /problems/bad-parameter
                    over-long filter           | /api/packages/requests/system?os=%s                            | 400 | /problems/bad-parameter
                    bad limit                  | /api/stats/top?limit=1000                                      | 400 | /problems/bad-parameter
                    """)
    void errorsAreProblemDetails(String description, String path, int status, String type) {
        JsonNode problem = problem(path.replace("%s", "L".repeat(300)), status);

        assertThat(problem.get("type").asString()).as(description).isEqualTo(type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).isNotBlank();
    }

    @Test
    void aBooleanParameterThatIsNotABooleanIsABadRequest() {
        assertThat(problem("/api/packages/requests/overall?mirrors=perhaps", 400).get("status").asInt()).isEqualTo(400);
    }

    @Test
    void seriesComeAsCsvWithAcceptOrFormat() {
        String path = "/api/packages/zope-interface/python_minor?start_date=" + twoDaysAgo + "&end_date=" + twoDaysAgo;
        HttpResponse<String> byHeader = api.get(path, "Accept", "text/csv");
        HttpResponse<String> byParameter = api.get(path + "&format=csv");

        for (HttpResponse<String> csv : List.of(byHeader, byParameter)) {
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type")).get().asString().startsWith("text/csv");
            assertThat(csv.body())
                .isEqualTo("date,category,downloads\r\n" + twoDaysAgo + ",3.11,40\r\n" + twoDaysAgo + ",3.12,60\r\n");
        }
        assertThat(api.get("/api/packages/zope-interface/recent?format=csv").body())
            .isEqualTo("last_day,last_week,last_month\r\n205,305,305\r\n");
    }

    @Test
    void responsesCarryAnETagThatRevalidatesAndACacheLifetime() {
        HttpResponse<String> first = api.get("/api/packages/requests/overall");
        String etag = first.headers().firstValue("ETag").orElseThrow();

        // Today is not over: revalidate every time. Completed days: cache for an hour.
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache, public");
        assertThat(api.get("/api/packages/requests/overall?end_date=" + today.minusDays(1))
            .headers()
            .firstValue("Cache-Control")).hasValue("max-age=3600, public");
        assertThat(api.get("/api/packages/requests/overall", "If-None-Match", etag).statusCode()).isEqualTo(304);
        long requests = jdbc.queryForObject("SELECT id FROM packages WHERE name = 'requests'", Long.class);
        new RollupSeed(jdbc, changes).downloads(requests,
                jdbc.queryForObject("SELECT id FROM releases WHERE version = '2.32.3'", Long.class), today, false, 1);
        WorkerCommits.announce(jdbc, changes, today, requests);
        assertThat(api.get("/api/packages/requests/overall", "If-None-Match", etag).statusCode())
            .as("new downloads change the ETag")
            .isEqualTo(200);
    }

    @Test
    void theOpenApiDocumentDescribesTheStatsEndpoints() {
        JsonNode doc = ok("/v3/api-docs");

        assertThat(names(doc.get("paths"))).contains("/api/packages/{package}/overall",
                "/api/packages/{package}/recent", "/api/stats/top", "/badge/{package}.svg");
        assertThat(api.get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
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

    private static List<String> rows(JsonNode body) {
        return body.get("data")
            .valueStream()
            .map(row -> row.get("date").asString() + " " + row.get("category").asString() + " "
                    + row.get("downloads").asLong())
            .toList();
    }

    private static List<String> names(JsonNode object) {
        return object.propertyNames().stream().toList();
    }

}
