package io.pkgpulse.model.downloads;

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

import io.pkgpulse.model.catalog.Package;
import io.pkgpulse.model.catalog.Release;

/**
 * One counted download: a lean row of when, which package and release, which client
 * ({@link ClientProfile}), file type and country. The table is partitioned by UTC day on
 * {@code downloaded_at} (see {@link DownloadPartitions}); V6's migration documents what
 * each column is for. The ingest path writes these rows with {@code COPY}, not through
 * this entity; the entity is for reads and tests. Packages and releases do not map the
 * inverse collection: it would hold millions of rows.
 */
@Entity
@Table(name = "downloads")
public class Download {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "downloads_seq")
    @SequenceGenerator(name = "downloads_seq", sequenceName = "downloads_seq", allocationSize = 50)
    private Long id;

    @Column(name = "downloaded_at", nullable = false, updatable = false)
    private Instant downloadedAt;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "package_id", nullable = false, updatable = false)
    private Package pkg;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "release_id", nullable = false, updatable = false)
    private Release release;

    /**
     * Profiles are immutable and never deleted, so the database needs no foreign key for
     * this relationship.
     */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "client_profile_id", updatable = false)
    private ClientProfile clientProfile;

    @Column(name = "file_type", nullable = false, updatable = false)
    private FileType fileType;

    @Column(name = "country_code", length = 2)
    private String countryCode;

    protected Download() {
    }

    /**
     * A download of {@code release}'s file of {@code fileType} at {@code downloadedAt}.
     */
    public Download(Release release, FileType fileType, Instant downloadedAt) {
        this.pkg = release.getPackage();
        this.release = release;
        this.fileType = fileType;
        this.downloadedAt = downloadedAt;
    }

    public Long getId() {
        return id;
    }

    public Instant getDownloadedAt() {
        return downloadedAt;
    }

    public Package getPackage() {
        return pkg;
    }

    public Release getRelease() {
        return release;
    }

    public FileType getFileType() {
        return fileType;
    }

    /** The client that downloaded; null when the event told nothing about it. */
    public ClientProfile getClientProfile() {
        return clientProfile;
    }

    public void setClientProfile(ClientProfile clientProfile) {
        this.clientProfile = clientProfile;
    }

    /** ISO 3166-1 alpha-2, upper case. */
    public String getCountryCode() {
        return countryCode;
    }

    public void setCountryCode(String countryCode) {
        this.countryCode = countryCode;
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof Download that && id != null && id.equals(that.getId());
    }

    @Override
    public int hashCode() {
        return Download.class.hashCode();
    }

    @Override
    public String toString() {
        return "Download[" + id + " at " + downloadedAt + "]";
    }

}
