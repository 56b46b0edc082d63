package io.pkgpulse.reporting.packages;

import static io.pkgpulse.reporting.accounts.AccountsFixture.apiKey;
import static io.pkgpulse.reporting.accounts.AccountsFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.pkgpulse.reporting.accounts.AccountsFixture.Session;
import io.pkgpulse.reporting.accounts.AccountsFixture;
import io.pkgpulse.reporting.accounts.AccountsIntegrationTest;

/**
 * Private packages are visible to their maintainers only; everyone else gets exactly what
 * a package that does not exist gets. Owners (and admins) manage maintainers and
 * visibility.
 */
@AccountsIntegrationTest
class PrivatePackagesTest {

    /** What a private package shows to its maintainers, and hides from everyone else. */
    static final List<String> PACKAGE_PATHS = List.of("/api/packages/%s/overall", "/api/packages/%s/recent",
            "/api/packages/%s", "/badge/%s.svg", "/packages/%s");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    AccountsFixture fixture;

    Session ada;

    Session bob;

    Session eve;

    Session root;

    long adaId;

    long bobId;

    long eveId;

    long secret;

    long open;

    @BeforeEach
    void packagesAndPeople() throws Exception {
        fixture = new AccountsFixture(mvc, jdbc);
        fixture.clean();
        ada = fixture.account("Ada", "ada@example.org");
        bob = fixture.account("Bob", "bob@example.org");
        eve = fixture.account("Eve", "eve@example.org");
        root = fixture.account("Root", AccountsFixture.ADMIN);
        adaId = fixture.userId(ada);
        bobId = fixture.userId(bob);
        eveId = fixture.userId(eve);
        secret = fixture.pkg("secret-sauce", true);
        open = fixture.pkg("open-thing", false);
        fixture.maintainer(secret, "ada@example.org", "OWNER");
        fixture.maintainer(secret, "bob@example.org", "MAINTAINER");
        fixture.maintainer(open, "ada@example.org", "OWNER");
        LocalDate yesterday = LocalDate.now().minusDays(1);
        fixture.downloads(secret, yesterday, 42);
        fixture.downloads(open, yesterday, 7);
    }

    @Test
    void aPrivatePackageIsVisibleToItsMaintainersOnly() throws Exception {
        String bobsKey = fixture.apiKey(bob, "bob's script");
        String evesKey = fixture.apiKey(eve, "eve's script");

        for (String template : PACKAGE_PATHS) {
            String path = template.formatted("secret-sauce");
            String unknown = template.formatted("no-such-package");
            mvc.perform(get(path)).andExpect(status().isNotFound());
            mvc.perform(get(path).with(eve.csrf())).andExpect(status().isNotFound());
            mvc.perform(get(path).with(apiKey(evesKey))).andExpect(status().isNotFound());
            mvc.perform(get(unknown).with(eve.csrf())).andExpect(status().isNotFound());
            mvc.perform(get(path).with(ada.csrf())).andExpect(status().isOk());
            mvc.perform(get(path).with(bob.csrf())).andExpect(status().isOk());
            mvc.perform(get(path).with(apiKey(bobsKey))).andExpect(status().isOk());
            mvc.perform(get(template.formatted("open-thing"))).andExpect(status().isOk());
        }
        mvc.perform(get("/api/packages/secret-sauce/overall").with(bob.csrf()))
            .andExpect(jsonPath("$.data[?(@.category == 'without_mirrors')].downloads").value(42));
    }

