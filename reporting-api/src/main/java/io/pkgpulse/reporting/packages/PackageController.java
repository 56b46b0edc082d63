package io.pkgpulse.reporting.packages;

import java.time.Duration;
import java.util.Optional;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.pkgpulse.reporting.accounts.CurrentUser;

/** {@code GET /api/packages/{package}}: the package's metadata, releases in version order and maintainers' names. */
@RestController
class PackageController {

    private final PackageAccess packages;
    private final JdbcClient jdbc;
    private final CurrentUser currentUser;

    PackageController(PackageAccess packages, JdbcClient jdbc, CurrentUser currentUser) {
        this.packages = packages;
        this.jdbc = jdbc;
        this.currentUser = currentUser;
    }

    @GetMapping("/api/packages/{package}")
    ResponseEntity<PackageMetadata> metadata(@PathVariable("package") String name) {
        VisiblePackage pkg = packages.require(name);
        Optional<Long> caller = currentUser.id();
        var releases = jdbc.sql("""
                SELECT version, prerelease, created_at FROM releases WHERE package_id = ?
                ORDER BY major, minor, micro, sort_key""").param(pkg.id())
                .query((row, n) -> new PackageMetadata.Release(row.getString(1), row.getBoolean(2),
                        row.getTimestamp(3).toInstant()))
                .list();
        var maintainers = jdbc.sql("""
                SELECT u.id, u.name, m.role, u.email FROM maintainers m JOIN users u ON u.id = m.user_id
                WHERE m.package_id = ? ORDER BY m.role DESC, u.name""").param(pkg.id())
                .query((row, n) -> new PackageMetadata.Maintainer(row.getString(2), row.getString(3),
                        caller.isPresent() && caller.get() == row.getLong(1) ? row.getString(4) : null))
                .list();
        PackageMetadata metadata = jdbc.sql("""
                SELECT p.name, p.summary, p.home_page, p.created_at, l.short_name, l.name FROM packages p
                LEFT JOIN licenses l ON l.short_name = p.license_short_name WHERE p.id = ?""").param(pkg.id())
                .query((row, n) -> new PackageMetadata(pkg.normalizedName(), row.getString(1), row.getString(2),
                        row.getString(3), row.getString(5) == null ? null
                                : new PackageMetadata.License(row.getString(5), row.getString(6)),
                        pkg.isPrivate(), row.getTimestamp(4).toInstant(), releases, maintainers))
                .single();
        CacheControl cache = CacheControl.maxAge(Duration.ofMinutes(1));
        return ResponseEntity.ok().cacheControl(pkg.isPrivate() || caller.isPresent() ? cache.cachePrivate()
                : cache.cachePublic()).body(metadata);
    }
}
