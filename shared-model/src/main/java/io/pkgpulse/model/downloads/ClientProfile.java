package io.pkgpulse.model.downloads;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.NaturalId;

import io.pkgpulse.model.Sha256;

/**
 * A distinct parsed client: installer, Python, implementation, system, distro, CPU, CI
 * and the raw user agent where there was one. Millions of downloads share a few thousand
 * of these, so each is stored once, found by the SHA-256 of its canonical form
 * ({@link Fields#sha256()}), and raw rows refer to it by id. Profiles never change and
 * are never deleted (the database refuses both), which is why the raw rows need no
 * foreign key to them. The ingest path writes them with SQL, not through this entity.
 */
@Entity
@Table(name = "client_profiles")
@Immutable
public class ClientProfile {

    /** Longest raw agent stored; longer ones are cut to this length. */
    public static final int MAX_AGENT_LENGTH = 4096;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "client_profiles_seq")
    @SequenceGenerator(name = "client_profiles_seq", sequenceName = "client_profiles_seq", allocationSize = 1)
    private Integer id;

    @NaturalId
    @Column(nullable = false, length = 32)
    private byte[] sha256;

    @Column(name = "installer_name")
    private String installerName;

    @Column(name = "installer_version")
    private String installerVersion;

    @Column(name = "python_version")
    private String pythonVersion;

    @Column(name = "implementation_name")
    private String implementationName;

    @Column(name = "implementation_version")
    private String implementationVersion;

    @Column(name = "system_name")
    private String systemName;

    @Column(name = "system_release")
    private String systemRelease;

    @Column(name = "distro_name")
    private String distroName;

    @Column(name = "distro_version")
    private String distroVersion;

    @Column(name = "distro_id")
    private String distroId;

    @Column(name = "libc_lib")
    private String libcLib;

    @Column(name = "libc_version")
    private String libcVersion;

    private String cpu;

    private Boolean ci;

    @Column(name = "user_agent", length = MAX_AGENT_LENGTH)
    private String userAgent;

    @Column(name = "created_at", insertable = false, updatable = false)
    private Instant createdAt;

    protected ClientProfile() {
    }

    /**
     * A new profile of {@code fields}; the agent must already be
     * {@linkplain #truncateAgent truncated}.
     */
    public ClientProfile(Fields fields) {
        this.sha256 = fields.sha256();
        this.installerName = fields.installerName();
        this.installerVersion = fields.installerVersion();
        this.pythonVersion = fields.pythonVersion();
        this.implementationName = fields.implementationName();
        this.implementationVersion = fields.implementationVersion();
        this.systemName = fields.systemName();
        this.systemRelease = fields.systemRelease();
        this.distroName = fields.distroName();
        this.distroVersion = fields.distroVersion();
        this.distroId = fields.distroId();
        this.libcLib = fields.libcLib();
        this.libcVersion = fields.libcVersion();
        this.cpu = fields.cpu();
        this.ci = fields.ci();
        this.userAgent = fields.userAgent();
    }

    /**
     * The fields of a profile, in the order of the table's columns; nulls where the
     * client did not say. Also the key the worker caches profile ids under.
     */
    public record Fields(String installerName, String installerVersion, String pythonVersion, String implementationName,
            String implementationVersion, String systemName, String systemRelease, String distroName,
            String distroVersion, String distroId, String libcLib, String libcVersion, String cpu, Boolean ci,
            String userAgent) {

        /** Whether the client said nothing at all: such a download has no profile. */
        public boolean isEmpty() {
            return installerName == null && installerVersion == null && pythonVersion == null
                    && implementationName == null && implementationVersion == null && systemName == null
                    && systemRelease == null && distroName == null && distroVersion == null && distroId == null
                    && libcLib == null && libcVersion == null && cpu == null && ci == null && userAgent == null;
        }

        /**
         * The key a profile is stored under: SHA-256 of every field in column order, each
         * written as its length in UTF-8 bytes, a colon and its text, or {@code -} for a
         * null ({@code ci} as {@code t} or {@code f}), as UTF-8. The length prefixes keep
         * it unambiguous whatever characters a value holds. The migration's
         * {@code client_profile_sha256} SQL function computes the same.
         */
        public byte[] sha256() {
            StringBuilder canonical = new StringBuilder(256);
            String[] values = { installerName, installerVersion, pythonVersion, implementationName,
                    implementationVersion, systemName, systemRelease, distroName, distroVersion, distroId, libcLib,
                    libcVersion, cpu, ci == null ? null : ci ? "t" : "f", userAgent };
            for (String value : values) {
                if (value == null) {
                    canonical.append('-');
                }
                else {
                    canonical.append(value.getBytes(StandardCharsets.UTF_8).length).append(':').append(value);
                }
            }
            return Sha256.of(canonical.toString());
        }
    }

    /** A raw agent as stored: at most {@link #MAX_AGENT_LENGTH} characters. */
    public static String truncateAgent(String raw) {
        return raw == null || raw.length() <= MAX_AGENT_LENGTH ? raw : raw.substring(0, MAX_AGENT_LENGTH);
    }

    public Integer getId() {
        return id;
    }

    public Fields getFields() {
        return new Fields(installerName, installerVersion, pythonVersion, implementationName, implementationVersion,
                systemName, systemRelease, distroName, distroVersion, distroId, libcLib, libcVersion, cpu, ci,
                userAgent);
    }

    public String getUserAgent() {
        return userAgent;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof ClientProfile that && Arrays.equals(sha256, that.sha256);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sha256);
    }

    @Override
    public String toString() {
        return "ClientProfile[" + id + "]";
    }

}
