package io.pkgpulse.reporting.accounts;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.pkgpulse.reporting.accounts.Accounts.AccountView;
import io.pkgpulse.reporting.problems.ApiProblem;
import io.pkgpulse.reporting.ratelimit.ClientAddress;
import io.pkgpulse.reporting.security.AccountPrincipal;
import io.pkgpulse.reporting.security.CsrfCookie;
import io.pkgpulse.reporting.security.InputRules;

/**
 * Sign-up, login and password reset ({@code /api/auth/**}; logout is Spring Security's
 * logout filter). These need no session and no CSRF token; everything else that changes
 * state does.
 */
@RestController
@RequestMapping(path = "/api/auth", produces = "application/json")
class AuthController {

    static final Map<String, String> RESET_ACCEPTED = Map.of("message",
            "If an account uses this e-mail address, a password reset has been sent to it.");

    private final Accounts accounts;

    private final AuthenticationManager authenticationManager;

    private final LoginThrottle loginThrottle;

    private final SessionAuthenticationStrategy sessionStrategy;

    private final SecurityContextRepository securityContextRepository;

    private final PasswordResetService passwordResets;

    private final SecurityContextHolderStrategy contextHolder = SecurityContextHolder.getContextHolderStrategy();

    AuthController(Accounts accounts, AuthenticationManager authenticationManager, LoginThrottle loginThrottle,
            SessionAuthenticationStrategy sessionStrategy, SecurityContextRepository securityContextRepository,
            PasswordResetService passwordResets) {
        this.accounts = accounts;
        this.authenticationManager = authenticationManager;
        this.loginThrottle = loginThrottle;
        this.sessionStrategy = sessionStrategy;
        this.securityContextRepository = securityContextRepository;
        this.passwordResets = passwordResets;
    }

    @PostMapping("/signup")
    ResponseEntity<AccountView> signup(@Valid @RequestBody Signup body) {
        AccountView account = accounts.signup(body.name(), body.email(), body.password());
        return ResponseEntity.created(URI.create("/api/me")).body(account);
    }

    /**
     * Checks the password and starts a session: a new session id (no fixation), the
     * security context in the session, and a new CSRF token in the {@code XSRF-TOKEN}
     * cookie.
     */
    @PostMapping("/login")
    AccountView login(@Valid @RequestBody Login body, HttpServletRequest request, HttpServletResponse response) {
        String email = body.email().trim();
        String address = ClientAddress.of(request);
        Optional<Duration> wait = loginThrottle.tryAttempt(email, address);
        if (wait.isPresent()) {
            throw ApiProblem.loginThrottled(wait.get());
        }
        Authentication authentication;
        try {
            authentication = authenticationManager
                .authenticate(UsernamePasswordAuthenticationToken.unauthenticated(email, body.password()));
        }
        catch (AuthenticationException ex) {
            throw ApiProblem.loginFailed();
        }
        loginThrottle.succeeded(email, address);
        sessionStrategy.onAuthentication(authentication, request, response);
        SecurityContext context = contextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        contextHolder.setContext(context);
        securityContextRepository.saveContext(context, request, response);
        CsrfCookie.render(request);
        return accounts.recordLogin(((AccountPrincipal) authentication.getPrincipal()).userId());
    }

    /** Always 202 with the same body, whether or not an account uses the address. */
    @PostMapping("/password-reset")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, String> requestPasswordReset(@Valid @RequestBody ResetRequest body) {
        passwordResets.request(body.email());
        return RESET_ACCEPTED;
    }

    @PostMapping("/password-reset/confirm")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void confirmPasswordReset(@Valid @RequestBody ResetConfirmation body) {
        passwordResets.confirm(body.token(), body.password());
    }

    /**
     * No control characters (line breaks in a name would forge log lines and mail
     * headers).
     */
    static final String PRINTABLE = InputRules.PRINTABLE;

    record Signup(@NotBlank @Size(max = 100) @Pattern(regexp = PRINTABLE) String name,
            @NotBlank @Size(max = 254) @Email @Pattern(regexp = "[^\\s@]+@[^\\s@]+") String email,
            @NotNull String password) {

        @Override
        public String toString() {
            return "Signup[name=" + name + ", email=" + email + "]";
        }
    }

    /**
     * No control characters in the address: no account has one, and PostgreSQL refuses a
     * NUL (it was a 500).
     */
    record Login(@NotBlank @Size(max = 254) @Pattern(regexp = PRINTABLE) String email, @NotNull String password) {

        @Override
        public String toString() {
            return "Login[email=" + email + "]";
        }
    }

    record ResetRequest(@NotBlank @Size(max = 254) @Email String email) {
    }

    record ResetConfirmation(@NotNull String token, @NotNull String password) {

        @Override
        public String toString() {
            return "ResetConfirmation[]";
        }
    }

}
