package io.pkgpulse.model.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.EntityManager;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Issues password reset tokens and redeems each at most once. */
@Service
public class PasswordResets {

    private final EntityManager entityManager;

    private final PasswordEncoder passwordEncoder;

    private final Clock clock;

    private final Duration validity;

    PasswordResets(EntityManager entityManager, PasswordEncoder passwordEncoder, ObjectProvider<Clock> clock,
            @Value("${pkgpulse.accounts.password-reset-validity:1h}") Duration validity) {
        this.entityManager = entityManager;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.validity = validity;
    }

    /**
     * A new token for {@code user}, valid for the configured time
     * ({@code pkgpulse.accounts.password-reset-validity}).
     */
    @Transactional
    public PasswordReset issue(User user) {
        PasswordReset reset = new PasswordReset(entityManager.getReference(User.class, user.getId()),
                clock.instant().plus(validity));
        entityManager.persist(reset);
        return reset;
    }

    /** The reset with this token, used or not. */
    @Transactional(readOnly = true)
    public Optional<PasswordReset> find(String token) {
        return Optional.ofNullable(entityManager.find(PasswordReset.class, token));
    }

    /**
     * Sets the password of the token's user and uses the token up. The token is claimed
     * by one conditional update, so two concurrent redemptions cannot both succeed.
     * @throws InvalidPasswordResetException if the token is unknown, expired or already
     * used
     */
    @Transactional
    public User redeem(String token, String newRawPassword) {
        Instant now = clock.instant();
        int claimed = entityManager.createQuery("""
                update PasswordReset r set r.usedAt = :now
                where r.id = :token and r.usedAt is null and r.expiresAt > :now""")
            .setParameter("now", now)
            .setParameter("token", token)
            .executeUpdate();
        if (claimed != 1) {
            throw new InvalidPasswordResetException();
        }
        User user = entityManager.find(PasswordReset.class, token).getUser();
        user.changePassword(newRawPassword, passwordEncoder);
        return user;
    }

}
