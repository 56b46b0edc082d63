package io.pkgpulse.reporting.security;

import java.util.Optional;
import java.util.UUID;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;

import io.pkgpulse.model.accounts.User;
import io.pkgpulse.model.accounts.UserRepository;

/**
 * E-mail and password against the stored Argon2id hash (the model's
 * {@link PasswordEncoder}, which compares in constant time). An unknown address costs the
 * same hashing time as a wrong password, verified against a dummy hash of the same
 * parameters, and fails with the same exception.
 */
class PasswordAuthenticationProvider implements AuthenticationProvider {

    private final UserRepository users;

    private final PasswordEncoder passwordEncoder;

    private final AccountsProperties properties;

    private final String dummyHash;

    PasswordAuthenticationProvider(UserRepository users, PasswordEncoder passwordEncoder,
            AccountsProperties properties) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.properties = properties;
        this.dummyHash = passwordEncoder.encode(UUID.randomUUID().toString());
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String email = authentication.getName();
        String password = authentication.getCredentials() instanceof String raw ? raw : null;
        if (email == null || email.length() > 254 || password == null || password.isEmpty()
                || password.length() > InputRules.MAX_PASSWORD_LENGTH) {
            // No account can have this address or password; answering at once tells
            // nothing about accounts.
            throw new BadCredentialsException("Invalid e-mail address or password");
        }
        Optional<User> user = users.findByEmail(email.trim());
        boolean matches;
        if (user.isPresent()) {
            matches = user.get().passwordMatches(password, passwordEncoder);
        }
        else {
            passwordEncoder.matches(password, dummyHash);
            matches = false;
        }
        if (!matches) {
            throw new BadCredentialsException("Invalid e-mail address or password");
        }
        User account = user.get();
        return UsernamePasswordAuthenticationToken.authenticated(
                new AccountPrincipal(account.getId(), account.getEmail(), false), null,
                Authorities.of(account.getEmail(), properties));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

}
