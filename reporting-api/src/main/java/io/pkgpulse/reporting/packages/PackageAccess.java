package io.pkgpulse.reporting.packages;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.pkgpulse.model.catalog.ProjectNames;
import io.pkgpulse.reporting.accounts.CurrentUser;

/**
 * Finds a package by any spelling of its name (PEP 503), if the caller may see it: public packages to everyone,
 * private ones to their maintainers only. A package the caller may not see is reported exactly like one that does not
 * exist, so that private names do not leak.
 */
@Component
public class PackageAccess {

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;

    PackageAccess(JdbcClient jdbc, CurrentUser currentUser) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
    }

    public Optional<VisiblePackage> find(String name) {
        if (name == null || !ProjectNames.isValid(name)) {
            return Optional.empty();
        }
        Optional<VisiblePackage> found = jdbc.sql(
                "SELECT id, name, normalized_name, is_private FROM packages WHERE normalized_name = ?")
                .param(ProjectNames.normalize(name))
                .query((row, n) -> new VisiblePackage(row.getLong(1), row.getString(2), row.getString(3),
                        row.getBoolean(4)))
                .optional();
        return found.filter(pkg -> !pkg.isPrivate() || isMaintainer(pkg.id()));
    }

    /** Like {@link #find(String)}, but a missing or hidden package is an {@link UnknownPackageException}. */
    public VisiblePackage require(String name) {
        return find(name).orElseThrow(() -> new UnknownPackageException(name));
    }

    public boolean isMaintainer(long packageId) {
        return currentUser.id().map(userId -> jdbc.sql(
                "SELECT EXISTS (SELECT 1 FROM maintainers WHERE package_id = ? AND user_id = ?)")
                .params(packageId, userId).query(Boolean.class).single()).orElse(false);
    }
}
