package io.pkgpulse.reporting.accounts;

import java.time.Instant;

/**
 * What a {@link PasswordResetNotifier} needs to send a reset: to whom, the token, and
 * until when it works. {@link #toString()} never prints the token.
 */
public record PasswordResetNotice(long userId, String name, String email, String token, Instant expiresAt) {

    @Override
    public String toString() {
        return "PasswordResetNotice[userId=" + userId + ", expiresAt=" + expiresAt + "]";
    }
}
