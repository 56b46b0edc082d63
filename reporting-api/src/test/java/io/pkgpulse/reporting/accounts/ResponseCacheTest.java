package io.pkgpulse.reporting.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import io.pkgpulse.reporting.accounts.AccountsFixture.Session;

/**
 * Public statistics are answered from memory for the cache's ttl; a private package's never are, and making a
 * package private hides it at once, cache or not.
 */
@AccountsIntegrationTest
@TestPropertySource(properties = { "pkgpulse.response-cache.enabled=true", "pkgpulse.response-cache.ttl=3s" })
class ResponseCacheTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    AccountsFixture fixture;
    Session ada;
    Session bob;
    long open;
    LocalDate yesterday = LocalDate.now().minusDays(1);

    @BeforeEach
    void packagesAndPeople() throws Exception {
        fixture = new AccountsFixture(mvc, jdbc);
        fixture.clean();
        ada = fixture.account("Ada", "ada@example.org");
        bob = fixture.account("Bob", "bob@example.org");
        long secret = fixture.pkg("cached-secret", true);
        open = fixture.pkg("cached-open", false);
        fixture.maintainer(secret, "ada@example.org", "OWNER");
        fixture.maintainer(open, "ada@example.org", "OWNER");
        fixture.downloads(secret, yesterday, 42);
        fixture.downloads(open, yesterday, 7);
    }

    @Test
    void aRepeatedRequestIsAnsweredFromMemoryUntilTheTtlHasPassed() throws Exception {
        String path = "/api/packages/cached-open/recent?period=day";
        MockHttpServletResponse first = mvc.perform(get(path)).andExpect(status().isOk())
                .andExpect(header().doesNotExist(HttpHeaders.AGE)).andReturn().getResponse();
        assertThat(first.getContentAsString()).contains("\"last_day\":7");
        String etag = first.getHeader(HttpHeaders.ETAG);

        jdbc.update("UPDATE daily_downloads SET downloads = downloads + 5 WHERE package_id = ? AND day = ?", open,
                yesterday);
        MockHttpServletResponse second = mvc.perform(get(path)).andExpect(status().isOk())
                .andExpect(header().exists(HttpHeaders.AGE)).andReturn().getResponse();
        assertThat(second.getContentAsString()).isEqualTo(first.getContentAsString());
        assertThat(second.getHeader(HttpHeaders.ETAG)).isEqualTo(etag);
        assertThat(second.getHeader(HttpHeaders.CACHE_CONTROL)).isEqualTo(first.getHeader(HttpHeaders.CACHE_CONTROL));
        assertThat(second.getContentType()).isEqualTo(first.getContentType());
        mvc.perform(get(path).header(HttpHeaders.IF_NONE_MATCH, etag)).andExpect(status().isNotModified())
                .andExpect(header().string(HttpHeaders.ETAG, etag));
        // Another representation of the same series is another entry.
        assertThat(mvc.perform(get(path).accept("text/csv")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString()).contains("last_day").contains("12");

        await().atMost(Duration.ofSeconds(15)).until(() -> mvc.perform(get(path)).andReturn().getResponse()
                .getContentAsString().contains("\"last_day\":12"));
    }

    @Test
    void aPrivatePackagesStatisticsAreNeverServedFromMemory() throws Exception {
        for (String path : new String[] { "/api/packages/cached-secret/recent", "/badge/cached-secret.svg" }) {
            mvc.perform(get(path).with(ada.csrf())).andExpect(status().isOk());
            mvc.perform(get(path)).andExpect(status().isNotFound());
            mvc.perform(get(path).with(bob.csrf())).andExpect(status().isNotFound());
        }
    }

    @Test
    void makingAPackagePrivateHidesItsCachedStatisticsAtOnce() throws Exception {
        String[] paths = { "/api/packages/cached-open/recent", "/badge/cached-open.svg" };
        for (String path : paths) {
            mvc.perform(get(path)).andExpect(status().isOk());
            mvc.perform(get(path)).andExpect(status().isOk()).andExpect(header().exists(HttpHeaders.AGE));
        }
        mvc.perform(put("/api/packages/cached-open/visibility").with(ada.csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"private\": true}")).andExpect(status().isOk());
        for (String path : paths) {
            mvc.perform(get(path)).andExpect(status().isNotFound());
            mvc.perform(get(path).with(ada.csrf())).andExpect(status().isOk());
        }
    }
}
