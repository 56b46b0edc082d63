package io.pkgpulse.reporting.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
 * The filter parameters of the category series, one test each, over real HTTP: every
 * spelling a user may type finds the stored category (pypistats.org title-cases
 * {@code os} and {@code version}; here case never matters), a value that matches nothing
 * is an empty series as on pypistats.org, and a value that cannot be one is a problem
 * naming the parameter.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "pkgpulse.ratelimit.enabled=false")
@Import(TestInfrastructure.class)
class CategoryFilterTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ChangeClock changes;

    @Autowired
    Clock clock;

    HttpApi api;

    LocalDate yesterday;

    LocalDate twoDaysAgo;

    long zope;

    /**
     * Categories as the ingest worker stores them (ingest-worker's Categories):
     * pypistats' spellings, and 'null'.
     */
    @BeforeEach
    void seed() {
        api = new HttpApi(port);
        yesterday = LocalDate.now(clock).minusDays(1);
        twoDaysAgo = yesterday.minusDays(1);
        RollupSeed seed = new RollupSeed(jdbc, changes);
        seed.truncate();
        zope = seed.pkg("zope.interface");
        seed.downloads(zope, seed.release(zope, "7.0"), yesterday, false, 230);
        seed.category(zope, Dimension.SYSTEM, twoDaysAgo, "Linux", false, 40);
        seed.category(zope, Dimension.SYSTEM, yesterday, "Linux", false, 150);
        seed.category(zope, Dimension.SYSTEM, yesterday, "Windows", false, 55);
        seed.category(zope, Dimension.SYSTEM, yesterday, "Darwin", false, 20);
        seed.category(zope, Dimension.SYSTEM, yesterday, "other", false, 3);
        seed.category(zope, Dimension.SYSTEM, yesterday, "null", false, 2);
        seed.category(zope, Dimension.PYTHON_MAJOR, yesterday, "3", false, 200);
        seed.category(zope, Dimension.PYTHON_MAJOR, yesterday, "2", false, 5);
        seed.category(zope, Dimension.PYTHON_MAJOR, yesterday, "null", false, 25);
        seed.category(zope, Dimension.PYTHON_MINOR, yesterday, "3.1", false, 1);
        seed.category(zope, Dimension.PYTHON_MINOR, yesterday, "3.10", false, 30);
        seed.category(zope, Dimension.PYTHON_MINOR, yesterday, "3.12", false, 169);
        seed.category(zope, Dimension.PYTHON_MINOR, yesterday, "null", false, 30);
        seed.category(zope, Dimension.INSTALLER, yesterday, "pip", false, 150);
        seed.category(zope, Dimension.INSTALLER, yesterday, "uv", false, 30);
        seed.category(zope, Dimension.INSTALLER, yesterday, "Browser", false, 20);
        seed.category(zope, Dimension.INSTALLER, yesterday, "Ärger", false, 1);
        seed.category(zope, Dimension.INSTALLER, yesterday, "null", false, 29);
        seed.category(zope, Dimension.INSTALLER, yesterday, "bandersnatch", true, 40);
        seed.category(zope, Dimension.COUNTRY, yesterday, "DE", false, 120);
        seed.category(zope, Dimension.COUNTRY, yesterday, "US", false, 105);
        seed.category(zope, Dimension.COUNTRY, yesterday, "null", false, 5);
        seed.category(zope, Dimension.FILE_TYPE, yesterday, "bdist_wheel", false, 205);
        seed.category(zope, Dimension.FILE_TYPE, yesterday, "sdist", false, 25);
        seed.category(zope, Dimension.CI, yesterday, "true", false, 5);
        seed.category(zope, Dimension.CI, yesterday, "false", false, 215);
        seed.category(zope, Dimension.CI, yesterday, "null", false, 10);
    }

    @Test
    void osIsMatchedInAnyCase() {
        String range = "?start_date=" + twoDaysAgo + "&os=";
        for (String os : List.of("linux", "LINUX", "Linux", "lInUx")) {
            assertThat(rows("/api/packages/zope-interface/system" + range + os)).as(os)
                .containsExactly(twoDaysAgo + " Linux 40", yesterday + " Linux 150");
        }
        // What the pypistats command line suggests (windows, linux, darwin or other), and
        // how it sends it ("?&os=").
        assertThat(rows("/api/packages/zope-interface/system?&os=windows")).containsExactly(yesterday + " Windows 55");
        for (String os : List.of("darwin", "DARWIN", "Darwin")) {
            assertThat(rows("/api/packages/zope-interface/system?os=" + os)).as(os)
                .containsExactly(yesterday + " Darwin 20");
        }
        // pypistats.org stores these two in lower case too, but title-casing (Other,
        // Null) never finds them.
        for (String os : List.of("other", "Other", "OTHER")) {
            assertThat(rows("/api/packages/zope-interface/system?os=" + os)).as(os)
                .containsExactly(yesterday + " other 3");
        }
        assertThat(rows("/api/packages/zope-interface/system?os=Null")).containsExactly(yesterday + " null 2");
        assertThat(rows("/api/packages/__all__/system?os=linux&start_date=" + yesterday))
            .containsExactly(yesterday + " Linux 150");
        // A system the worker counts under "other" is not a category of its own, as on
        // pypistats.org: no rows.
        JsonNode none = ok("/api/packages/zope-interface/system?os=FreeBSD");
        assertThat(none.get("type").asString()).isEqualTo("system_downloads");
        assertThat(rows(none)).isEmpty();
        assertThat(api.get("/api/packages/zope-interface/system?os=linux&format=csv").body())
            .isEqualTo("date,category,downloads\r\n" + twoDaysAgo + ",Linux,40\r\n" + yesterday + ",Linux,150\r\n");
    }

    @Test
    void pythonVersionsAreMatchedAsWritten() {
        assertThat(rows("/api/packages/zope-interface/python_major?version=3")).containsExactly(yesterday + " 3 200");
        assertThat(rows("/api/packages/zope-interface/python_major?version=2")).containsExactly(yesterday + " 2 5");
        assertThat(rows("/api/packages/zope-interface/python_minor?version=3.10"))
            .containsExactly(yesterday + " 3.10 30");
        assertThat(rows("/api/packages/zope-interface/python_minor?version=3.1")).containsExactly(yesterday + " 3.1 1");
        // A micro version is not a minor category, and a major one not a minor one: no
        // rows, as on pypistats.org.
        assertThat(rows("/api/packages/zope-interface/python_minor?version=3.12.1")).isEmpty();
        assertThat(rows("/api/packages/zope-interface/python_minor?version=3")).isEmpty();
        for (String unknown : List.of("null", "NULL", "Null")) {
            assertThat(rows("/api/packages/zope-interface/python_minor?version=" + unknown)).as(unknown)
                .containsExactly(yesterday + " null 30");
        }
        assertThat(rows("/api/packages/zope-interface/python_major?version=null"))
            .containsExactly(yesterday + " null 25");
    }

    @Test
    void installerIsMatchedInAnyCase() {
        for (String installer : List.of("pip", "PIP", "Pip")) {
            assertThat(rows("/api/packages/zope-interface/installer?installer=" + installer)).as(installer)
                .containsExactly(yesterday + " pip 150");
        }
        for (String installer : List.of("browser", "BROWSER", "Browser")) {
            assertThat(rows("/api/packages/zope-interface/installer?installer=" + installer)).as(installer)
                .containsExactly(yesterday + " Browser 20");
        }
        assertThat(rows("/api/packages/zope-interface/installer?installer=UV")).containsExactly(yesterday + " uv 30");
        // Mirrors are left out unless mirrors=true, whatever the filter says.
        assertThat(rows("/api/packages/zope-interface/installer?installer=Bandersnatch")).isEmpty();
        assertThat(rows("/api/packages/zope-interface/installer?installer=Bandersnatch&mirrors=true"))
            .containsExactly(yesterday + " bandersnatch 40");
        assertThat(rows("/api/packages/zope-interface/installer?installer=easy_install")).isEmpty();
        // Only A to Z are compared without regard to case, in the API as in the query.
        assertThat(rows("/api/packages/zope-interface/installer?installer=%C3%84RGER"))
            .containsExactly(yesterday + " Ärger 1");
        assertThat(rows("/api/packages/zope-interface/installer?installer=%C3%A4rger")).isEmpty();
    }

    @Test
    void countryCodeIsMatchedInAnyCase() {
        for (String country : List.of("de", "DE", "De")) {
            assertThat(rows("/api/packages/zope-interface/country?country=" + country)).as(country)
                .containsExactly(yesterday + " DE 120");
        }
        assertThat(rows("/api/packages/zope-interface/country?country=null")).containsExactly(yesterday + " null 5");
        assertThat(rows("/api/packages/zope-interface/country?country=fr")).isEmpty();
    }

    @Test
    void fileTypeIsMatchedInAnyCase() {
        for (String type : List.of("bdist_wheel", "BDIST_WHEEL", "Bdist_Wheel")) {
            assertThat(rows("/api/packages/zope-interface/file_type?type=" + type)).as(type)
                .containsExactly(yesterday + " bdist_wheel 205");
        }
        assertThat(rows("/api/packages/zope-interface/file_type?type=SDist")).containsExactly(yesterday + " sdist 25");
        assertThat(rows("/api/packages/zope-interface/file_type?type=bdist_egg")).isEmpty();
    }

    @Test
    void ciIsTrueFalseOrNullInAnyCase() {
        for (String ci : List.of("true", "TRUE", "True")) {
            assertThat(rows("/api/packages/zope-interface/ci?ci=" + ci)).as(ci).containsExactly(yesterday + " true 5");
        }
        for (String ci : List.of("false", "FALSE", "False")) {
            assertThat(rows("/api/packages/zope-interface/ci?ci=" + ci)).as(ci)
                .containsExactly(yesterday + " false 215");
        }
        assertThat(rows("/api/packages/zope-interface/ci?ci=NULL")).containsExactly(yesterday + " null 10");
        for (String ci : List.of("yes", "1", "maybe")) {
            JsonNode problem = problem("/api/packages/zope-interface/ci?ci=" + ci);
            assertThat(problem.get("parameter").asString()).as(ci).isEqualTo("ci");
            assertThat(problem.get("detail").asString()).isEqualTo("ci must be true, false or null");
        }
    }

    @Test
    void aFilterThatCannotBeACategoryIsAProblemNamingItsParameter() {
        assertThat(problem("/api/packages/zope-interface/system?os=" + "L".repeat(129)).get("parameter").asString())
            .isEqualTo("os");
        assertThat(problem("/api/packages/zope-interface/file_type?type=").get("parameter").asString())
            .isEqualTo("type");
        assertThat(problem("/api/packages/zope-interface/python_minor?version=3.1%01").get("parameter").asString())
            .isEqualTo("version");
        assertThat(problem("/api/packages/zope-interface/installer?installer=%20").get("parameter").asString())
            .isEqualTo("installer");
    }

    /**
     * The spellings of one filter are one series in the API's memory, and a worker's
     * commit refreshes every spelling: rows changed without a notification are not seen
     * (which shows where an answer came from), until one arrives.
     */
    @Test
    void theSpellingsOfAFilterShareOneCachedSeriesAndAllSeeTheNextCommit() {
        assertThat(rows("/api/packages/zope-interface/system?os=linux")).containsExactly(twoDaysAgo + " Linux 40",
                yesterday + " Linux 150");
        jdbc.update("UPDATE daily_category_downloads SET downloads = downloads + 1000 WHERE category = 'Linux'");

        // Another query string, so not the same HTTP answer: the series cut from the
        // entry that os=linux filled.
        assertThat(rows("/api/packages/zope-interface/system?os=LINUX")).containsExactly(twoDaysAgo + " Linux 40",
                yesterday + " Linux 150");

        WorkerCommits.announce(jdbc, changes, yesterday, zope);
        for (String os : List.of("linux", "LINUX", "Linux")) {
            assertThat(rows("/api/packages/zope-interface/system?os=" + os)).as(os)
                .containsExactly(twoDaysAgo + " Linux 1040", yesterday + " Linux 1150");
        }
    }

    private List<String> rows(String path) {
        return rows(ok(path));
    }

    private JsonNode ok(String path) {
        HttpResponse<String> response = api.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return HttpApi.json(response);
    }

    private JsonNode problem(String path) {
        HttpResponse<String> response = api.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).get()
            .asString()
            .startsWith("application/problem+json");
        JsonNode problem = HttpApi.json(response);
        assertThat(problem.get("type").asString()).isEqualTo("/problems/bad-parameter");
        return problem;
    }

    private static List<String> rows(JsonNode body) {
        return body.get("data")
            .valueStream()
            .map(row -> row.get("date").asString() + " " + row.get("category").asString() + " "
                    + row.get("downloads").asLong())
            .toList();
    }

}
