package io.pkgpulse.reporting.accounts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The default {@link PasswordResetNotifier}: logs that a reset was issued, for whom (the
 * user id, not the address). It logs the token itself only when the {@code local} profile
 * is active, so that a developer can try the flow without a mail server; under any other
 * profile the token is never logged and nobody receives it.
 */
class LoggingPasswordResetNotifier implements PasswordResetNotifier {

    private static final Logger log = LoggerFactory.getLogger(LoggingPasswordResetNotifier.class);

    private final boolean local;

    LoggingPasswordResetNotifier(Environment environment) {
        this.local = environment.acceptsProfiles(Profiles.of("local"));
    }

    @Override
    public void passwordResetIssued(PasswordResetNotice notice) {
        log.info("A password reset was issued for user {}", notice.userId());
        if (local) {
            log.info("Local profile only: the reset token for user {} is {} (valid until {})", notice.userId(),
                    notice.token(), notice.expiresAt());
        }
    }

}
