package io.pkgpulse.reporting.security;

import org.springframework.security.authentication.BadCredentialsException;

/**
 * The {@code X-API-Key} header holds no valid key: malformed, unknown or revoked
 * (deliberately not saying which).
 */
class InvalidApiKeyException extends BadCredentialsException {

    InvalidApiKeyException() {
        super("Invalid API key");
    }

}
