package io.pkgpulse.reporting.packages;

import java.time.Duration;
import java.util.Optional;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.pkgpulse.reporting.security.CurrentUser;

/**
 * {@code GET /api/packages/{package}}: the package's metadata, releases in version order
 * and maintainers' names.
 */
@RestController
class PackageController {

    private final PackageAccess packages;

    private final PackageQueries queries;

    private final CurrentUser currentUser;

    PackageController(PackageAccess packages, PackageQueries queries, CurrentUser currentUser) {
        this.packages = packages;
        this.queries = queries;
        this.currentUser = currentUser;
    }

    @GetMapping("/api/packages/{package}")
    ResponseEntity<PackageMetadata> metadata(@PathVariable("package") String name) {
        VisiblePackage pkg = packages.require(name);
        Optional<Long> caller = currentUser.id();
        var releases = queries.releases(pkg.id());
        var maintainers = queries.maintainers(pkg.id(), caller);
        // Found a moment ago: a package deleted in between is an internal error, as it
        // always was.
        PackageDetails details = queries.details(pkg.id()).orElseThrow();
        PackageMetadata metadata = new PackageMetadata(pkg.normalizedName(), details.name(), details.summary(),
                details.homePage(),
                details.licenseShortName() == null ? null
                        : new PackageMetadata.License(details.licenseShortName(), details.licenseName()),
                pkg.isPrivate(), details.createdAt(), releases, maintainers);
        CacheControl cache = CacheControl.maxAge(Duration.ofMinutes(1));
        return ResponseEntity.ok()
            .cacheControl(pkg.isPrivate() || caller.isPresent() ? cache.cachePrivate() : cache.cachePublic())
            .body(metadata);
    }

}
