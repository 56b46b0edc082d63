package io.pkgpulse.reporting.packages;

import java.util.Optional;

import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import io.pkgpulse.names.ProjectNames;
import io.pkgpulse.reporting.cache.GenerationCache;
import io.pkgpulse.reporting.cache.PackageVisibilityChanged;
import io.pkgpulse.reporting.cache.ResponseCacheProperties;
import io.pkgpulse.reporting.changes.ChangesMissed;
import io.pkgpulse.reporting.problems.UnknownPackageException;
import io.pkgpulse.reporting.security.CurrentUser;

/**
 * Finds a package by any spelling of its name (PEP 503), if the caller may see it: public
 * packages to everyone, private ones to their maintainers only. A package the caller may
 * not see is reported exactly like one that does not exist, so that private names do not
 * leak. Public packages are remembered for the response cache's ttl (every statistics
 * request starts here); a package that changes visibility is forgotten once the change is
 * committed, and all are forgotten when notifications may have been missed or everything
 * is announced as changed (which a visibility change on another API instance announces).
 */
@Component
public class PackageAccess {

    private final PackageQueries queries;

    private final CurrentUser currentUser;

    /** Public packages by normalized name; null when the caches are off. */
    private final GenerationCache<String, VisiblePackage> publicPackages;

    PackageAccess(PackageQueries queries, CurrentUser currentUser, ResponseCacheProperties cacheProperties) {
        this.queries = queries;
        this.currentUser = currentUser;
        this.publicPackages = cacheProperties.enabled() ? new GenerationCache<>(Caffeine.newBuilder()
            .expireAfterWrite(cacheProperties.ttl())
            .maximumSize(100_000)
            .<String, VisiblePackage>build()) : null;
    }

    public Optional<VisiblePackage> find(String name) {
        if (name == null || !ProjectNames.isValid(name)) {
            return Optional.empty();
        }
        String normalized = ProjectNames.normalize(name);
        VisiblePackage remembered = publicPackages == null ? null : publicPackages.getIfPresent(normalized);
        if (remembered != null) {
            return Optional.of(remembered);
        }
        long stamp = publicPackages == null ? 0 : publicPackages.stamp();
        Optional<VisiblePackage> found = queries.byNormalizedName(normalized);
        if (publicPackages != null && found.isPresent() && !found.get().isPrivate()) {
            publicPackages.put(normalized, found.get(), stamp);
        }
        return found.filter(pkg -> !pkg.isPrivate() || isMaintainer(pkg.id()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void visibilityChanged(PackageVisibilityChanged event) {
        if (publicPackages != null) {
            publicPackages.invalidate(event.normalizedName());
        }
    }

    @EventListener
    void changesMissed(ChangesMissed missed) {
        if (publicPackages != null) {
            publicPackages.invalidateAll();
        }
    }

    /**
     * Like {@link #find(String)}, but a missing or hidden package is an
     * {@link UnknownPackageException}.
     */
    public VisiblePackage require(String name) {
        return find(name).orElseThrow(() -> new UnknownPackageException(name));
    }

    public boolean isMaintainer(long packageId) {
        return currentUser.id().map(userId -> queries.isMaintainer(packageId, userId)).orElse(false);
    }

}
