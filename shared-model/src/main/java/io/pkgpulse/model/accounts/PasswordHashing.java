package io.pkgpulse.model.accounts;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Passwords are hashed with Argon2id (OWASP's minimum: 19 MiB, 2 iterations, 1 lane,
 * 16-byte salt). The hash carries an {@code {argon2}} prefix so that the algorithm can
 * change later without invalidating old hashes; bcrypt hashes ({@code {bcrypt}}) are
 * accepted too.
 */
@Configuration(proxyBeanMethods = false)
public class PasswordHashing {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder("argon2", Map.of("argon2",
                new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2), "bcrypt", new BCryptPasswordEncoder()));
    }

}
