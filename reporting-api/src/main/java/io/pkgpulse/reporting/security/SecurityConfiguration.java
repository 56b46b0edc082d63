package io.pkgpulse.reporting.security;

import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.Cookie;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.logout.HttpStatusReturningLogoutSuccessHandler;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import io.pkgpulse.model.accounts.UserRepository;
import io.pkgpulse.reporting.problems.ProblemResponses;

/**
 * Who may call what (docs/security.md). Statistics, badges, dashboard pages, static
 * assets, the OpenAPI document, health and info are public; accounts sign in with a
 * session ({@code POST /api/auth/login}) or an API key ({@code X-API-Key}); anything not
 * listed needs a signed-in caller, and the other actuator endpoints an admin. Session
 * requests that change state need the CSRF token; API-key requests and
 * {@code /api/auth/**} do not. There is no login page, no HTTP basic and no default user:
 * the {@link AuthenticationManager} bean below makes Spring Boot's generated user back
 * off.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccountsProperties.class)
class SecurityConfiguration {

    static final String API_KEY_HEADER = "X-API-Key";

    private static final String[] PUBLIC_READS = { "/api/**", "/badge/**", "/", "/packages/**", "/webjars/**",
            "/css/**", "/js/**", "/dashboard/**", "/favicon.ico", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**",
            "/swagger-ui.html" };

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, AuthenticationManager authenticationManager,
            ProblemResponses problems, RequestLimiter rateLimiter, CookieCsrfTokenRepository csrfTokenRepository,
            SecurityContextRepository securityContextRepository) throws Exception {
        AuthenticationFilter apiKeyFilter = new AuthenticationFilter(authenticationManager, request -> {
            String key = request.getHeader(API_KEY_HEADER);
            return key == null ? null : ApiKeyAuthenticationToken.unauthenticated(key);
        });
        apiKeyFilter.setSuccessHandler((request, response, authentication) -> {
            // Go on with the request; the key authenticates this request only (no
            // session).
        });
        apiKeyFilter.setFailureHandler((request, response, ex) -> {
            // Wrong keys count against the client's address, so that guessing them is
            // limited like anything else.
            if (rateLimiter.admit(request, response)) {
                problems.unauthorized(request, response, ex instanceof InvalidApiKeyException);
            }
        });
        apiKeyFilter.setSecurityContextRepository(new RequestAttributeSecurityContextRepository());

        return http
            .authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
                .permitAll()
                .requestMatchers("/error")
                .permitAll()
                .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                .permitAll()
                .requestMatchers("/actuator", "/actuator/**")
                .hasRole("ADMIN")
                .requestMatchers(HttpMethod.POST, "/api/auth/signup", "/api/auth/login", "/api/auth/password-reset",
                        "/api/auth/password-reset/confirm")
                .permitAll()
                .requestMatchers("/api/me", "/api/me/**")
                .authenticated()
                .requestMatchers("/api/packages/*/visibility", "/api/packages/*/maintainers",
                        "/api/packages/*/maintainers/**")
                .authenticated()
                .requestMatchers(HttpMethod.GET, PUBLIC_READS)
                .permitAll()
                .requestMatchers(HttpMethod.HEAD, PUBLIC_READS)
                .permitAll()
                .anyRequest()
                .authenticated())
            .addFilterAt(apiKeyFilter, BasicAuthenticationFilter.class)
            .addFilterAfter(new RateLimitFilter(rateLimiter), AnonymousAuthenticationFilter.class)
            .csrf(csrf -> csrf.csrfTokenRepository(csrfTokenRepository)
                // The plain handler: the header holds the cookie's value as it is. Unlike
                // csrf.spa(), the
                // token is not rendered on every response, only at login and GET /api/me
                // (CsrfCookie).
                .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                .ignoringRequestMatchers(SecurityConfiguration::csrfExempt))
            .securityContext(context -> context.securityContextRepository(securityContextRepository))
            .logout(logout -> logout
                .logoutRequestMatcher(PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/api/auth/logout"))
                .logoutSuccessHandler(new HttpStatusReturningLogoutSuccessHandler(HttpStatus.NO_CONTENT))
                .deleteCookies("JSESSIONID"))
            .exceptionHandling(exceptions -> exceptions
                .authenticationEntryPoint((request, response, ex) -> problems.unauthorized(request, response,
                        ex instanceof InvalidApiKeyException))
                .accessDeniedHandler(problems.accessDeniedHandler()))
            .headers(headers -> headers
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
            .requestCache(AbstractHttpConfigurer::disable)
            .formLogin(AbstractHttpConfigurer::disable)
            .httpBasic(AbstractHttpConfigurer::disable)
            .build();
    }

    /**
     * CSRF protects what a browser sends on its own: the session cookie. Exempt are
     * requests with no session to ride on, requests authenticated by {@code X-API-Key} (a
     * header no other site can make a browser send), and {@code /api/auth/**}, which
     * works before there is a session.
     */
    private static final RequestMatcher AUTH_PATHS = PathPatternRequestMatcher.pathPattern("/api/auth/**");

    private static boolean csrfExempt(HttpServletRequest request) {
        return request.getHeader(API_KEY_HEADER) != null || request.getSession(false) == null
                || AUTH_PATHS.matches(request);
    }

    /**
     * Email/password (login) and API keys. Being a bean, it also stops Spring Boot from
     * creating its in-memory user with a generated password.
     */
    @Bean
    AuthenticationManager authenticationManager(UserRepository users, PasswordEncoder passwordEncoder,
            AccountsProperties properties, ApiKeyAuthenticator apiKeys) {
        return new ProviderManager(List.of(new PasswordAuthenticationProvider(users, passwordEncoder, properties),
                new ApiKeyAuthenticationProvider(apiKeys, properties)));
    }

    /**
     * The token in the {@code XSRF-TOKEN} cookie (readable by scripts), echoed in
     * {@code X-XSRF-TOKEN}.
     */
    @Bean
    CookieCsrfTokenRepository csrfTokenRepository(AccountsProperties properties) {
        CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
        repository.setCookiePath("/");
        repository.setCookieCustomizer(cookie -> cookie.sameSite("Lax").secure(properties.secureCookies()));
        return repository;
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new DelegatingSecurityContextRepository(new RequestAttributeSecurityContextRepository(),
                new HttpSessionSecurityContextRepository());
    }

    /** At login: a new session id (against session fixation) and a new CSRF token. */
    @Bean
    SessionAuthenticationStrategy sessionAuthenticationStrategy(CookieCsrfTokenRepository csrfTokenRepository) {
        CsrfAuthenticationStrategy csrf = new CsrfAuthenticationStrategy(csrfTokenRepository);
        csrf.setRequestHandler(new CsrfTokenRequestAttributeHandler());
        return new CompositeSessionAuthenticationStrategy(List.of(new ChangeSessionIdAuthenticationStrategy(), csrf));
    }

    @Bean
    RequestRejectedHandler requestRejectedHandler(ProblemResponses problems) {
        return problems.requestRejectedHandler();
    }

    /**
     * The session cookie: {@code HttpOnly}, {@code SameSite=Lax}, and {@code Secure} as
     * {@code pkgpulse.accounts.secure-cookies} says, unless
     * {@code server.servlet.session.cookie.*} set them.
     */
    @Bean
    WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> sessionCookie(AccountsProperties properties) {
        return new SessionCookieCustomizer(properties);
    }

    private record SessionCookieCustomizer(AccountsProperties properties)
            implements
                WebServerFactoryCustomizer<ConfigurableServletWebServerFactory>,
                Ordered {

        @Override
        public void customize(ConfigurableServletWebServerFactory factory) {
            Cookie cookie = factory.getSettings().getSession().getCookie();
            if (cookie.getHttpOnly() == null) {
                cookie.setHttpOnly(true);
            }
            if (cookie.getSameSite() == null) {
                cookie.setSameSite(Cookie.SameSite.LAX);
            }
            if (cookie.getSecure() == null) {
                cookie.setSecure(properties.secureCookies());
            }
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

}
