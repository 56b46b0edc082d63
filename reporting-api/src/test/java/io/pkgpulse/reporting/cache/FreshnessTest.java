package io.pkgpulse.reporting.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import io.pkgpulse.reporting.WorkerCommits;
import io.pkgpulse.reporting.accounts.AccountsFixture;
import io.pkgpulse.reporting.accounts.AccountsIntegrationTest;
import io.pkgpulse.reporting.changes.ChangeClock;

/**
 * With the caches on (the default), a count the worker changed is in the very next answer
 * on every path once its notification has arrived; answers nothing changed are served
 * from memory; clients get validators and revalidate cheaply; a lost notification
 * connection leaves answers stale for at most the documented bound.
 */
@AccountsIntegrationTest
class FreshnessTest {

    /**
     * pkgpulse.changes.check-interval + timeout, the documented bound on staleness after
     * a lost connection.
     */
    private static final Duration STALENESS_BOUND = Duration.ofSeconds(3);

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ChangeClock changes;

    static int run;

    AccountsFixture fixture;

    String name;

    long pkg;

    LocalDate today = LocalDate.now(ZoneOffset.UTC);

    LocalDate yesterday = today.minusDays(1);

    @BeforeEach
    void aPackageWithDownloadsTodayAndYesterday() {
        fixture = new AccountsFixture(mvc, jdbc);
        fixture.clean();
        name = "fresh-" + ++run;
        pkg = fixture.pkg(name, false);
        fixture.downloads(pkg, yesterday, 7);
        fixture.downloads(pkg, today, 5);
    }

    @Test
    void aCountTheWorkerChangedIsInTheVeryNextAnswerOnEveryPath() throws Exception {
        String json = "/api/packages/" + name + "/overall?mirrors=false";
        String csv = json + "&format=csv";
        String badge = "/badge/" + name + ".svg?period=total";
        String all = "/api/packages/__all__/overall?mirrors=false";
        String dashboard = "/packages/" + name;
        for (String path : new String[] { json, csv, badge, all }) {
            mvc.perform(get(path)).andExpect(status().isOk());
            mvc.perform(get(path)).andExpect(status().isOk()).andExpect(header().exists(HttpHeaders.AGE));
        }
        assertThat(body(json))
            .contains("{\"category\":\"without_mirrors\",\"date\":\"" + today + "\",\"downloads\":5}");
        assertThat(body(dashboard)).contains("id=\"range-total\" value=\"12\"");

        addToday(3);

        assertThat(body(json))
            .contains("{\"category\":\"without_mirrors\",\"date\":\"" + today + "\",\"downloads\":8}");
        assertThat(body(csv)).contains(today + ",without_mirrors,8");
        assertThat(body(badge)).contains(">15</text>");
        assertThat(body(all)).contains("\"date\":\"" + today + "\",\"downloads\":8}");
        assertThat(body(dashboard)).contains("id=\"range-total\" value=\"15\"");
    }

    @Test
    void answersAboutCompletedDaysStayInMemoryAndAreCachedLongAnswersWithTodayAreRevalidated() throws Exception {
        String completed = "/api/packages/" + name + "/overall?mirrors=false&start_date=" + yesterday.minusDays(6)
                + "&end_date=" + yesterday;
        String withToday = "/api/packages/" + name + "/overall?mirrors=false";
        mvc.perform(get(completed))
            .andExpect(status().isOk())
            .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=3600, public"));
        mvc.perform(get(withToday))
            .andExpect(status().isOk())
            .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-cache, public"));

        addToday(3);

        // Today's change does not touch last week: still the answer in memory, with its
        // age.
        mvc.perform(get(completed)).andExpect(status().isOk()).andExpect(header().exists(HttpHeaders.AGE));
        MockHttpServletResponse fresh = mvc.perform(get(withToday))
            .andExpect(status().isOk())
            .andExpect(header().doesNotExist(HttpHeaders.AGE))
            .andReturn()
            .getResponse();
        assertThat(fresh.getContentAsString()).contains("\"downloads\":8}");

        // A late event for yesterday outdates the completed range too.
        jdbc.update("UPDATE daily_downloads SET downloads = downloads + 1 WHERE package_id = ? AND day = ?", pkg,
                yesterday);
        WorkerCommits.announce(jdbc, changes, yesterday, pkg);
        assertThat(mvc.perform(get(completed))
            .andExpect(status().isOk())
            .andExpect(header().doesNotExist(HttpHeaders.AGE))
            .andReturn()
            .getResponse()
            .getContentAsString()).contains("\"date\":\"" + yesterday + "\",\"downloads\":8}");
    }

    @Test
    void recentCountsAndPeriodBadgesAreCachedUntilMidnightAtMostTotalsAreRevalidated() throws Exception {
        long untilMidnight = Duration.between(Instant.now(), today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())
            .toSeconds();
        for (String path : new String[] { "/api/packages/" + name + "/recent",
                "/badge/" + name + ".svg?period=week" }) {
            String cacheControl = mvc.perform(get(path))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getHeader(HttpHeaders.CACHE_CONTROL);
            long maxAge = Long.parseLong(cacheControl.replaceAll("max-age=(\\d+), public", "$1"));
            assertThat(maxAge).isPositive().isLessThanOrEqualTo(Math.min(3600, untilMidnight + 1));
        }
        mvc.perform(get("/badge/" + name + ".svg?period=total"))
            .andExpect(status().isOk())
            .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-cache, public"));
        mvc.perform(get("/api/packages/" + name + "/total"))
            .andExpect(status().isOk())
            .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-cache, public"));
    }

