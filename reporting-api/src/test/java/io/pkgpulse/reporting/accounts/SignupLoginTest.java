package io.pkgpulse.reporting.accounts;

import static io.pkgpulse.reporting.accounts.AccountsFixture.PASSWORD;
import static io.pkgpulse.reporting.accounts.AccountsFixture.from;
import static io.pkgpulse.reporting.accounts.AccountsFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import tools.jackson.databind.JsonNode;

import io.pkgpulse.reporting.accounts.AccountsFixture.Session;

@AccountsIntegrationTest
class SignupLoginTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LoginThrottle loginThrottle;

    @Autowired
    ApplicationContext context;

    AccountsFixture fixture;

    @BeforeEach
    void clean() {
        fixture = new AccountsFixture(mvc, jdbc);
        fixture.clean();
        loginThrottle.reset();
    }

    @Test
    void signUpLogInSeeYourselfAndLogOut() throws Exception {
        signup("Ada Lovelace", "Ada@Example.org", PASSWORD).andExpect(status().isCreated())
            .andExpect(header().string("Location", "/api/me"))
            .andExpect(jsonPath("$.name").value("Ada Lovelace"))
            .andExpect(jsonPath("$.email").value("Ada@Example.org"))
            .andExpect(jsonPath("$.id").isNumber())
            .andExpect(jsonPath("$.password").doesNotExist());
        String hash = jdbc.queryForObject("SELECT password_hash FROM users", String.class);
        assertThat(hash).startsWith("{argon2}$argon2id$").doesNotContain(PASSWORD);
        assertThat(jdbc.queryForObject("SELECT last_login_at FROM users", Object.class)).isNull();

        var login = mvc
            .perform(post("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .content(json(Map.of("email", "ada@example.ORG", "password", PASSWORD))))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.email").value("Ada@Example.org"))
            .andReturn();
        MockHttpSession session = (MockHttpSession) login.getRequest().getSession(false);
        assertThat(session).isNotNull();
        assertThat(login.getResponse().getCookie("XSRF-TOKEN")).isNotNull();
        assertThat(jdbc.queryForObject("SELECT last_login_at FROM users", Object.class)).isNotNull();

        mvc.perform(get("/api/me").session(session))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.name").value("Ada Lovelace"))
            .andExpect(jsonPath("$.authenticated_by").value("session"))
            .andExpect(jsonPath("$.admin").value(false))
            .andExpect(jsonPath("$.packages").isEmpty())
            .andExpect(jsonPath("$.last_login_at").isNotEmpty());

        mvc.perform(post("/api/auth/logout").session(session)).andExpect(status().isNoContent());
        assertThat(session.isInvalid()).isTrue();
        mvc.perform(get("/api/me").session(new MockHttpSession())).andExpect(status().isUnauthorized());
    }

    @Test
    void meListsThePackagesAndRoles() throws Exception {
        Session ada = fixture.account("Ada", "ada@example.org");
        long attrs = fixture.pkg("attrs", false);
        long secret = fixture.pkg("Secret_Sauce", true);
        fixture.maintainer(attrs, "ada@example.org", "OWNER");
        fixture.maintainer(secret, "ada@example.org", "MAINTAINER");

        mvc.perform(get("/api/me").with(ada.csrf()))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.packages[0].package").value("attrs"))
            .andExpect(jsonPath("$.packages[0].role").value("OWNER"))
            .andExpect(jsonPath("$.packages[0].private").value(false))
            .andExpect(jsonPath("$.packages[1].package").value("secret-sauce"))
            .andExpect(jsonPath("$.packages[1].name").value("Secret_Sauce"))
            .andExpect(jsonPath("$.packages[1].role").value("MAINTAINER"))
            .andExpect(jsonPath("$.packages[1].private").value(true));
    }

    @Test
    void anonymousCallersOfMeGetA401Problem() throws Exception {
        mvc.perform(get("/api/me"))
            .andExpect(status().isUnauthorized())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value("/problems/unauthorized"))
            .andExpect(jsonPath("$.status").value(401))
            .andExpect(jsonPath("$.instance").value("/api/me"));
    }

    @Test
    void loginStartsANewSessionIdAgainstFixation() throws Exception {
        fixture.signup("Ada", "ada@example.org");
        MockHttpSession planted = new MockHttpSession();
        String plantedId = planted.getId();

        mvc.perform(post("/api/auth/login").session(planted)
            .contentType(MediaType.APPLICATION_JSON)
            .content(json(Map.of("email", "ada@example.org", "password", PASSWORD)))).andExpect(status().isOk());

        assertThat(planted.getId()).isNotEqualTo(plantedId);
    }

    @Test
    void anAddressTakenInAnyLetterCaseIsA409() throws Exception {
        fixture.signup("Ada", "ada@example.org");

        signup("Impostor", "ADA@EXAMPLE.ORG", PASSWORD).andExpect(status().isConflict())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value("/problems/email-taken"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM users", Long.class)).isEqualTo(1);
    }

    @Test
    void racingSignUpsForOneAddressMakeOneAccountAndTheDatabaseRefusesTheRest() throws Exception {
        int racers = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                String email = i % 2 == 0 ? "race@example.org" : "RACE@example.org";
                results.add(pool.submit(() -> {
                    start.await();
                    return signup("Racer", email, PASSWORD).andReturn().getResponse().getStatus();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            assertThat(statuses).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM users", Long.class)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} breaks {1}")
    @CsvSource({ "short pass,                 length", "correct-horse-ada-battery,  personal-data",
            "staple-LOVELACE-battery-9,  personal-data", "Password123456,             common-password",
            "qwertyuiop12,               common-password", "xyzxyzxyzxyzxyz,            repetition",
            "zzzzzzzzzzzzzzzz,           repetition" })
    void passwordsThatBreakThePolicyAreRefusedNamingTheRule(String password, String rule) throws Exception {
        signup("Ada Lovelace", "ada@example.org", password).andExpect(status().isBadRequest())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value("/problems/weak-password"))
            .andExpect(jsonPath("$.rule").value(rule))
            .andExpect(jsonPath("$.detail").isNotEmpty());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM users", Long.class)).isZero();
    }

    @Test
    void aPasswordOf129CharactersIsTooLongAnd128Fit() throws Exception {
        signup("Ada", "ada@example.org", letters(129)).andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.rule").value("length"));
        signup("Ada", "ada@example.org", letters(128)).andExpect(status().isCreated());
    }

    @Test
    void invalidAddressesAndNamesAreRefusedNamingTheField() throws Exception {
        signup("Ada", "not an address", PASSWORD).andExpect(status().isBadRequest())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value("/problems/invalid-request"))
            .andExpect(jsonPath("$.errors[0].field").value("email"));
        signup(" ", "ada@example.org", PASSWORD).andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("name"));
        signup("Ada\nAdmin: yes", "ada@example.org", PASSWORD).andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("name"));
        mvc.perform(post("/api/auth/signup").contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\": \"Ada\", \"email\": \"ada@example.org\"}"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("password"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM users", Long.class)).isZero();
    }

    @Test
    void aWrongPasswordAndAnUnknownAddressGetTheSameAnswer() throws Exception {
        fixture.signup("Ada", "ada@example.org");

        MockHttpServletResponse wrongPassword = login("ada@example.org", "not-the-password-at-all")
            .andExpect(status().isUnauthorized())
            .andReturn()
            .getResponse();
        MockHttpServletResponse unknown = login("nobody@example.org", "not-the-password-at-all")
            .andExpect(status().isUnauthorized())
            .andReturn()
            .getResponse();

        assertThat(wrongPassword.getContentType()).isEqualTo(unknown.getContentType())
            .startsWith("application/problem+json");
        assertThat(wrongPassword.getContentAsString()).isEqualTo(unknown.getContentAsString())
            .contains("/problems/login-failed");
        assertThat(wrongPassword.getCookie("XSRF-TOKEN")).isNull();
        assertThat(wrongPassword.getHeader("Set-Cookie")).isNull();
    }

    @Test
    void repeatedFailuresForOneAccountBlockItsLoginsWithRetryAfter() throws Exception {
        fixture.signup("Ada", "ada@example.org");
        for (int i = 0; i < AccountsIntegrationTest.FAILURES_PER_EMAIL; i++) {
            login("ada@example.org", "wrong-password-" + i).andExpect(status().isUnauthorized());
        }

        MockHttpServletResponse blocked = login("ADA@example.org", PASSWORD).andExpect(status().isTooManyRequests())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value("/problems/too-many-login-failures"))
            .andReturn()
            .getResponse();
        assertThat(Long.parseLong(blocked.getHeader("Retry-After"))).isBetween(1L, 15 * 60L);

        // Another account from the same address is not affected.
        fixture.signup("Bob", "bob@example.org");
        login("bob@example.org", PASSWORD).andExpect(status().isOk());
    }

    @Test
    void successfulLoginsDoNotCountAndClearEarlierFailures() throws Exception {
        fixture.signup("Ada", "ada@example.org");
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < AccountsIntegrationTest.FAILURES_PER_EMAIL - 1; i++) {
                login("ada@example.org", "wrong-password-" + i).andExpect(status().isUnauthorized());
            }
            login("ada@example.org", PASSWORD).andExpect(status().isOk());
        }
    }

    @Test
    void repeatedFailuresFromOneAddressBlockItWhateverTheAccount() throws Exception {
        fixture.signup("Ada", "ada@example.org");
        for (int i = 0; i < AccountsIntegrationTest.FAILURES_PER_ADDRESS; i++) {
            mvc.perform(loginRequest("user" + i + "@example.org", "wrong-password").with(from("203.0.113.7")))
                .andExpect(status().isUnauthorized());
        }

        mvc.perform(loginRequest("ada@example.org", PASSWORD).with(from("203.0.113.7")))
            .andExpect(status().isTooManyRequests())
            .andExpect(header().exists("Retry-After"));
        mvc.perform(loginRequest("ada@example.org", PASSWORD).with(from("198.51.100.1"))).andExpect(status().isOk());
    }

    @Test
    void thereIsNoDefaultUserNoBasicAuthenticationAndNoLoginPage() throws Exception {
        assertThat(context.getBeanNamesForType(UserDetailsService.class)).isEmpty();
        mvc.perform(get("/api/me").header("Authorization", "Basic dXNlcjpwYXNzd29yZA=="))
            .andExpect(status().isUnauthorized());
        mvc.perform(get("/login")).andExpect(status().isUnauthorized());
        mvc.perform(post("/login").param("username", "user").param("password", "password"))
            .andExpect(status().isUnauthorized());
    }

    @Test
    void onlyAdminsReadTheActuatorBeyondHealthAndInfo() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
        mvc.perform(get("/actuator/metrics")).andExpect(status().isUnauthorized());
        Session ada = fixture.account("Ada", "ada@example.org");
        mvc.perform(get("/actuator/metrics").with(ada.csrf()))
            .andExpect(status().isForbidden())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value("/problems/forbidden"));
        Session root = fixture.account("Root", AccountsFixture.ADMIN);
        mvc.perform(get("/actuator/metrics").with(root.csrf())).andExpect(status().isOk());
        JsonNode me = json(mvc.perform(get("/api/me").with(root.csrf())).andReturn().getResponse());
        assertThat(me.get("admin").asBoolean()).isTrue();
    }

    /** Not periodic, no common word, no "ada". */
    private static String letters(int n) {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < n; i++) {
            password.append((char) ('a' + i * 7 % 26));
        }
        return password.toString();
    }

    private ResultActions signup(String name, String email, String password) throws Exception {
        return mvc.perform(post("/api/auth/signup").contentType(MediaType.APPLICATION_JSON)
            .content(json(Map.of("name", name, "email", email, "password", password))));
    }

    private ResultActions login(String email, String password) throws Exception {
        return mvc.perform(loginRequest(email, password));
    }

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder loginRequest(String email,
            String password) {
        return post("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
            .content(json(Map.of("email", email, "password", password)));
    }

}
