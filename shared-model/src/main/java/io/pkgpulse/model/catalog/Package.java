package io.pkgpulse.model.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.hibernate.annotations.NaturalId;

import io.pkgpulse.model.accounts.Maintainer;
import io.pkgpulse.model.accounts.MaintainerRole;
import io.pkgpulse.model.accounts.User;

import io.pkgpulse.names.ProjectNames;

/**
 * A project on the index. Identified by its PEP 503 normalised name, so {@code Django}
 * and {@code django} are one package. Its releases and maintainers live and die with it.
 */
@Entity
@Table(name = "packages")
public class Package {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "packages_seq")
    @SequenceGenerator(name = "packages_seq", sequenceName = "packages_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 255)
    private String name;

    @NaturalId
    @Column(name = "normalized_name", nullable = false, length = 255, updatable = false)
    private String normalizedName;

    @Column(length = 512)
    private String summary;

    @Column(name = "home_page", length = 2048)
    private String homePage;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "license_short_name")
    private License license;

    @Column(name = "created_at", insertable = false, updatable = false)
    private Instant createdAt;

    /**
     * Private packages' stats, badges and pages are visible to their maintainers only.
     */
    @Column(name = "is_private", nullable = false)
    private boolean privatePackage;

    @OneToMany(mappedBy = "pkg", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("major ASC, minor ASC, micro ASC, sortKey ASC")
    private List<Release> releases = new ArrayList<>();

    @OneToMany(mappedBy = "pkg", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id ASC")
    private List<Maintainer> maintainers = new ArrayList<>();

    protected Package() {
    }

    /** A package named as published; the normalised name is derived (PEP 503). */
    public Package(String name) {
        this.normalizedName = ProjectNames.requireValidAndNormalize(name);
        this.name = name;
    }

    /** Adds a release, setting both sides of the association. */
    public Release addRelease(Release release) {
        releases.add(release);
        release.setPackage(this);
        return release;
    }

    /** Removes a release; it is deleted at flush (orphan removal). */
    public void removeRelease(Release release) {
        releases.remove(release);
        release.setPackage(null);
    }

    /**
     * Makes {@code user} a maintainer with {@code role}, setting the association on the
     * package and the user.
     */
    public Maintainer addMaintainer(User user, MaintainerRole role) {
        Maintainer maintainer = new Maintainer(user, this, role);
        maintainers.add(maintainer);
        user.addMaintainership(maintainer);
        return maintainer;
    }

    /** Removes {@code user}'s maintainer role, from both sides. */
    public void removeMaintainer(User user) {
        maintainers.removeIf(m -> {
            if (m.getUser().equals(user)) {
                user.removeMaintainership(m);
                return true;
            }
            return false;
        });
    }

    /** Sets the license on both sides of the association. */
    public void setLicense(License license) {
        if (this.license != null) {
            this.license.removePackage(this);
        }
        this.license = license;
        if (license != null) {
            license.addPackage(this);
        }
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    /**
     * A new spelling of the same project (e.g. a case change); the normalised name cannot
     * change.
     */
    public void setName(String name) {
        if (!ProjectNames.requireValidAndNormalize(name).equals(normalizedName)) {
            throw new IllegalArgumentException("'" + name + "' is not a spelling of " + normalizedName);
        }
        this.name = name;
    }

    public String getNormalizedName() {
        return normalizedName;
    }

    public String getSummary() {
        return summary;
    }

    public void setSummary(String summary) {
        this.summary = summary;
    }

    public String getHomePage() {
        return homePage;
    }

    public void setHomePage(String homePage) {
        this.homePage = homePage;
    }

    public License getLicense() {
        return license;
    }

    /** Set by the database on insert; null on an instance that has not been read back. */
    public Instant getCreatedAt() {
        return createdAt;
    }

    public boolean isPrivate() {
        return privatePackage;
    }

    public void setPrivate(boolean privatePackage) {
        this.privatePackage = privatePackage;
    }

    /**
     * Releases in version order. Change through {@link #addRelease} and
     * {@link #removeRelease}.
     */
    public List<Release> getReleases() {
        return Collections.unmodifiableList(releases);
    }

    /** Change through {@link #addMaintainer} and {@link #removeMaintainer}. */
    public List<Maintainer> getMaintainers() {
        return Collections.unmodifiableList(maintainers);
    }

    @Override
    public boolean equals(Object other) {
        return this == other
                || other instanceof Package that && Objects.equals(normalizedName, that.getNormalizedName());
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(normalizedName);
    }

    @Override
    public String toString() {
        return "Package[" + normalizedName + "]";
    }

}