    @Test
    void conditionalRequestsAreAnsweredWith304UntilTheAnswerChanges() throws Exception {
        String path = "/api/packages/" + name + "/overall";
        MockHttpServletResponse first = awaitLastModified(path);
        String etag = first.getHeader(HttpHeaders.ETAG);
        String lastModified = first.getHeader(HttpHeaders.LAST_MODIFIED);
        assertThat(etag).isNotBlank();

        mvc.perform(get(path).header(HttpHeaders.IF_NONE_MATCH, etag))
            .andExpect(status().isNotModified())
            .andExpect(header().string(HttpHeaders.ETAG, etag));
        // From memory, and from the controller for a request nobody made before.
        for (String each : new String[] { path, path + "?start_date=" + yesterday.minusDays(10) }) {
            mvc.perform(get(each).header(HttpHeaders.IF_MODIFIED_SINCE, lastModified))
                .andExpect(status().isNotModified())
                .andExpect(header().string(HttpHeaders.LAST_MODIFIED, lastModified));
        }
        // A badge too.
        String badge = "/badge/" + name + ".svg?period=total";
        String badgeTag = mvc.perform(get(badge)).andReturn().getResponse().getHeader(HttpHeaders.ETAG);
        mvc.perform(get(badge).header(HttpHeaders.IF_NONE_MATCH, badgeTag)).andExpect(status().isNotModified());

        addToday(3);

        // An If-None-Match with an old tag wins over an If-Modified-Since that would
        // match.
        mvc.perform(get(path).header(HttpHeaders.IF_NONE_MATCH, etag)
            .header(HttpHeaders.IF_MODIFIED_SINCE, httpDate(Instant.now().plusSeconds(60)))).andExpect(status().isOk());
        mvc.perform(get(path).header(HttpHeaders.IF_MODIFIED_SINCE, lastModified)).andExpect(status().isOk());
        mvc.perform(get(badge).header(HttpHeaders.IF_NONE_MATCH, badgeTag)).andExpect(status().isOk());
        MockHttpServletResponse changed = awaitLastModified(path);
        assertThat(changed.getHeader(HttpHeaders.ETAG)).isNotEqualTo(etag);
        assertThat(changed.getDateHeader(HttpHeaders.LAST_MODIFIED))
            .isGreaterThan(first.getDateHeader(HttpHeaders.LAST_MODIFIED));
        mvc.perform(get(path).header(HttpHeaders.IF_MODIFIED_SINCE, changed.getHeader(HttpHeaders.LAST_MODIFIED)))
            .andExpect(status().isNotModified());
    }

    @Test
    void aKilledNotificationConnectionLeavesAnswersStaleForAtMostTheBoundThenFreshAgain() throws Exception {
        String path = "/api/packages/" + name + "/overall?mirrors=false";
        mvc.perform(get(path)).andExpect(status().isOk());
        mvc.perform(get(path)).andExpect(header().exists(HttpHeaders.AGE));

        // This context's listener, and those of other test contexts still open on the
        // same database.
        int killed = jdbc.queryForObject(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                        + "WHERE application_name = 'pkgpulse-api-changes' AND datname = current_database()",
                Integer.class);
        assertThat(killed).isPositive();
        // Committed while nobody listens: no notification will ever tell of it.
        jdbc.update("UPDATE daily_downloads SET downloads = downloads + 3 WHERE package_id = ? AND day = ?", pkg,
                today);

        await().atMost(STALENESS_BOUND)
            .pollInterval(Duration.ofMillis(20))
            .untilAsserted(() -> assertThat(body(path)).contains("\"downloads\":8}"));
        // Listening again, and caching again.
        await().atMost(Duration.ofSeconds(10))
            .until(() -> changes.listening() && jdbc
                .queryForObject("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pkgpulse-api-changes'"
                        + " AND datname = current_database()", Integer.class) >= killed);
        mvc.perform(get(path)).andExpect(status().isOk());
        mvc.perform(get(path)).andExpect(header().exists(HttpHeaders.AGE));
        addToday(1);
        assertThat(body(path)).contains("\"downloads\":9}");
    }

    /**
     * What a worker's batch does: more downloads today for the package and the totals,
     * announced on commit.
     */
    private void addToday(long n) {
        jdbc.update("UPDATE daily_downloads SET downloads = downloads + ? WHERE package_id = ? AND day = ?", n, pkg,
                today);
        jdbc.update("UPDATE daily_total_downloads SET downloads = downloads + ? WHERE day = ? AND NOT mirror", n,
                today);
        WorkerCommits.announce(jdbc, changes, today, pkg);
    }

    private String body(String path) throws Exception {
        return mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    /** Last-Modified is given once the second of the last change is over. */
    private MockHttpServletResponse awaitLastModified(String path) {
        return await().atMost(Duration.ofSeconds(3))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse(),
                    response -> response.getHeader(HttpHeaders.LAST_MODIFIED) != null);
    }

    private static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

}
