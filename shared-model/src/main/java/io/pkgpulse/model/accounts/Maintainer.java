package io.pkgpulse.model.accounts;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.hibernate.annotations.Generated;

import io.pkgpulse.model.catalog.Package;

/**
 * A user's role on a package: the many-to-many between users and packages, as an entity
 * because it has a role. Create and remove through {@link Package#addMaintainer} and
 * {@link Package#removeMaintainer}.
 */
@Entity
@Table(name = "maintainers")
public class Maintainer {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "maintainers_seq")
    @SequenceGenerator(name = "maintainers_seq", sequenceName = "maintainers_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false, updatable = false)
    private User user;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "package_id", nullable = false, updatable = false)
    private Package pkg;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private MaintainerRole role;

    // Set by the database (DEFAULT now()); read back with the insert, so a new maintainer
    // knows it at once.
    @Generated
    @Column(name = "created_at", insertable = false, updatable = false)
    private Instant createdAt;

    protected Maintainer() {
    }

    /** Use {@link Package#addMaintainer}, which keeps both sides in step. */
    public Maintainer(User user, Package pkg, MaintainerRole role) {
        this.user = user;
        this.pkg = pkg;
        this.role = role;
    }

    public Long getId() {
        return id;
    }

    public User getUser() {
        return user;
    }

    public Package getPackage() {
        return pkg;
    }

    public MaintainerRole getRole() {
        return role;
    }

    public void setRole(MaintainerRole role) {
        this.role = role;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof Maintainer that && id != null && id.equals(that.getId());
    }

    @Override
    public int hashCode() {
        return Maintainer.class.hashCode();
    }

    @Override
    public String toString() {
        return "Maintainer[" + role + "]";
    }

}
