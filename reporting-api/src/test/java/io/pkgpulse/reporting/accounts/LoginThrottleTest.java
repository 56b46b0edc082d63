package io.pkgpulse.reporting.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pkgpulse.reporting.security.AccountsProperties;

/**
 * The default limits, without hashing: 5 failures per account and 20 per client address
 * per 15 minutes.
 */
class LoginThrottleTest {

    static final AccountsProperties DEFAULTS = new AccountsProperties(List.of(), true, 5, 20, Duration.ofMinutes(15), 3,
            25);

    LoginThrottle throttle = new LoginThrottle(DEFAULTS);

    @Test
    void fiveAttemptsPerAccountThenAWaitOfAboutThreeMinutesForTheNext() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.tryAttempt("Ada@example.org", "192.0.2.1")).isEmpty();
        }

        assertThat(throttle.tryAttempt("ada@EXAMPLE.org", "192.0.2.2")).get()
            .satisfies(wait -> assertThat(wait).isBetween(Duration.ofMinutes(2), Duration.ofMinutes(3)));
        assertThat(throttle.tryAttempt("bob@example.org", "192.0.2.1")).isEmpty();
    }

    @Test
    void twentyAttemptsPerAddressWhateverTheAccount() {
        for (int i = 0; i < 20; i++) {
            assertThat(throttle.tryAttempt("user" + i + "@example.org", "192.0.2.1")).isEmpty();
        }

        assertThat(throttle.tryAttempt("someone@example.org", "192.0.2.1")).isPresent();
        // The refused attempt did not use up the account's allowance.
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.tryAttempt("someone@example.org", "192.0.2.9")).isEmpty();
        }
    }

    @Test
    void aSuccessGivesTheAttemptBackAndForgetsTheAccountsFailures() {
        for (int i = 0; i < 4; i++) {
            throttle.tryAttempt("ada@example.org", "192.0.2.1");
        }
        throttle.tryAttempt("ada@example.org", "192.0.2.1");
        throttle.succeeded("ada@example.org", "192.0.2.1");

        for (int i = 0; i < 5; i++) {
            assertThat(throttle.tryAttempt("ada@example.org", "192.0.2.1")).isEmpty();
        }
    }

    @Test
    void threeResetEmailsPerAddressAndHour() {
        assertThat(throttle.tryPasswordReset("ada@example.org")).isTrue();
        assertThat(throttle.tryPasswordReset("ADA@example.org")).isTrue();
        assertThat(throttle.tryPasswordReset("ada@example.org ")).isTrue();
        assertThat(throttle.tryPasswordReset("ada@example.org")).isFalse();
        assertThat(throttle.tryPasswordReset("bob@example.org")).isTrue();
    }

}
