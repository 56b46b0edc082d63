package io.pkgpulse.reporting.accounts;

import static io.pkgpulse.reporting.accounts.AccountsFixture.PASSWORD;
import static io.pkgpulse.reporting.accounts.AccountsFixture.apiKey;
import static io.pkgpulse.reporting.accounts.AccountsFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import io.pkgpulse.reporting.accounts.AccountsFixture.Session;

/**
 * SQL-looking and over-long input is refused with a 4xx problem, never a 500, and changes
 * nothing.
 */
@AccountsIntegrationTest
class HostileInputTest {

    static final String HUGE = "a".repeat(10_000);
    static final String INJECTION = "x'; DROP TABLE packages;--";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    AccountsFixture fixture;

    Session ada;

    @BeforeEach
    void anAccountAndAPackage() throws Exception {
        fixture = new AccountsFixture(mvc, jdbc);
        fixture.clean();
        ada = fixture.account("Ada", "ada@example.org");
        fixture.maintainer(fixture.pkg("attrs", false), "ada@example.org", "OWNER");
    }

    @Test
    void sqlInANameIsJustAName() throws Exception {
        String name = "Robert'); DROP TABLE users;--";
        MockHttpServletResponse response = mvc
            .perform(jsonPost("/api/auth/signup",
                    Map.of("name", name, "email", "bobby@example.org", "password", PASSWORD)))
            .andReturn()
            .getResponse();

        assertThat(response.getStatus()).isEqualTo(201);
        assertThat(json(response).get("name").asString()).isEqualTo(name);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM users", Long.class)).isEqualTo(2);
    }

    @Test
    void sqlLookingAndOverlongAccountInputIsA4xxProblem() throws Exception {
        problem(jsonPost("/api/auth/signup",
                Map.of("name", "Eve", "email", INJECTION + "@example.org", "password", PASSWORD)), 400);
        problem(jsonPost("/api/auth/signup",
                Map.of("name", "Eve", "email", HUGE + "@example.org", "password", PASSWORD)), 400);
        problem(jsonPost("/api/auth/signup", Map.of("name", HUGE, "email", "eve@example.org", "password", PASSWORD)),
                400);
        problem(jsonPost("/api/auth/signup", Map.of("name", "Eve", "email", "eve@example.org", "password", HUGE)), 400);
        problem(jsonPost("/api/auth/login", Map.of("email", "ada@example.org' OR '1'='1", "password", "' OR '1'='1")),
                401);
        problem(jsonPost("/api/auth/login", Map.of("email", "ada@example.org", "password", HUGE)), 401);
        problem(jsonPost("/api/auth/login", Map.of("email", HUGE, "password", PASSWORD)), 400);
        problem(jsonPost("/api/auth/password-reset", Map.of("email", HUGE + "@example.org")), 400);
        problem(jsonPost("/api/auth/password-reset", Map.of("email", INJECTION)), 400);
        problem(jsonPost("/api/auth/password-reset/confirm", Map.of("token", HUGE, "password", PASSWORD)), 400);
        problem(jsonPost("/api/auth/password-reset/confirm", Map.of("token", "' OR 1=1 --", "password", PASSWORD)),
                400);
        problem(post("/api/me/api-keys").with(ada.csrf())
            .contentType(MediaType.APPLICATION_JSON)
            .content(json(Map.of("name", HUGE))), 400);
        problem(get("/api/me").with(apiKey(HUGE)), 401);
        problem(get("/api/me").with(apiKey("pkp_" + INJECTION)), 401);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM users", Long.class)).isEqualTo(1);
    }

    @Test
    void brokenBodiesAreA4xxProblem() throws Exception {
        problem(post("/api/auth/signup").contentType(MediaType.APPLICATION_JSON).content("{\"name\": "), 400);
        problem(post("/api/auth/login").contentType(MediaType.APPLICATION_JSON).content("[1, 2, 3]"), 400);
        problem(post("/api/auth/login").contentType(MediaType.TEXT_PLAIN).content("email=ada&password=x"), 415);
        problem(post("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
            .content("{\"email\": {\"$ne\": null}, \"password\": {\"$ne\": null}}"), 400);
        problem(put("/api/packages/attrs/visibility").with(ada.csrf())
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"private\": \"sure\"}"), 400);
        problem(put("/api/packages/attrs/visibility").with(ada.csrf())
            .contentType(MediaType.APPLICATION_JSON)
            .content("{}"), 400);
    }

    @Test
    void sqlLookingAndOverlongPackageNamesAreA4xxProblem() throws Exception {
        String longName = "p".repeat(300);
        for (String name : new String[] { INJECTION, "x' OR '1'='1", longName, "..", "%00" }) {
            for (String path : new String[] { "/api/packages/{p}/overall", "/api/packages/{p}/recent",
                    "/api/packages/{p}", "/api/packages/{p}/maintainers" }) {
                problem(get(path, name).with(ada.csrf()), -1);
            }
            problem(put("/api/packages/{p}/visibility", name).with(ada.csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"private\": true}"), -1);
            problem(post("/api/packages/{p}/maintainers", name).with(ada.csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content(json(Map.of("email", "ada@example.org", "role", "OWNER"))), -1);
            int badge = mvc.perform(get("/badge/{p}.svg", name)).andReturn().getResponse().getStatus();
            int page = mvc.perform(get("/packages/{p}", name)).andReturn().getResponse().getStatus();
            assertThat(badge).isBetween(400, 499);
            assertThat(page).isBetween(400, 499);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM packages", Long.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT is_private FROM packages", Boolean.class)).isFalse();
    }

    /** A 4xx problem detail; {@code status} -1 for any 4xx. */
    private void problem(RequestBuilder request, int status) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        if (status > 0) {
            assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
        }
        else {
            assertThat(response.getStatus()).as(response.getContentAsString()).isBetween(400, 499);
        }
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(json(response).get("status").asInt()).isEqualTo(response.getStatus());
    }

    private static MockHttpServletRequestBuilder jsonPost(String path, Map<String, String> body) {
        return post(path).contentType(MediaType.APPLICATION_JSON).content(json(body));
    }

}
