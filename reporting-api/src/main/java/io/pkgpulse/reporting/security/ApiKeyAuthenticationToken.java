package io.pkgpulse.reporting.security;

import java.util.Collection;
import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A request's {@code X-API-Key}: before authentication it holds the key as its
 * credentials (never its principal, so that nothing prints it); afterwards the
 * {@link AccountPrincipal} and no key.
 */
final class ApiKeyAuthenticationToken extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;

    private final AccountPrincipal principal;

    private String key;

    private ApiKeyAuthenticationToken(AccountPrincipal principal, String key,
            Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.principal = principal;
        this.key = key;
        setAuthenticated(principal != null);
    }

    static ApiKeyAuthenticationToken unauthenticated(String key) {
        return new ApiKeyAuthenticationToken(null, key, List.of());
    }

    static ApiKeyAuthenticationToken authenticated(AccountPrincipal principal,
            Collection<? extends GrantedAuthority> authorities) {
        return new ApiKeyAuthenticationToken(principal, null, authorities);
    }

    @Override
    public Object getCredentials() {
        return key;
    }

    @Override
    public Object getPrincipal() {
        return principal;
    }

    @Override
    public String getName() {
        return principal == null ? "" : principal.email();
    }

    @Override
    public void eraseCredentials() {
        super.eraseCredentials();
        key = null;
    }

    @Override
    public String toString() {
        return "ApiKeyAuthenticationToken[" + (principal == null ? "unauthenticated" : "user " + principal.userId())
                + "]";
    }

}