    /**
     * The live stream of a private package: its maintainers (by session or API key) get
     * its numbers; anyone else gets the 404 problem that a package which does not exist
     * gets, and no stream.
     */
    @Test
    void aPrivatePackagesLiveStreamIsForItsMaintainersOnly() throws Exception {
        fixture.downloads(secret, LocalDate.now(ZoneOffset.UTC), 5);
        String bobsKey = fixture.apiKey(bob, "bob's script");
        String evesKey = fixture.apiKey(eve, "eve's script");
        MockHttpServletResponse missing = mvc
            .perform(get("/api/live?package=sekret-sauce").accept(MediaType.TEXT_EVENT_STREAM))
            .andReturn()
            .getResponse();

        for (RequestPostProcessor outsider : List.<RequestPostProcessor>of(request -> request, eve.csrf(),
                apiKey(evesKey))) {
            MvcResult hidden = mvc
                .perform(get("/api/live?package=secret-sauce").accept(MediaType.TEXT_EVENT_STREAM).with(outsider))
                .andReturn();
            assertThat(hidden.getRequest().isAsyncStarted()).isFalse();
            assertThat(hidden.getResponse().getStatus()).isEqualTo(missing.getStatus()).isEqualTo(404);
            assertThat(hidden.getResponse().getContentType()).isEqualTo(missing.getContentType())
                .startsWith("application/problem+json");
            assertThat(hidden.getResponse().getContentAsString().replace("secret-sauce", "NAME"))
                .isEqualTo(missing.getContentAsString().replace("sekret-sauce", "NAME"));
        }
        for (RequestPostProcessor maintainer : List.of(ada.csrf(), bob.csrf(), apiKey(bobsKey))) {
            MvcResult stream = mvc
                .perform(get("/api/live?package=secret-sauce").accept(MediaType.TEXT_EVENT_STREAM).with(maintainer))
                .andExpect(request().asyncStarted())
                .andReturn();
            try {
                assertThat(stream.getResponse().getStatus()).isEqualTo(200);
                assertThat(stream.getResponse().getContentType()).startsWith("text/event-stream");
                await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(
                            () -> assertThat(stream.getResponse().getContentAsString()).contains("event:downloads")
                                .contains("\"package\":\"secret-sauce\"")
                                .contains("\"today\":{\"with_mirrors\":5,\"without_mirrors\":5}"));
            }
            finally {
                // MockMvc never ends a stream by itself: end it, as a client that goes
                // away would.
                stream.getRequest().getAsyncContext().complete();
            }
        }
    }

    @Test
    void theAnswerForAHiddenPackageIsTheAnswerForOneThatDoesNotExist() throws Exception {
        MockHttpServletResponse hidden = mvc.perform(get("/api/packages/secret-sauce/recent").with(eve.csrf()))
            .andReturn()
            .getResponse();
        MockHttpServletResponse missing = mvc.perform(get("/api/packages/sekret-sauce/recent").with(eve.csrf()))
            .andReturn()
            .getResponse();

        assertThat(hidden.getStatus()).isEqualTo(missing.getStatus()).isEqualTo(404);
        assertThat(hidden.getContentType()).isEqualTo(missing.getContentType());
        assertThat(hidden.getContentAsString().replace("secret-sauce", "NAME"))
            .isEqualTo(missing.getContentAsString().replace("sekret-sauce", "NAME"));
    }

    @Test
    void ownersChangeVisibility() throws Exception {
        visibility("secret-sauce", false, ada.csrf()).andExpect(status().isOk())
            .andExpect(jsonPath("$.package").value("secret-sauce"))
            .andExpect(jsonPath("$.private").value(false));
        mvc.perform(get("/api/packages/secret-sauce/recent")).andExpect(status().isOk());

        visibility("Open_Thing", true, ada.csrf()).andExpect(status().isOk())
            .andExpect(jsonPath("$.package").value("open-thing"))
            .andExpect(jsonPath("$.private").value(true));
        mvc.perform(get("/api/packages/open-thing/recent")).andExpect(status().isNotFound());
        assertThat(jdbc.queryForObject("SELECT is_private FROM packages WHERE id = ?", Boolean.class, open)).isTrue();
    }

