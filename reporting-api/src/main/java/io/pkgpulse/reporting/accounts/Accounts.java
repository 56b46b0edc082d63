package io.pkgpulse.reporting.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.hibernate.exception.ConstraintViolationException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.pkgpulse.model.accounts.User;
import io.pkgpulse.model.accounts.UserRepository;
import io.pkgpulse.reporting.problems.ApiProblem;
import io.pkgpulse.reporting.security.AccountPrincipal;
import io.pkgpulse.reporting.security.AccountsProperties;

/** Sign-up, the record of logins, and what {@code GET /api/me} shows. */
@Service
class Accounts {

    static final String EMAIL_INDEX = "users_email_lower_key";

    private final UserRepository users;

    private final PasswordEncoder passwordEncoder;

    private final PasswordPolicy passwordPolicy;

    private final JdbcClient jdbc;

    private final Clock clock;

    private final AccountsProperties properties;

    Accounts(UserRepository users, PasswordEncoder passwordEncoder, PasswordPolicy passwordPolicy, JdbcClient jdbc,
            Clock clock, AccountsProperties properties) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.passwordPolicy = passwordPolicy;
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * A new account. The address is checked first (to spare the hashing), but the
     * database's unique index on {@code lower(email)} decides: two sign-ups racing for
     * one address get one account and one 409.
     */
    AccountView signup(String name, String email, String password) {
        String trimmedName = name.trim();
        String trimmedEmail = email.trim();
        passwordPolicy.check(password, trimmedEmail, trimmedName);
        if (users.findByEmail(trimmedEmail).isPresent()) {
            throw ApiProblem.emailTaken();
        }
        User user = new User(trimmedName, trimmedEmail, password, passwordEncoder);
        try {
            users.saveAndFlush(user);
        }
        catch (DataIntegrityViolationException ex) {
            if (violates(ex, EMAIL_INDEX)) {
                throw ApiProblem.emailTaken();
            }
            throw ex;
        }
        return AccountView.of(user);
    }

    private static boolean violates(Throwable ex, String constraint) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation
                    && constraint.equals(violation.getConstraintName())) {
                return true;
            }
            if (cause.getMessage() != null && cause.getMessage().contains(constraint)) {
                return true;
            }
        }
        return false;
    }

    @Transactional
    AccountView recordLogin(long userId) {
        User user = users.findById(userId).orElseThrow(ApiProblem::loginFailed);
        user.loggedIn(clock.instant());
        return AccountView.of(user);
    }

    @Transactional(readOnly = true)
    MeView me(AccountPrincipal principal) {
        User user = users.findById(principal.userId()).orElseThrow(ApiProblem::unauthorized);
        List<PackageRole> packages = jdbc.sql("""
                SELECT p.normalized_name, p.name, m.role, p.is_private FROM maintainers m
                JOIN packages p ON p.id = m.package_id WHERE m.user_id = ? ORDER BY p.normalized_name""")
            .param(user.getId())
            .query((row, n) -> new PackageRole(row.getString(1), row.getString(2), row.getString(3), row.getBoolean(4)))
            .list();
        return new MeView(user.getId(), user.getName(), user.getEmail(), user.getCreatedAt(), user.getLastLoginAt(),
                properties.isAdmin(user.getEmail()), principal.viaApiKey() ? "api_key" : "session", packages);
    }

    /** An account as sign-up and login answer it. */
    record AccountView(long id, String name, String email) {

        static AccountView of(User user) {
            return new AccountView(user.getId(), user.getName(), user.getEmail());
        }
    }

    /** The caller, with the packages they maintain. */
    record MeView(long id, String name, String email, @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("last_login_at") Instant lastLoginAt, boolean admin,
            @JsonProperty("authenticated_by") String authenticatedBy, List<PackageRole> packages) {
    }

    /**
     * A package the caller maintains and their role on it ({@code OWNER} or
     * {@code MAINTAINER}).
     */
    record PackageRole(@JsonProperty("package") String pkg, String name, String role,
            @JsonProperty("private") boolean isPrivate) {
    }

}
