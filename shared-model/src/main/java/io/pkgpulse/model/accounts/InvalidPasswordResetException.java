package io.pkgpulse.model.accounts;

/**
 * The reset token is unknown, expired or already used; deliberately does not say which.
 */
public class InvalidPasswordResetException extends RuntimeException {

    public InvalidPasswordResetException() {
        super("The password reset token is unknown, expired or already used");
    }

}