    @Test
    void othersMayNotChangeVisibility() throws Exception {
        visibility("secret-sauce", false, bob.csrf()).andExpect(status().isForbidden())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value("/problems/forbidden"));
        visibility("open-thing", true, eve.csrf()).andExpect(status().isForbidden());
        visibility("secret-sauce", false, eve.csrf()).andExpect(status().isNotFound())
            .andExpect(jsonPath("$.type").value("/problems/unknown-package"));
        visibility("open-thing", true, request -> request).andExpect(status().isUnauthorized())
            .andExpect(jsonPath("$.type").value("/problems/unauthorized"));
        visibility("secret-sauce", false, request -> request).andExpect(status().isUnauthorized());
        assertThat(jdbc.queryForList("SELECT is_private FROM packages ORDER BY id", Boolean.class))
            .containsExactly(true, false);
    }

    @Test
    void maintainersSeeTheListOthersDoNot() throws Exception {
        mvc.perform(get("/api/packages/secret-sauce/maintainers").with(bob.csrf()))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.package").value("secret-sauce"))
            .andExpect(jsonPath("$.maintainers[0].user_id").value(adaId))
            .andExpect(jsonPath("$.maintainers[0].role").value("OWNER"))
            .andExpect(jsonPath("$.maintainers[1].email").value("bob@example.org"))
            .andExpect(jsonPath("$.maintainers[1].role").value("MAINTAINER"));
        mvc.perform(get("/api/packages/open-thing/maintainers").with(eve.csrf())).andExpect(status().isForbidden());
        mvc.perform(get("/api/packages/secret-sauce/maintainers").with(eve.csrf())).andExpect(status().isNotFound());
        mvc.perform(get("/api/packages/open-thing/maintainers")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/packages/no-such-thing/maintainers").with(eve.csrf())).andExpect(status().isNotFound());
    }

    @Test
    void ownersAddMaintainersAndChangeTheirRoles() throws Exception {
        addMaintainer("secret-sauce", "EVE@example.org", "maintainer", ada.csrf()).andExpect(status().isCreated())
            .andExpect(jsonPath("$.user_id").value(eveId))
            .andExpect(jsonPath("$.role").value("MAINTAINER"))
            .andExpect(jsonPath("$.since").isNotEmpty());
        mvc.perform(get("/api/packages/secret-sauce/recent").with(eve.csrf())).andExpect(status().isOk());
        mvc.perform(get("/api/me").with(eve.csrf())).andExpect(jsonPath("$.packages[0].package").value("secret-sauce"));

        // A maintainer is not an owner.
        addMaintainer("secret-sauce", AccountsFixture.ADMIN, "MAINTAINER", eve.csrf())
            .andExpect(status().isForbidden());

        addMaintainer("secret-sauce", "eve@example.org", "OWNER", ada.csrf()).andExpect(status().isOk())
            .andExpect(jsonPath("$.role").value("OWNER"));
        addMaintainer("secret-sauce", "bob@example.org", "OWNER", eve.csrf()).andExpect(status().isOk());
        assertThat(jdbc.queryForList("SELECT role FROM maintainers WHERE package_id = ? ORDER BY user_id", String.class,
                secret))
            .containsExactly("OWNER", "OWNER", "OWNER");
    }

    @Test
    void addingNeedsAnExistingAccountAndAKnownRole() throws Exception {
        addMaintainer("secret-sauce", "stranger@example.org", "MAINTAINER", ada.csrf())
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.type").value("/problems/unknown-account"));
        addMaintainer("secret-sauce", "eve@example.org", "SUPREME-LEADER", ada.csrf())
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.type").value("/problems/invalid-request"))
            .andExpect(jsonPath("$.field").value("role"));
        addMaintainer("secret-sauce", "eve@example.org", "MAINTAINER", eve.csrf()).andExpect(status().isNotFound());
        addMaintainer("open-thing", "eve@example.org", "OWNER", eve.csrf()).andExpect(status().isForbidden());
        addMaintainer("open-thing", "eve@example.org", "OWNER", request -> request)
            .andExpect(status().isUnauthorized());
    }

    @Test
    void ownersRemoveMaintainersButNeverTheLastOwner() throws Exception {
        mvc.perform(delete("/api/packages/secret-sauce/maintainers/{id}", bobId).with(ada.csrf()))
            .andExpect(status().isNoContent());
        mvc.perform(get("/api/packages/secret-sauce/recent").with(bob.csrf())).andExpect(status().isNotFound());

        mvc.perform(delete("/api/packages/secret-sauce/maintainers/{id}", bobId).with(ada.csrf()))
            .andExpect(status().isNotFound())
            .andExpect(jsonPath("$.type").value("/problems/not-a-maintainer"));
        mvc.perform(delete("/api/packages/secret-sauce/maintainers/{id}", adaId).with(ada.csrf()))
            .andExpect(status().isConflict())
            .andExpect(jsonPath("$.type").value("/problems/last-owner"));
        addMaintainer("secret-sauce", "ada@example.org", "MAINTAINER", ada.csrf()).andExpect(status().isConflict())
            .andExpect(jsonPath("$.type").value("/problems/last-owner"));

        // With a second owner, the first may go.
        addMaintainer("secret-sauce", "eve@example.org", "OWNER", ada.csrf()).andExpect(status().isCreated());
        mvc.perform(delete("/api/packages/secret-sauce/maintainers/{id}", adaId).with(ada.csrf()))
            .andExpect(status().isNoContent());
        assertThat(jdbc.queryForList("SELECT user_id FROM maintainers WHERE package_id = ?", Long.class, secret))
            .containsExactly(eveId);
    }

    @Test
    void nonOwnersCannotRemoveAnyone() throws Exception {
        mvc.perform(delete("/api/packages/secret-sauce/maintainers/{id}", adaId).with(bob.csrf()))
            .andExpect(status().isForbidden());
        mvc.perform(delete("/api/packages/secret-sauce/maintainers/{id}", bobId).with(eve.csrf()))
            .andExpect(status().isNotFound());
        mvc.perform(delete("/api/packages/open-thing/maintainers/{id}", adaId).with(eve.csrf()))
            .andExpect(status().isForbidden());
        mvc.perform(delete("/api/packages/open-thing/maintainers/{id}", adaId)).andExpect(status().isUnauthorized());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM maintainers", Long.class)).isEqualTo(3);
    }

    @Test
    void twoOwnersRemovingEachOtherAtOnceLeaveOneOwner() throws Exception {
        addMaintainer("secret-sauce", "eve@example.org", "OWNER", ada.csrf()).andExpect(status().isCreated());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            results.add(pool.submit(() -> {
                start.await();
                return mvc.perform(delete("/api/packages/secret-sauce/maintainers/{id}", eveId).with(ada.csrf()))
                    .andReturn()
                    .getResponse()
                    .getStatus();
            }));
            results.add(pool.submit(() -> {
                start.await();
                return mvc.perform(delete("/api/packages/secret-sauce/maintainers/{id}", adaId).with(eve.csrf()))
                    .andReturn()
                    .getResponse()
                    .getStatus();
            }));
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            assertThat(statuses).containsOnlyOnce(204).doesNotContain(500);
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM maintainers WHERE package_id = ? AND role = 'OWNER'",
                Long.class, secret))
            .isEqualTo(1);
    }

    @Test
    void adminsManageAnyPackageIncludingOnesWithoutOwners() throws Exception {
        fixture.pkg("orphan", false);

        addMaintainer("orphan", "eve@example.org", "OWNER", ada.csrf()).andExpect(status().isForbidden());
        visibility("orphan", true, root.csrf()).andExpect(status().isConflict())
            .andExpect(jsonPath("$.type").value("/problems/no-owner"));
        addMaintainer("orphan", "eve@example.org", "OWNER", root.csrf()).andExpect(status().isCreated());
        visibility("orphan", true, root.csrf()).andExpect(status().isOk());

        // Admins manage private packages they do not maintain; seeing their stats still
        // takes being a maintainer.
        mvc.perform(get("/api/packages/secret-sauce/maintainers").with(root.csrf())).andExpect(status().isOk());
        addMaintainer("secret-sauce", "eve@example.org", "MAINTAINER", root.csrf()).andExpect(status().isCreated());
        mvc.perform(get("/api/packages/orphan/recent").with(eve.csrf())).andExpect(status().isOk());
        mvc.perform(get("/api/packages/orphan/recent").with(ada.csrf())).andExpect(status().isNotFound());
    }

    @Test
    void apiKeysManagePackagesWithoutCsrfTokens() throws Exception {
        String adasKey = fixture.apiKey(ada, "release automation");

        mvc.perform(post("/api/packages/secret-sauce/maintainers").with(apiKey(adasKey))
            .contentType(MediaType.APPLICATION_JSON)
            .content(json(Map.of("email", "eve@example.org", "role", "MAINTAINER")))).andExpect(status().isCreated());
        mvc.perform(put("/api/packages/secret-sauce/visibility").with(apiKey(adasKey))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"private\": false}")).andExpect(status().isOk());

        // The same with the session cookie but no CSRF header is refused.
        mvc.perform(put("/api/packages/secret-sauce/visibility").with(ada.withoutCsrfHeader())
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"private\": true}"))
            .andExpect(status().isForbidden())
            .andExpect(jsonPath("$.type").value("/problems/csrf"));
        assertThat(jdbc.queryForObject("SELECT is_private FROM packages WHERE id = ?", Boolean.class, secret))
            .isFalse();
    }

    private org.springframework.test.web.servlet.ResultActions visibility(String pkg, boolean isPrivate,
            RequestPostProcessor caller) throws Exception {
        return mvc.perform(put("/api/packages/{p}/visibility", pkg).with(caller)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"private\": " + isPrivate + "}"));
    }

    private org.springframework.test.web.servlet.ResultActions addMaintainer(String pkg, String email, String role,
            RequestPostProcessor caller) throws Exception {
        return mvc.perform(post("/api/packages/{p}/maintainers", pkg).with(caller)
            .contentType(MediaType.APPLICATION_JSON)
            .content(json(Map.of("email", email, "role", role))));
    }

}
