package io.pkgpulse.model.accounts;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.pkgpulse.model.Sha256;

/**
 * A key a user created to call the API without a session (header {@code X-API-Key}). The
 * key is {@code pkp_} followed by 32 bytes from {@link SecureRandom}, base64url without
 * padding; it is shown to the user once, and only its SHA-256 is stored. The first
 * {@value #PREFIX_LENGTH} characters (the prefix, not secret) tell keys apart and find
 * the row without a scan. Create with {@link #generate}; a revoked key stays as a record
 * but no longer authenticates.
 */
@Entity
@Table(name = "api_keys")
public class ApiKey {

    /**
     * What every key starts with, so that a leaked key is recognisable (secret scanners,
     * logs).
     */
    public static final String KEY_START = "pkp_";

    /**
     * Characters of the key stored in clear to find it: {@code pkp_} and 8 random
     * characters (48 bits).
     */
    public static final int PREFIX_LENGTH = 12;

    /**
     * Length of a well-formed key: {@code pkp_} and 43 base64url characters (32 bytes).
     */
    public static final int KEY_LENGTH = KEY_START.length() + 43;

    private static final SecureRandom RANDOM = new SecureRandom();

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "api_keys_seq")
    @SequenceGenerator(name = "api_keys_seq", sequenceName = "api_keys_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false, updatable = false)
    private User user;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(nullable = false, length = 16, updatable = false)
    private String prefix;

    @Column(name = "key_sha256", nullable = false, length = 32, updatable = false)
    private byte[] keySha256;

    @Column(name = "created_at", insertable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "last_used_at", insertable = false, updatable = false)
    private Instant lastUsedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiKey() {
    }

    private ApiKey(User user, String name, String key) {
        this.user = user;
        this.name = name;
        this.prefix = prefixOf(key);
        this.keySha256 = sha256(key);
        user.addApiKey(this);
    }

    /**
     * A new key for {@code user}, added to the user's keys (persisted with the user, or
     * persist it). The returned {@link NewApiKey} holds the only copy of the key itself.
     */
    public static NewApiKey generate(User user, String name) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String key = KEY_START + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        return new NewApiKey(new ApiKey(user, name, key), key);
    }

    /**
     * Whether {@code key} has the form of a key this class generates (checked before any
     * database lookup).
     */
    public static boolean isWellFormed(String key) {
        if (key == null || key.length() != KEY_LENGTH || !key.startsWith(KEY_START)) {
            return false;
        }
        for (int i = KEY_START.length(); i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /**
     * The part of a key stored in clear; {@code key} must be {@linkplain #isWellFormed
     * well formed}.
     */
    public static String prefixOf(String key) {
        return key.substring(0, PREFIX_LENGTH);
    }

    /**
     * SHA-256 of the key's UTF-8 bytes: what is stored. A key has 256 random bits, so no
     * salt or stretching.
     */
    public static byte[] sha256(String key) {
        return Sha256.of(key);
    }

    /** Whether this key's stored hash is {@code keySha256}; compares in constant time. */
    public boolean hashMatches(byte[] keySha256) {
        return MessageDigest.isEqual(this.keySha256, keySha256);
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    /**
     * Stops the key from authenticating from {@code at} on; revoking twice keeps the
     * first time.
     */
    public void revoke(Instant at) {
        if (revokedAt == null) {
            revokedAt = at;
        }
    }

    public Long getId() {
        return id;
    }

    public User getUser() {
        return user;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getPrefix() {
        return prefix;
    }

    public byte[] getKeySha256() {
        return keySha256.clone();
    }

    /** Set by the database on insert; null on an instance that has not been read back. */
    public Instant getCreatedAt() {
        return createdAt;
    }

    /**
     * When the key last authenticated a request, to the minute: written by
     * {@link ApiKeyRepository#touch}, at most once a minute per key, never through the
     * entity.
     */
    public Instant getLastUsedAt() {
        return lastUsedAt;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof ApiKey that && id != null && id.equals(that.getId());
    }

    @Override
    public int hashCode() {
        return ApiKey.class.hashCode();
    }

    /** Prints the prefix only, never the hash. */
    @Override
    public String toString() {
        return "ApiKey[id=" + id + ", prefix=" + prefix + ", revoked=" + (revokedAt != null) + "]";
    }

}
