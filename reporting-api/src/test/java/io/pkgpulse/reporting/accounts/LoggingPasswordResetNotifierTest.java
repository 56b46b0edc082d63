package io.pkgpulse.reporting.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

@ExtendWith(OutputCaptureExtension.class)
class LoggingPasswordResetNotifierTest {

    static final PasswordResetNotice NOTICE = new PasswordResetNotice(42, "Ada", "ada@example.org",
            "0123456789abcdef0123456789abcdef", Instant.parse("2030-01-01T00:00:00Z"));

    @Test
    void withoutTheLocalProfileItLogsThatAResetWasIssuedButNeitherTokenNorAddress(CapturedOutput output) {
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles("prod");

        new LoggingPasswordResetNotifier(production).passwordResetIssued(NOTICE);

        assertThat(output).contains("A password reset was issued for user 42")
            .doesNotContain(NOTICE.token())
            .doesNotContain("ada@example.org");
        assertThat(NOTICE.toString()).doesNotContain(NOTICE.token());
    }

    @Test
    void theLocalProfileAlsoLogsTheTokenForDevelopers(CapturedOutput output) {
        MockEnvironment local = new MockEnvironment();
        local.setActiveProfiles("local");

        new LoggingPasswordResetNotifier(local).passwordResetIssued(NOTICE);

        assertThat(output).contains("A password reset was issued for user 42").contains(NOTICE.token());
    }

}
