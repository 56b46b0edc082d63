package io.pkgpulse.model.catalog;

import java.time.Instant;

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

/**
 * One version of a package. Ordered by major, minor, micro and then a key that holds the
 * rest of PEP 440's order; a version that is not PEP 440 has -1 for all three and sorts
 * first.
 */
@Entity
@Table(name = "releases")
public class Release {

    /** Longest version string accepted; matches the {@code releases.version} column. */
    public static final int MAX_VERSION_LENGTH = 128;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "releases_seq")
    @SequenceGenerator(name = "releases_seq", sequenceName = "releases_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "package_id", nullable = false)
    private Package pkg;

    @Column(nullable = false, length = MAX_VERSION_LENGTH, updatable = false)
    private String version;

    @Column(nullable = false, updatable = false)
    private int major;

    @Column(nullable = false, updatable = false)
    private int minor;

    @Column(nullable = false, updatable = false)
    private int micro;

    @Column(name = "sort_key", nullable = false, updatable = false, length = 255)
    private String sortKey;

    @Column(nullable = false, updatable = false)
    private boolean prerelease;

    @Column(length = 4000)
    private String comment;

    private Long size;

    @Column(name = "created_at", insertable = false, updatable = false)
    private Instant createdAt;

    protected Release() {
    }

    /**
     * A release of {@code version}; attach it with {@link Package#addRelease(Release)}.
     */
    public Release(String version) {
        if (version == null || version.isBlank() || version.length() > MAX_VERSION_LENGTH) {
            throw new IllegalArgumentException(
                    "A version is 1 to " + MAX_VERSION_LENGTH + " characters: '" + version + "'");
        }
        this.version = version;
        Pep440Version order = Pep440Version.orderOf(version);
        this.major = order.major();
        this.minor = order.minor();
        this.micro = order.micro();
        this.prerelease = order.prerelease();
        this.sortKey = order.sortKey();
    }

    public Long getId() {
        return id;
    }

    /** The owning package; a lazy proxy until touched. */
    public Package getPackage() {
        return pkg;
    }

    void setPackage(Package pkg) {
        this.pkg = pkg;
    }

    public String getVersion() {
        return version;
    }

    public int getMajor() {
        return major;
    }

    public int getMinor() {
        return minor;
    }

    public int getMicro() {
        return micro;
    }

    public boolean isPrerelease() {
        return prerelease;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }

    /** Total size in bytes of the release's files, when known. */
    public Long getSize() {
        return size;
    }

    public void setSize(Long size) {
        if (size != null && size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
        this.size = size;
    }

    /** Set by the database on insert; null on an instance that has not been read back. */
    public Instant getCreatedAt() {
        return createdAt;
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof Release that && id != null && id.equals(that.getId());
    }

    @Override
    public int hashCode() {
        return Release.class.hashCode(); // constant: the id changes at persist
    }

    @Override
    public String toString() {
        return "Release[" + version + "]";
    }

}
