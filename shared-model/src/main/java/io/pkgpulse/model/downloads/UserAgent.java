package io.pkgpulse.model.downloads;

import java.time.Instant;
import java.util.Arrays;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.hibernate.annotations.NaturalId;

import io.pkgpulse.model.Sha256;

/**
 * A distinct raw user-agent string. pip's agents are long (a JSON document) and repeat for millions of downloads,
 * so each is stored once, found by its SHA-256, and downloads refer to it.
 */
@Entity
@Table(name = "user_agents")
public class UserAgent {

    /** Longest agent stored; longer ones are cut to this length before hashing. */
    public static final int MAX_LENGTH = 4096;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "user_agents_seq")
    @SequenceGenerator(name = "user_agents_seq", sequenceName = "user_agents_seq", allocationSize = 50)
    private Long id;

    @NaturalId
    @Column(nullable = false, updatable = false, length = 32)
    private byte[] sha256;

    @Column(nullable = false, updatable = false, length = MAX_LENGTH)
    private String raw;

    @Column(name = "created_at", insertable = false, updatable = false)
    private Instant createdAt;

    protected UserAgent() {
    }

    public UserAgent(String raw) {
        this.raw = truncate(raw);
        this.sha256 = sha256(this.raw);
    }

    /** The agent as stored: at most {@link #MAX_LENGTH} characters. */
    public static String truncate(String raw) {
        return raw.length() <= MAX_LENGTH ? raw : raw.substring(0, MAX_LENGTH);
    }

    /** The key a raw agent is stored under (hash of its UTF-8 bytes). */
    public static byte[] sha256(String raw) {
        return Sha256.of(raw);
    }

    public Long getId() {
        return id;
    }

    public String getRaw() {
        return raw;
    }

    public byte[] getSha256() {
        return sha256.clone();
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof UserAgent that && Arrays.equals(sha256, that.getSha256());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sha256);
    }

    @Override
    public String toString() {
        return "UserAgent[" + raw + "]";
    }
}
