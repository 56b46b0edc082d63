package io.pkgpulse.reporting.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import io.pkgpulse.model.accounts.UserRepository;
import io.pkgpulse.reporting.problems.ProblemResponses;

/**
 * For {@code @WebMvcTest} slices: the application's real security filter chain (who may
 * call what, CSRF, the problems it answers with) instead of Spring Boot's default one,
 * with what it reaches beyond the web layer mocked: the user store, the password encoder,
 * API-key lookups (every key is unknown) and the rate limiter (which limits nothing).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import({ SecurityConfiguration.class, ProblemResponses.class })
@MockitoBean(types = { UserRepository.class, PasswordEncoder.class, ApiKeyAuthenticator.class, RequestLimiter.class })
public @interface ApiSecurityForSlices {

}
