package io.pkgpulse.reporting.accounts;

import static io.pkgpulse.reporting.accounts.AccountsFixture.PASSWORD;
import static io.pkgpulse.reporting.accounts.AccountsFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@AccountsIntegrationTest
class PasswordResetTest {

    static final String NEW_PASSWORD = "amber-lighthouse-quietly-42";
    static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RecordingPasswordResetNotifier notifier;

    @Autowired
    LoginThrottle loginThrottle;

    AccountsFixture fixture;

    long adaId;

    @BeforeEach
    void anAccount() throws Exception {
        fixture = new AccountsFixture(mvc, jdbc);
        fixture.clean();
        loginThrottle.reset();
        notifier.drain();
        adaId = fixture.signup("Ada", "ada@example.org");
    }

    @Test
    void askingAnswers202WithTheSameBodyWhetherOrNotTheAccountExists() throws Exception {
        MockHttpServletResponse unknown = ask("nobody@example.org").andExpect(status().isAccepted())
            .andReturn()
            .getResponse();
        MockHttpServletResponse known = ask("ADA@example.org").andExpect(status().isAccepted())
            .andReturn()
            .getResponse();

        assertThat(known.getContentAsString()).isEqualTo(unknown.getContentAsString()).contains("message");
        assertThat(known.getContentType()).isEqualTo(unknown.getContentType());
        assertThat(known.getHeaderNames()).isEqualTo(unknown.getHeaderNames());

        // Requests are handled in order on one background thread: when Ada's notice
        // arrives, the unknown address
        // has been handled, and produced nothing.
        PasswordResetNotice notice = notifier.next(WAIT);
        assertThat(notice).isNotNull();
        assertThat(notice.userId()).isEqualTo(adaId);
        assertThat(notice.email()).isEqualTo("ada@example.org");
        assertThat(notice.token()).matches("[0-9a-f]{32}");
        assertThat(notifier.drain()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM password_resets", Long.class)).isEqualTo(1);
    }

    @Test
    void theTokenSetsANewPasswordOnce() throws Exception {
        String token = issue();

        confirm(token, NEW_PASSWORD).andExpect(status().isNoContent());

        fixture.login("ada@example.org", NEW_PASSWORD);
        login("ada@example.org", PASSWORD).andExpect(status().isUnauthorized());
        confirm(token, "another-fine-password-9").andExpect(status().isBadRequest())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value("/problems/invalid-reset-token"));
        fixture.login("ada@example.org", NEW_PASSWORD);
    }

    @Test
    void unknownExpiredAndUsedTokensGetOneAnswer() throws Exception {
        String used = issue();
        confirm(used, NEW_PASSWORD).andExpect(status().isNoContent());
        String expired = issue();
        jdbc.update("UPDATE password_resets SET created_at = now() - interval '2 hours',"
                + " expires_at = now() - interval '1 hour' WHERE id = ?", expired);

        String usedAnswer = confirm(used, "fresh-spring-meadow-8").andReturn().getResponse().getContentAsString();
        String expiredAnswer = confirm(expired, "fresh-spring-meadow-8").andExpect(status().isBadRequest())
            .andReturn()
            .getResponse()
            .getContentAsString();
        String unknownAnswer = confirm("0123456789abcdef0123456789abcdef", "fresh-spring-meadow-8")
            .andExpect(status().isBadRequest())
            .andReturn()
            .getResponse()
            .getContentAsString();
        String malformedAnswer = confirm("not-a-token", "fresh-spring-meadow-8").andExpect(status().isBadRequest())
            .andReturn()
            .getResponse()
            .getContentAsString();

        assertThat(usedAnswer).isEqualTo(expiredAnswer)
            .isEqualTo(unknownAnswer)
            .isEqualTo(malformedAnswer)
            .contains("/problems/invalid-reset-token");
        fixture.login("ada@example.org", NEW_PASSWORD);
    }

    @Test
    void aWeakNewPasswordIsRefusedAndTheTokenStillWorks() throws Exception {
        String token = issue();

        confirm(token, "short").andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.type").value("/problems/weak-password"))
            .andExpect(jsonPath("$.rule").value("length"));
        confirm(token, "ada-wants-this-one").andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.rule").value("personal-data"));

        confirm(token, NEW_PASSWORD).andExpect(status().isNoContent());
    }

    @Test
    void usingOneTokenRetiresTheOthers() throws Exception {
        String first = issue();
        String second = issue();

        confirm(second, NEW_PASSWORD).andExpect(status().isNoContent());

        confirm(first, "fresh-spring-meadow-8").andExpect(status().isBadRequest());
    }

    @Test
    void aResetClearsTheLoginLock() throws Exception {
        for (int i = 0; i < AccountsIntegrationTest.FAILURES_PER_EMAIL; i++) {
            login("ada@example.org", "guess-number-" + i).andExpect(status().isUnauthorized());
        }
        login("ada@example.org", PASSWORD).andExpect(status().isTooManyRequests());

        confirm(issue(), NEW_PASSWORD).andExpect(status().isNoContent());

        fixture.login("ada@example.org", NEW_PASSWORD);
    }

    @Test
    void atMostThreeResetEmailsPerAddressAndHour() throws Exception {
        long bobId = fixture.signup("Bob", "bob@example.org");
        for (int i = 0; i < 5; i++) {
            ask("ada@example.org").andExpect(status().isAccepted());
        }
        ask("bob@example.org").andExpect(status().isAccepted());

        // One background thread handles requests in order: once Bob's notice is there,
        // Ada's five were handled.
        java.util.List<Long> recipients = new java.util.ArrayList<>();
        PasswordResetNotice notice;
        do {
            notice = notifier.next(WAIT);
            assertThat(notice).isNotNull();
            recipients.add(notice.userId());
        }
        while (notice.userId() != bobId);
        assertThat(recipients).containsExactly(adaId, adaId, adaId, bobId);
    }

    @Test
    void invalidRequestsAre400Problems() throws Exception {
        mvc.perform(post("/api/auth/password-reset").contentType(MediaType.APPLICATION_JSON)
            .content(json(Map.of("email", "not an address"))))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.type").value("/problems/invalid-request"));
        mvc.perform(post("/api/auth/password-reset/confirm").contentType(MediaType.APPLICATION_JSON).content("{}"))
            .andExpect(status().isBadRequest())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    private String issue() throws Exception {
        ask("ada@example.org").andExpect(status().isAccepted());
        PasswordResetNotice notice = notifier.next(WAIT);
        assertThat(notice).as("reset notice").isNotNull();
        return notice.token();
    }

    private ResultActions ask(String email) throws Exception {
        return mvc.perform(post("/api/auth/password-reset").contentType(MediaType.APPLICATION_JSON)
            .content(json(Map.of("email", email))));
    }

    private ResultActions confirm(String token, String password) throws Exception {
        return mvc.perform(post("/api/auth/password-reset/confirm").contentType(MediaType.APPLICATION_JSON)
            .content(json(Map.of("token", token, "password", password))));
    }

    private ResultActions login(String email, String password) throws Exception {
        return mvc.perform(post("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
            .content(json(Map.of("email", email, "password", password))));
    }

}
