package io.pkgpulse.reporting.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import io.pkgpulse.model.rollups.Dimension;
import io.pkgpulse.reporting.changes.ChangeClock;
import io.pkgpulse.testsupport.TestInfrastructure;

/**
 * The dashboard's pages over real HTTP, as a browser receives them: status codes, error
 * pages instead of problem details, redirects, escaping, headers, the empty state, and
 * how long the package page takes to render.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "pkgpulse.ratelimit.enabled=false")
@Import(TestInfrastructure.class)
class DashboardPagesTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ChangeClock changes;

    @Autowired
    Clock clock;

    final HttpClient http = HttpClient.newHttpClient();

    DashboardSeed seed;

    LocalDate today;

    @BeforeEach
    void seed() {
        today = LocalDate.now(clock);
        seed = new DashboardSeed(jdbc, changes, today).truncate().standard(clock.instant().minusSeconds(4));
    }

    @Test
    void homePageIsHtmlWithTotalsTopPackagesAndFreshness() {
        HttpResponse<String> home = get("/");

        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(home.headers().firstValue("Content-Security-Policy"))
            .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe"));
        String body = home.body();
        assertThat(body).contains("Last batch stored")
            .contains("s ago")
            .contains("Newest day with downloads")
            .contains(today.toString())
            .contains("href=\"/packages/dash-alpha\"")
            .contains("href=\"/packages/pulse-demo\"")
            .contains("href=\"/swagger-ui.html\"")
            .contains("action=\"/packages\"")
            .doesNotContain("dash-secret");
    }

    @Test
    void homePageSaysPlainlyWhenNothingWasIngested() {
        seed.truncate();

        String body = get("/").body();

        assertThat(body).contains("Nothing has been ingested yet")
            .contains("No downloads recorded today")
            .doesNotContain("Last batch stored");
    }

    @Test
    void searchGoesToTheNormalizedPackagePage() {
        HttpResponse<String> found = get("/packages?q=" + URLEncoder.encode("  Dash_Alpha ", StandardCharsets.UTF_8));
        assertThat(found.statusCode()).isEqualTo(302);
        assertThat(found.headers().firstValue("Location"))
            .hasValueSatisfying(location -> assertThat(location).endsWith("/packages/dash-alpha"));

        HttpResponse<String> invalid = get(
                "/packages?q=" + URLEncoder.encode("<b>no such</b>", StandardCharsets.UTF_8));
        assertThat(invalid.statusCode()).isEqualTo(404);
        assertThat(invalid.body()).contains("Package not found")
            .contains("&lt;b&gt;no such&lt;/b&gt;")
            .doesNotContain("<b>no such");

        assertThat(get("/packages").headers().firstValue("Location"))
            .hasValueSatisfying(location -> assertThat(location).endsWith("/"));
        assertThat(get("/packages?q=").headers().firstValue("Location"))
            .hasValueSatisfying(location -> assertThat(location).endsWith("/"));
    }

    @Test
    void anySpellingRedirectsToTheCanonicalPageKeepingTheParameters() {
        HttpResponse<String> response = get("/packages/DASH.alpha?mirrors=true&start_date=" + today.minusDays(3));

        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
            .endsWith("/packages/dash-alpha?start_date=" + today.minusDays(3) + "&mirrors=true"));
    }

    @Test
    void packagePageHasTheNumbersChartDataAndTables() {
        HttpResponse<String> page = get("/packages/dash-alpha");

        assertThat(page.statusCode()).isEqualTo(200);
        String body = page.body();
        assertThat(body).contains("<h1 id=\"package-name\">Dash_Alpha</h1>")
            .contains("Alpha does the first thing")
            .contains("href=\"https://example.org/alpha\"")
            .contains("MIT License (MIT)")
            .contains("<canvas id=\"chart-daily\"")
            .contains("<canvas id=\"chart-versions\"")
            .contains("<canvas id=\"chart-python-minor\"")
            .contains("<canvas id=\"chart-system\"")
            .contains("<canvas id=\"chart-installer\"")
            .contains("<script type=\"application/json\" id=\"dashboard-data\">")
            .containsPattern("src=\"/webjars/chart\\.js/[0-9.]+/dist/chart\\.umd\\.min\\.js\"")
            .contains("/dashboard/dashboard.js")
            .contains("id=\"table-daily\"")
            .contains("/api/packages/dash-alpha/python_minor?start_date=");
    }

    @Test
    void unknownAndPrivatePackagesGetTheSame404Page() {
        HttpResponse<String> unknown = get("/packages/dash-nothing");
        HttpResponse<String> hidden = get("/packages/dash-secret");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(hidden.body().replace("dash-secret", "NAME"))
            .isEqualTo(unknown.body().replace("dash-nothing", "NAME"));
        assertThat(hidden.body()).contains("Package not found").doesNotContain("Hidden");
    }

    @Test
    void namesThatAreNotNamesAreEscapedOn404Pages() {
        HttpResponse<String> page = get("/packages/"
                + URLEncoder.encode("<img src=x onerror=alert(1)>", StandardCharsets.UTF_8).replace("+", "%20"));

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img src=x");
    }

    @Test
    void invalidDatesOrMirrorsAreA400PageThatSaysWhatToFix() {
        HttpResponse<String> reversed = get(
                "/packages/dash-alpha?start_date=" + today + "&end_date=" + today.minusDays(5));
        assertThat(reversed.statusCode()).isEqualTo(400);
        assertThat(reversed.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(reversed.body()).contains("These dates cannot be shown")
            .contains("start_date " + today + " is after end_date " + today.minusDays(5))
            .doesNotContain("Exception")
            .doesNotContain("<canvas");

        HttpResponse<String> malformed = get("/packages/dash-alpha?start_date=yesterday");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("start_date must be an ISO date (YYYY-MM-DD)")
            .contains("value=\"yesterday\"");

        HttpResponse<String> future = get("/packages/dash-alpha?end_date=" + today.plusDays(5));
        assertThat(future.statusCode()).isEqualTo(400);

        HttpResponse<String> mirrors = get("/packages/dash-alpha?mirrors=maybe");
        assertThat(mirrors.statusCode()).isEqualTo(400);
        assertThat(mirrors.body()).contains("mirrors must be true or false");
    }

    @Test
    void dataFromTheDatabaseCannotBreakOutOfThePage() {
        long evil = seed.pkg("dash-evil", "<img src=x onerror=alert(1)>", "javascript:alert(1)", null, false);
        jdbc.update("INSERT INTO daily_downloads VALUES (?, ?, false, 7)", evil, today);
        jdbc.update("INSERT INTO daily_category_downloads VALUES (?, ?, ?, '</script><script>alert(2)//', false, 7)",
                evil, Dimension.INSTALLER.code(), today);

        String body = get("/packages/dash-evil").body();

        assertThat(body).contains("&lt;img src=x onerror=alert(1)&gt;")
            .doesNotContain("<img src=x")
            .doesNotContain("javascript:alert")
            .doesNotContain("<script>alert(2)")
            .contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(2)//");
    }

    @Test
    void chartJsAndTheDashboardAssetsAreServedByTheApplication() {
        HttpResponse<String> chartJs = get("/webjars/chart.js/dist/chart.umd.min.js");
        assertThat(chartJs.statusCode()).isEqualTo(200);
        assertThat(chartJs.body()).contains("Chart.js v4");
        assertThat(get("/dashboard/dashboard.js").statusCode()).isEqualTo(200);
        assertThat(get("/dashboard/dashboard.css").statusCode()).isEqualTo(200);
        assertThat(get("/dashboard/favicon.svg").statusCode()).isEqualTo(200);
    }

    @Test
    void browsersGetAnErrorPageNotAStackTraceFromSpringBootsErrorView() {
        HttpResponse<String> error = get("/error");

        assertThat(error.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(error.body()).contains("Back to the overview")
            .doesNotContain("Whitelabel")
            .doesNotContain("Exception");
    }

    /**
     * Server time for the package page of {@value DashboardSeed#DEMO} (180 days, 10
     * versions): logged and bounded.
     */
    @Test
    void packagePageRendersFast() throws IOException {
        for (int i = 0; i < 10; i++) {
            assertThat(get("/packages/pulse-demo").statusCode()).isEqualTo(200);
        }
        List<Double> millis = new ArrayList<>();
        int size = 0;
        for (int i = 0; i < 40; i++) {
            long start = System.nanoTime();
            HttpResponse<String> page = get("/packages/pulse-demo");
            millis.add((System.nanoTime() - start) / 1e6);
            size = page.body().length();
        }
        Collections.sort(millis);
        double median = millis.get(millis.size() / 2);
        double p95 = millis.get((int) (millis.size() * 0.95) - 1);
        String report = String.format(java.util.Locale.ROOT,
                "GET /packages/pulse-demo (180 days, 11 versions, 7 charts, %d characters): median %.1f ms, p95 %.1f ms,"
                        + " max %.1f ms over %d requests%n",
                size, median, p95, millis.get(millis.size() - 1), millis.size());
        System.out.print(report);
        Files.writeString(Path.of("target", "dashboard-timing.txt"), report);
        assertThat(median).isLessThan(500);
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                .build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

}
