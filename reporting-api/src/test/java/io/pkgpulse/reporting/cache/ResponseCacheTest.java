package io.pkgpulse.reporting.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;

import io.pkgpulse.reporting.WorkerCommits;
import io.pkgpulse.reporting.accounts.AccountsFixture.Session;
import io.pkgpulse.reporting.accounts.AccountsFixture;
import io.pkgpulse.reporting.accounts.AccountsIntegrationTest;

/**
 * Public statistics are answered from memory until a change notification outdates them
 * (rows changed without one are not seen, which is how these tests tell a hit); a private
 * package's never are, and making a package private hides it at once, cache or not.
 */
@AccountsIntegrationTest
class ResponseCacheTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    /**
     * Names of their own in every test: the caches outlive a test's packages, which the
     * next one makes anew.
     */
    static int run;

    AccountsFixture fixture;

    Session ada;

    Session bob;

    long open;

    String openName;

    String secretName;

    LocalDate yesterday = LocalDate.now().minusDays(1);

    @BeforeEach
    void packagesAndPeople() throws Exception {
        fixture = new AccountsFixture(mvc, jdbc);
        fixture.clean();
        ada = fixture.account("Ada", "ada@example.org");
        bob = fixture.account("Bob", "bob@example.org");
        run++;
        openName = "cached-open-" + run;
        secretName = "cached-secret-" + run;
        long secret = fixture.pkg(secretName, true);
        open = fixture.pkg(openName, false);
        fixture.maintainer(secret, "ada@example.org", "OWNER");
        fixture.maintainer(open, "ada@example.org", "OWNER");
        fixture.downloads(secret, yesterday, 42);
        fixture.downloads(open, yesterday, 7);
    }

    @Test
    void aRepeatedRequestIsAnsweredFromMemoryUntilAChangeIsAnnounced() throws Exception {
        String path = "/api/packages/" + openName + "/recent?period=day";
        MockHttpServletResponse first = mvc.perform(get(path))
            .andExpect(status().isOk())
            .andExpect(header().doesNotExist(HttpHeaders.AGE))
            .andReturn()
            .getResponse();
        assertThat(first.getContentAsString()).contains("\"last_day\":7");
        String etag = first.getHeader(HttpHeaders.ETAG);

        jdbc.update("UPDATE daily_downloads SET downloads = downloads + 5 WHERE package_id = ? AND day = ?", open,
                yesterday);
        MockHttpServletResponse second = mvc.perform(get(path))
            .andExpect(status().isOk())
            .andExpect(header().exists(HttpHeaders.AGE))
            .andReturn()
            .getResponse();
        assertThat(second.getContentAsString()).isEqualTo(first.getContentAsString());
        assertThat(second.getHeader(HttpHeaders.ETAG)).isEqualTo(etag);
        assertThat(second.getHeader(HttpHeaders.CACHE_CONTROL)).isEqualTo(first.getHeader(HttpHeaders.CACHE_CONTROL));
        assertThat(second.getContentType()).isEqualTo(first.getContentType());
        mvc.perform(get(path).header(HttpHeaders.IF_NONE_MATCH, etag))
            .andExpect(status().isNotModified())
            .andExpect(header().string(HttpHeaders.ETAG, etag));
        // Another representation of the same series is another entry.
        assertThat(mvc.perform(get(path).accept("text/csv"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString()).contains("last_day").contains("12");

        WorkerCommits.announce(jdbc, fixture.changes(), yesterday, open);
        assertThat(mvc.perform(get(path))
            .andExpect(status().isOk())
            .andExpect(header().doesNotExist(HttpHeaders.AGE))
            .andReturn()
            .getResponse()
            .getContentAsString()).contains("\"last_day\":12");
    }

    @Test
    void aPrivatePackagesStatisticsAreNeverServedFromMemory() throws Exception {
        for (String path : new String[] { "/api/packages/" + secretName + "/recent",
                "/badge/" + secretName + ".svg" }) {
            mvc.perform(get(path).with(ada.csrf())).andExpect(status().isOk());
            mvc.perform(get(path)).andExpect(status().isNotFound());
            mvc.perform(get(path).with(bob.csrf())).andExpect(status().isNotFound());
        }
    }

    @Test
    void makingAPackagePrivateHidesItsCachedStatisticsAtOnce() throws Exception {
        String[] paths = { "/api/packages/" + openName + "/recent", "/badge/" + openName + ".svg" };
        for (String path : paths) {
            mvc.perform(get(path)).andExpect(status().isOk());
            mvc.perform(get(path)).andExpect(status().isOk()).andExpect(header().exists(HttpHeaders.AGE));
        }
        mvc.perform(put("/api/packages/{p}/visibility", openName).with(ada.csrf())
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"private\": true}")).andExpect(status().isOk());
        for (String path : paths) {
            mvc.perform(get(path)).andExpect(status().isNotFound());
            mvc.perform(get(path).with(ada.csrf())).andExpect(status().isOk());
        }
    }

    @Test
    void aPackageMadePrivateLeavesTheTopListAtOnce() throws Exception {
        String top = "/api/stats/top?limit=100&date=" + yesterday;
        assertThat(mvc.perform(get(top)).andReturn().getResponse().getContentAsString()).contains(openName);
        assertThat(mvc.perform(get(top))
            .andExpect(header().exists(HttpHeaders.AGE))
            .andReturn()
            .getResponse()
            .getContentAsString()).contains(openName);

        mvc.perform(put("/api/packages/{p}/visibility", openName).with(ada.csrf())
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"private\": true}")).andExpect(status().isOk());
        assertThat(mvc.perform(get(top)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
            .doesNotContain(openName);
    }

    @Test
    void aWindowInsideTheLast180DaysIsCutFromTheCachedSeries() throws Exception {
        LocalDate today = LocalDate.now();
        fixture.downloads(open, today.minusDays(10), 3);
        fixture.downloads(open, today.minusDays(100), 5);
        String series = "/api/packages/" + openName + "/overall?mirrors=false";
        assertThat(days(series)).containsExactly(entry(today.minusDays(100), 5L), entry(today.minusDays(10), 3L),
                entry(yesterday, 7L));

        // From here on the cached 180 days answer every window inside them, until a
        // change is announced.
        jdbc.update("UPDATE daily_downloads SET downloads = downloads + 100 WHERE package_id = ?", open);
        assertThat(days(series + "&start_date=" + today.minusDays(100) + "&end_date=" + today.minusDays(10)))
            .containsExactly(entry(today.minusDays(100), 5L), entry(today.minusDays(10), 3L));
        assertThat(days(series + "&start_date=" + today.minusDays(9) + "&end_date=" + today))
            .containsExactly(entry(yesterday, 7L));
        // A range that reaches further back is read from the rollups.
        assertThat(days(series + "&start_date=" + today.minusDays(200) + "&end_date=" + today.minusDays(10)))
            .containsExactly(entry(today.minusDays(100), 105L), entry(today.minusDays(10), 103L));
    }

    @Test
    void recentCountsBadgesAndDashboardTotalsAreSummedExactlyFromACachedSeries() throws Exception {
        LocalDate today = LocalDate.now();
        fixture.downloads(open, today, 1000);
        fixture.downloads(open, yesterday.minusDays(6), 20);
        fixture.downloads(open, yesterday.minusDays(29), 300);
        fixture.downloads(open, yesterday.minusDays(30), 4000);
        jdbc.update("INSERT INTO daily_downloads VALUES (?, ?, true, 50000)", open, yesterday);
        // The series first, so that every sum after it is cut from the cached rows: the
        // change below is not seen.
        mvc.perform(get("/api/packages/" + openName + "/overall")).andExpect(status().isOk());
        jdbc.update("UPDATE daily_downloads SET downloads = downloads + 100000 WHERE package_id = ?", open);

        assertThat(AccountsFixture
            .json(mvc.perform(get("/api/packages/" + openName + "/recent"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse())
            .get("data")
            .toString()).isEqualTo("{\"last_day\":7,\"last_week\":27,\"last_month\":327}");
        assertThat(AccountsFixture
            .json(mvc.perform(get("/api/packages/" + openName + "/recent?mirrors=true"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse())
            .get("data")
            .toString()).isEqualTo("{\"last_day\":50007,\"last_week\":50027,\"last_month\":50327}");
        assertThat(mvc.perform(get("/badge/" + openName + ".svg?period=week"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString()).contains(">27/week</text>");
        assertThat(mvc.perform(get("/packages/" + openName))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString()).contains("value=\"327\"").contains("value=\"7\"").contains("value=\"27\"");
        // A package whose series nobody asked for is summed by a query of its own.
        assertThat(AccountsFixture
            .json(mvc.perform(get("/api/packages/" + secretName + "/recent").with(ada.csrf()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse())
            .get("data")
            .toString()).isEqualTo("{\"last_day\":42,\"last_week\":42,\"last_month\":42}");
    }

    /** The series' days with downloads, in order. */
    private Map<LocalDate, Long> days(String path) throws Exception {
        JsonNode body = AccountsFixture
            .json(mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse());
        Map<LocalDate, Long> days = new LinkedHashMap<>();
        body.get("data").forEach(row -> {
            if (row.get("downloads").asLong() > 0) {
                days.put(LocalDate.parse(row.get("date").asString()), row.get("downloads").asLong());
            }
        });
        return days;
    }

}
