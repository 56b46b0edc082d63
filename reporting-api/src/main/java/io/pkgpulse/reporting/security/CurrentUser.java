package io.pkgpulse.reporting.security;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Who is asking: the signed-in user (by session or API key), if any. */
@Component
public class CurrentUser {

    /** The caller's user id; empty for anonymous requests. */
    public Optional<Long> id() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated()
                && authentication.getPrincipal() instanceof AccountPrincipal principal) {
            return Optional.of(principal.userId());
        }
        return Optional.empty();
    }

}
