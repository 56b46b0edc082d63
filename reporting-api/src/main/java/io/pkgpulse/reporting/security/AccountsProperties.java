package io.pkgpulse.reporting.security;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code pkgpulse.accounts.*} (the model's
 * {@code pkgpulse.accounts.password-reset-validity} is read by {@code PasswordResets}).
 * Here rather than in accounts/ because the security configuration reads the admins and
 * the cookie flag, and accounts/ depends on security/, not the other way round; the
 * accounts feature reads the limits.
 *
 * @param admins e-mail addresses of the administrators, who may manage any package's
 * maintainers and visibility and read the actuator; from the environment
 * ({@code PKGPULSE_ACCOUNTS_ADMINS}), empty by default
 * @param secureCookies whether the session and XSRF-TOKEN cookies carry {@code Secure}
 * (sent over HTTPS only); an explicit {@code server.servlet.session.cookie.secure} wins
 * for the session cookie
 * @param loginFailuresPerEmail failed logins allowed per e-mail address and window
 * @param loginFailuresPerAddress failed logins allowed per client address and window
 * @param loginFailureWindow the window those failures are counted in (they drain
 * continuously)
 * @param passwordResetsPerEmailPerHour reset e-mails sent per address and hour at most
 * (more are silently dropped)
 * @param maxApiKeysPerUser active API keys a user may hold
 */
@ConfigurationProperties("pkgpulse.accounts")
public record AccountsProperties(@DefaultValue List<String> admins, @DefaultValue("true") boolean secureCookies,
        @DefaultValue("5") int loginFailuresPerEmail, @DefaultValue("20") int loginFailuresPerAddress,
        @DefaultValue("15m") Duration loginFailureWindow, @DefaultValue("3") int passwordResetsPerEmailPerHour,
        @DefaultValue("25") int maxApiKeysPerUser) {

    public AccountsProperties {
        admins = admins.stream().map(AccountsProperties::normalize).filter(a -> !a.isEmpty()).distinct().toList();
        if (loginFailuresPerEmail < 1 || loginFailuresPerAddress < 1 || passwordResetsPerEmailPerHour < 1
                || maxApiKeysPerUser < 1 || loginFailureWindow.isZero() || loginFailureWindow.isNegative()) {
            throw new IllegalArgumentException("pkgpulse.accounts limits must be positive");
        }
    }

    /**
     * Whether the account with this e-mail address is an administrator (letter case does
     * not matter).
     */
    public boolean isAdmin(String email) {
        return email != null && admins.contains(normalize(email));
    }

    static String normalize(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
