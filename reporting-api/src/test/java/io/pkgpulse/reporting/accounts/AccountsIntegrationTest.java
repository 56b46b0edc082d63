package io.pkgpulse.reporting.accounts;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

import io.pkgpulse.testsupport.TestInfrastructure;

/**
 * A test of accounts through MockMvc (the whole security filter chain, no server) against
 * this run's PostgreSQL, with rate limiting off, {@value AccountsFixture#ADMIN} as admin,
 * small login limits and reset notices recorded. All such tests share one context (also
 * the tests in other packages that use it, such as the authorization matrix).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = { "pkgpulse.ratelimit.enabled=false", "pkgpulse.accounts.admins=" + AccountsFixture.ADMIN,
        // Small login limits: every failed login costs an Argon2 hash, so fewer attempts
        // keep the tests fast.
        "pkgpulse.accounts.login-failures-per-email=" + AccountsIntegrationTest.FAILURES_PER_EMAIL,
        "pkgpulse.accounts.login-failures-per-address=" + AccountsIntegrationTest.FAILURES_PER_ADDRESS })
@AutoConfigureMockMvc
@Import({ TestInfrastructure.class, RecordingPasswordResetNotifier.Configuration.class })
public @interface AccountsIntegrationTest {

    int FAILURES_PER_EMAIL = 3;

    int FAILURES_PER_ADDRESS = 6;

}
