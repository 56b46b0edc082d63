package io.pkgpulse.reporting.security;

import java.util.Optional;

/**
 * Looks up the account an {@code X-API-Key} belongs to. Implemented where keys are kept
 * (accounts/); an interface here so that the security configuration does not depend on
 * the accounts feature.
 */
public interface ApiKeyAuthenticator {

    /** The key's owner, or empty for a malformed, unknown or revoked key. */
    Optional<AccountPrincipal> authenticate(String key);

}
