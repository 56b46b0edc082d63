package io.pkgpulse.reporting.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;

/**
 * Authenticates an {@code X-API-Key}; a malformed, unknown or revoked key is an
 * {@link InvalidApiKeyException}.
 */
class ApiKeyAuthenticationProvider implements AuthenticationProvider {

    private final ApiKeyAuthenticator apiKeys;

    private final AccountsProperties properties;

    ApiKeyAuthenticationProvider(ApiKeyAuthenticator apiKeys, AccountsProperties properties) {
        this.apiKeys = apiKeys;
        this.properties = properties;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String key = authentication.getCredentials() instanceof String raw ? raw : null;
        AccountPrincipal principal = apiKeys.authenticate(key).orElseThrow(InvalidApiKeyException::new);
        return ApiKeyAuthenticationToken.authenticated(principal, Authorities.of(principal.email(), properties));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return ApiKeyAuthenticationToken.class.isAssignableFrom(authentication);
    }

}
