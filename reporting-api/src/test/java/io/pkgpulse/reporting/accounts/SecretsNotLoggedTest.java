package io.pkgpulse.reporting.accounts;

import static io.pkgpulse.reporting.accounts.AccountsFixture.apiKey;
import static io.pkgpulse.reporting.accounts.AccountsFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import io.pkgpulse.reporting.accounts.AccountsFixture.Session;

/**
 * With every logger at TRACE, sign-up, login, failed login, API keys and a password reset
 * leave no password and no API key in the output, and the reset token only where the
 * persistence layer prints row ids (the {@code local} profile, which logs reset tokens on
 * purpose, is off).
 */
@AccountsIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SecretsNotLoggedTest {

    static final String FIRST_PASSWORD = "Quokka-Tangerine-Lattice-913";
    static final String WRONG_PASSWORD = "Wombat-Clementine-Trellis-284";
    static final String NEW_PASSWORD = "Narwhal-Persimmon-Gazebo-577";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LoggingSystem loggingSystem;

    @Autowired
    RecordingPasswordResetNotifier notifier;

    @Autowired
    LoginThrottle loginThrottle;

    @Autowired
    Environment environment;

    /** Logger names as the console pattern abbreviates them. */
    static final String PERSISTENCE_LOGGERS = " (org\\.hibernate\\.|o\\.h\\.|o\\.postgresql\\.|org\\.postgresql\\.|o\\.s\\.orm\\.)";

    LogLevel rootLevel;

    @BeforeEach
    void everythingAtTrace() {
        new AccountsFixture(mvc, jdbc).clean();
        loginThrottle.reset();
        notifier.drain();
        rootLevel = loggingSystem.getLoggerConfiguration(LoggingSystem.ROOT_LOGGER_NAME).getEffectiveLevel();
        loggingSystem.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.TRACE);
    }

    @AfterEach
    void restoreLevels() {
        loggingSystem.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, rootLevel);
    }

    @Test
    void passwordsKeysAndTokensNeverReachTheLog(CapturedOutput output) throws Exception {
        assertThat(environment.matchesProfiles("local")).isFalse();

        post("/api/auth/signup", Map.of("name", "Ada", "email", "ada@example.org", "password", FIRST_PASSWORD), 201);
        post("/api/auth/signup", Map.of("name", "Ada", "email", "ADA@example.org", "password", FIRST_PASSWORD), 409);
        post("/api/auth/signup",
                Map.of("name", "Ada", "email", "weak@example.org", "password", WRONG_PASSWORD.substring(0, 10)), 400);
        post("/api/auth/login", Map.of("email", "ada@example.org", "password", WRONG_PASSWORD), 401);
        post("/api/auth/login", Map.of("email", "nobody@example.org", "password", WRONG_PASSWORD), 401);
        Session ada = new AccountsFixture(mvc, jdbc).login("ada@example.org", FIRST_PASSWORD);

        String key = json(mvc
            .perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/me/api-keys")
                .with(ada.csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content(json(Map.of("name", "CI"))))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()).get("key").asString();
        mvc.perform(get("/api/me").with(apiKey(key))).andExpect(status().isOk());
        mvc.perform(get("/api/me").with(apiKey(key.substring(0, 20) + "A".repeat(key.length() - 20))))
            .andExpect(status().isUnauthorized());

        post("/api/auth/password-reset", Map.of("email", "ada@example.org"), 202);
        PasswordResetNotice notice = notifier.next(Duration.ofSeconds(20));
        assertThat(notice).isNotNull();
        String token = notice.token();
        post("/api/auth/password-reset/confirm", Map.of("token", token, "password", WRONG_PASSWORD.substring(0, 9)),
                400);
        post("/api/auth/password-reset/confirm", Map.of("token", token, "password", NEW_PASSWORD), 204);
        post("/api/auth/password-reset/confirm", Map.of("token", token, "password", NEW_PASSWORD), 400);
        post("/api/auth/login", Map.of("email", "ada@example.org", "password", NEW_PASSWORD), 200);

        String log = output.getAll();
        assertThat(log).as("the log was at TRACE").contains("TRACE");
        assertThat(log).doesNotContain(FIRST_PASSWORD)
            .doesNotContain(WRONG_PASSWORD)
            .doesNotContain(WRONG_PASSWORD.substring(0, 10))
            .doesNotContain(NEW_PASSWORD);
        assertThat(log).doesNotContain(key).doesNotContain(key.substring(ApiKey.PREFIX_LENGTH));
        // Known gap (docs/security.md): the model stores the reset token as the row's id,
        // so the persistence layer
        // prints it where it prints entity ids and bound parameters (Hibernate and Spring
        // ORM at DEBUG/TRACE, PgJDBC
        // at TRACE). Nothing else may print it.
        assertThat(log.lines().filter(line -> line.contains(token)))
            .allSatisfy(line -> assertThat(line).containsPattern(PERSISTENCE_LOGGERS));
    }

    private void post(String path, Map<String, String> body, int status) throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
            .contentType(MediaType.APPLICATION_JSON)
            .content(json(body))).andExpect(status().is(status));
    }

    private static final class ApiKey {

        static final int PREFIX_LENGTH = io.pkgpulse.model.accounts.ApiKey.PREFIX_LENGTH;

    }

}
