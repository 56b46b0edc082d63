package io.pkgpulse.reporting.accounts;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import io.pkgpulse.reporting.problems.ApiProblem;

class PasswordPolicyTest {

    PasswordPolicy policy = new PasswordPolicy();

    @ParameterizedTest
    @ValueSource(
            strings = { "violet-harbour-engine-7", "12 characters", "Ünïcödé passwörd ✓", "correct horse battery" })
    void goodPasswordsPass(String password) {
        assertThatCode(() -> policy.check(password, "ada.lovelace@example.org", "Ada Lovelace"))
            .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({ "'',                           length", "elevenchars,                  length",
            "ADA.LOVELACE-is-here,         personal-data", "my-name-is-lovelace,          personal-data",
            "the-countess-ada-1815,        personal-data", "PASSWORD2024!,                common-password",
            "iloveyou1234,                 common-password", "1qaz2wsx3edc,                 common-password",
            "passwordpassword,             common-password", "123456789012,                 common-password",
            "winter1999!!x,                length-ok-not-common", "mnmnmnmnmnmnmn,               repetition",
            "ab12ab12ab12ab12,             repetition" })
    void eachRuleIsNamed(String password, String rule) {
        if (rule.equals("length-ok-not-common")) {
            assertThatCode(() -> policy.check(password, "ada@example.org", "Ada")).doesNotThrowAnyException();
            return;
        }
        assertThatThrownBy(() -> policy.check(password, "ada.lovelace@example.org", "Ada Lovelace"))
            .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                org.assertj.core.api.Assertions.assertThat(problem.getBody().getProperties())
                    .containsEntry("rule", rule);
                org.assertj.core.api.Assertions.assertThat(problem.getBody().getDetail())
                    .doesNotContain(password.isEmpty() ? "\u0000" : password);
            });
    }

    @Test
    void nullAnd129CharactersAreTooLongOrShortAnd128Fit() {
        assertThatThrownBy(() -> policy.check(null, "ada@example.org", "Ada")).isInstanceOf(ApiProblem.class);
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 128; i++) {
            password.append((char) ('b' + i * 5 % 24));
        }
        assertThatCode(() -> policy.check(password.toString(), "x@example.org", "X")).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.check(password + "q", "x@example.org", "X")).isInstanceOf(ApiProblem.class);
    }

    @Test
    void shortNamesAndLocalPartsDoNotForbidEveryPasswordWithThoseLetters() {
        assertThatCode(() -> policy.check("a long bright morning", "al@example.org", "Li")).doesNotThrowAnyException();
    }

}
