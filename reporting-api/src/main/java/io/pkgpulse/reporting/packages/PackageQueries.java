package io.pkgpulse.reporting.packages;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The read model of packages: lookup by normalized name, who maintains them, their
 * description, license and releases. The one place the API reads the catalogue tables
 * with SQL; entity changes go through {@link PackageAdministration} and the model's
 * repositories.
 */
@Repository
public class PackageQueries {

    private final JdbcClient jdbc;

    PackageQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The package of this normalized name, whether the caller may see it or not. */
    Optional<VisiblePackage> byNormalizedName(String normalizedName) {
        return jdbc.sql("SELECT id, name, normalized_name, is_private FROM packages WHERE normalized_name = ?")
            .param(normalizedName)
            .query((row, n) -> new VisiblePackage(row.getLong(1), row.getString(2), row.getString(3),
                    row.getBoolean(4)))
            .optional();
    }

    boolean isMaintainer(long packageId, long userId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM maintainers WHERE package_id = ? AND user_id = ?)")
            .params(packageId, userId)
            .query(Boolean.class)
            .single();
    }

    /** What is said about a package besides its numbers; empty if it is gone. */
    public Optional<PackageDetails> details(long packageId) {
        return jdbc.sql("""
                SELECT p.name, p.summary, p.home_page, p.created_at, l.short_name, l.name FROM packages p
                LEFT JOIN licenses l ON l.short_name = p.license_short_name WHERE p.id = ?""")
            .param(packageId)
            .query((row, n) -> new PackageDetails(row.getString(1), row.getString(2), row.getString(3),
                    row.getTimestamp(4).toInstant(), row.getString(5), row.getString(6)))
            .optional();
    }

    /** Releases in version order. */
    List<PackageMetadata.Release> releases(long packageId) {
        return jdbc.sql("""
                SELECT version, prerelease, created_at FROM releases WHERE package_id = ?
                ORDER BY major, minor, micro, sort_key""")
            .param(packageId)
            .query((row, n) -> new PackageMetadata.Release(row.getString(1), row.getBoolean(2),
                    row.getTimestamp(3).toInstant()))
            .list();
    }

    /** Maintainers, owners first; the e-mail address only in the caller's own entry. */
    List<PackageMetadata.Maintainer> maintainers(long packageId, Optional<Long> caller) {
        return jdbc.sql("""
                SELECT u.id, u.name, m.role, u.email FROM maintainers m JOIN users u ON u.id = m.user_id
                WHERE m.package_id = ? ORDER BY m.role DESC, u.name""")
            .param(packageId)
            .query((row, n) -> new PackageMetadata.Maintainer(row.getString(2), row.getString(3),
                    caller.isPresent() && caller.get() == row.getLong(1) ? row.getString(4) : null))
            .list();
    }

}
