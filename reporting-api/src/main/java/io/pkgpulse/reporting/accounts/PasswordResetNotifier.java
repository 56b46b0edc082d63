package io.pkgpulse.reporting.accounts;

/**
 * Delivers a password reset token to its account's owner (typically by e-mail). The
 * default, {@link LoggingPasswordResetNotifier}, only logs that a reset was issued;
 * declare a {@code @Primary} bean of this type to deliver for real. Called on a
 * background thread, never on the request's.
 */
public interface PasswordResetNotifier {

    void passwordResetIssued(PasswordResetNotice notice);

}
