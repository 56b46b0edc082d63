package io.pkgpulse.reporting.security;

import java.io.Serializable;

/**
 * The authenticated caller as Spring Security holds it: which user, and whether through
 * an API key (which gets the higher rate limit). Never holds a password or a key.
 */
public record AccountPrincipal(long userId, String email, boolean viaApiKey) implements Serializable {
}
