package io.pkgpulse.model.accounts;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * A single-use password reset. Its id is the token handed to the user: 32 hex characters
 * of a version 4 UUID, whose 122 random bits come from {@link java.security.SecureRandom}
 * ({@link UUID#randomUUID()}). Redeem through {@link PasswordResets}, which marks it used
 * atomically.
 */
@Entity
@Table(name = "password_resets")
public class PasswordReset {

    @Id
    @Column(length = 32, updatable = false)
    private String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false, updatable = false)
    private User user;

    @Column(name = "created_at", insertable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    @Column(name = "used_at")
    private Instant usedAt;

    protected PasswordReset() {
    }

    /**
     * A new reset for {@code user}, valid until {@code expiresAt}; added to the user's
     * resets.
     */
    PasswordReset(User user, Instant expiresAt) {
        this.id = UUID.randomUUID().toString().replace("-", "");
        this.user = user;
        this.expiresAt = expiresAt;
        user.addPasswordReset(this);
    }

    /** The token: send it to the user, never to a log. */
    public String getToken() {
        return id;
    }

    public User getUser() {
        return user;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Instant getUsedAt() {
        return usedAt;
    }

    public boolean isUsable(Instant now) {
        return usedAt == null && now.isBefore(expiresAt);
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof PasswordReset that && id != null && id.equals(that.getToken());
    }

    @Override
    public int hashCode() {
        return PasswordReset.class.hashCode();
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "PasswordReset[expiresAt=" + expiresAt + ", used=" + (usedAt != null) + "]";
    }

}
