package io.pkgpulse.model.downloads;

import java.time.Instant;
import java.util.UUID;

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
 * One counted download. The table is partitioned by UTC day on {@code downloaded_at} (see {@link DownloadPartitions}).
 * The ingest path writes these rows with {@code COPY}, not through this entity; the entity is for reads and tests.
 * Packages and releases do not map the inverse collection: it would hold millions of rows.
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

    @Column(name = "file_type", nullable = false, length = 16)
    private FileType fileType;

    @Column(name = "installer_name", length = 64)
    private String installerName;

    @Column(name = "installer_version", length = 64)
    private String installerVersion;

    @Column(name = "python_version", length = 32)
    private String pythonVersion;

    @Column(name = "implementation_name", length = 64)
    private String implementationName;

    @Column(name = "implementation_version", length = 64)
    private String implementationVersion;

    @Column(name = "system_name", length = 64)
    private String systemName;

    @Column(name = "system_release", length = 128)
    private String systemRelease;

    @Column(name = "distro_name", length = 128)
    private String distroName;

    @Column(name = "distro_version", length = 64)
    private String distroVersion;

    @Column(length = 32)
    private String cpu;

    @Column(name = "country_code", length = 2)
    private String countryCode;

    private Boolean ci;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "user_agent_id")
    private UserAgent userAgent;

    @Column(name = "event_id")
    private UUID eventId;

    protected Download() {
    }

    /** A download of {@code release}'s file of {@code fileType} at {@code downloadedAt}; details are set after. */
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

    public String getInstallerName() {
        return installerName;
    }

    public String getInstallerVersion() {
        return installerVersion;
    }

    public void setInstaller(String name, String version) {
        this.installerName = name;
        this.installerVersion = version;
    }

    public String getPythonVersion() {
        return pythonVersion;
    }

    public void setPythonVersion(String pythonVersion) {
        this.pythonVersion = pythonVersion;
    }

    public String getImplementationName() {
        return implementationName;
    }

    public String getImplementationVersion() {
        return implementationVersion;
    }

    public void setImplementation(String name, String version) {
        this.implementationName = name;
        this.implementationVersion = version;
    }

    public String getSystemName() {
        return systemName;
    }

    public String getSystemRelease() {
        return systemRelease;
    }

    public void setSystem(String name, String release) {
        this.systemName = name;
        this.systemRelease = release;
    }

    public String getDistroName() {
        return distroName;
    }

    public String getDistroVersion() {
        return distroVersion;
    }

    public void setDistro(String name, String version) {
        this.distroName = name;
        this.distroVersion = version;
    }

    public String getCpu() {
        return cpu;
    }

    public void setCpu(String cpu) {
        this.cpu = cpu;
    }

    /** ISO 3166-1 alpha-2, upper case. */
    public String getCountryCode() {
        return countryCode;
    }

    public void setCountryCode(String countryCode) {
        this.countryCode = countryCode;
    }

    /** Whether the download came from a CI system; null when the client did not say. */
    public Boolean getCi() {
        return ci;
    }

    public void setCi(Boolean ci) {
        this.ci = ci;
    }

    public UserAgent getUserAgent() {
        return userAgent;
    }

    public void setUserAgent(UserAgent userAgent) {
        this.userAgent = userAgent;
    }

    public UUID getEventId() {
        return eventId;
    }

    public void setEventId(UUID eventId) {
        this.eventId = eventId;
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
