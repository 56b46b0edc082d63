package io.pkgpulse.model.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

/**
 * A license, keyed by its short name (an SPDX identifier such as {@code MIT} or
 * {@code Apache-2.0}).
 */
@Entity
@Table(name = "licenses")
public class License {

    @Id
    @Column(name = "short_name", length = 64)
    private String shortName;

    @Column(nullable = false, length = 255)
    private String name;

    /**
     * Packages under this license; kept in step by {@link Package#setLicense(License)}. A
     * bag, because Hibernate queues an addition to an unloaded inverse bag instead of
     * loading every MIT-licensed package first.
     */
    @OneToMany(mappedBy = "license")
    private List<Package> packages = new ArrayList<>();

    protected License() {
    }

    public License(String shortName, String name) {
        this.shortName = shortName;
        this.name = name;
    }

    public String getShortName() {
        return shortName;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** Read-only; change a package's license with {@link Package#setLicense(License)}. */
    public List<Package> getPackages() {
        return Collections.unmodifiableList(packages);
    }

    void addPackage(Package pkg) {
        packages.add(pkg);
    }

    void removePackage(Package pkg) {
        packages.remove(pkg);
    }

    @Override
    public boolean equals(Object other) {
        return this == other
                || other instanceof License that && shortName != null && shortName.equals(that.getShortName());
    }

    @Override
    public int hashCode() {
        return License.class.hashCode();
    }

    @Override
    public String toString() {
        return "License[" + shortName + "]";
    }

}
