package io.pkgpulse.reporting.security;

import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * What a signed-in caller may do: every account is a user; addresses in
 * {@code pkgpulse.accounts.admins} are admins.
 */
final class Authorities {

    static final String ADMIN = "ROLE_ADMIN";

    private Authorities() {
    }

    static List<GrantedAuthority> of(String email, AccountsProperties properties) {
        return properties.isAdmin(email) ? AuthorityUtils.createAuthorityList("ROLE_USER", ADMIN)
                : AuthorityUtils.createAuthorityList("ROLE_USER");
    }

}
