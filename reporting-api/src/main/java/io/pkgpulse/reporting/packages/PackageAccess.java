package io.pkgpulse.reporting.packages;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import io.pkgpulse.names.ProjectNames;
import io.pkgpulse.reporting.accounts.CurrentUser;
import io.pkgpulse.reporting.cache.PackageVisibilityChanged;
import io.pkgpulse.reporting.cache.ResponseCacheProperties;
import io.pkgpulse.reporting.changes.ChangesMissed;

/**
 * Finds a package by any spelling of its name (PEP 503), if the caller may see it: public packages to everyone,
 * private ones to their maintainers only. A package the caller may not see is reported exactly like one that does not
 * exist, so that private names do not leak. Public packages are remembered for the response cache's ttl (every
 * statistics request starts here); a package that changes visibility is forgotten once the change is committed, and
 * all are forgotten when notifications may have been missed or everything is announced as changed (which a
 * visibility change on another API instance announces).
 */
@Component
public class PackageAccess {

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    /** Public packages by normalized name; null when the caches are off. */
    private final Cache<String, VisiblePackage> publicPackages;
    /** Counts visibility changes, so that a lookup made before one is not remembered after it. */
    private final AtomicLong generation = new AtomicLong();

    PackageAccess(JdbcClient jdbc, CurrentUser currentUser, ResponseCacheProperties cacheProperties) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.publicPackages = cacheProperties.enabled()
                ? Caffeine.newBuilder().expireAfterWrite(cacheProperties.ttl()).maximumSize(100_000).build()
                : null;
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
        long generationAtStart = generation.get();
        Optional<VisiblePackage> found = jdbc.sql(
                "SELECT id, name, normalized_name, is_private FROM packages WHERE normalized_name = ?")
                .param(normalized)
                .query((row, n) -> new VisiblePackage(row.getLong(1), row.getString(2), row.getString(3),
                        row.getBoolean(4)))
                .optional();
        if (publicPackages != null && found.isPresent() && !found.get().isPrivate()) {
            publicPackages.put(normalized, found.get());
            if (generation.get() != generationAtStart) {
                publicPackages.invalidate(normalized);
            }
        }
        return found.filter(pkg -> !pkg.isPrivate() || isMaintainer(pkg.id()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void visibilityChanged(PackageVisibilityChanged event) {
        if (publicPackages != null) {
            generation.incrementAndGet();
            publicPackages.invalidate(event.normalizedName());
        }
    }

    @EventListener
    void changesMissed(ChangesMissed missed) {
        if (publicPackages != null) {
            generation.incrementAndGet();
            publicPackages.invalidateAll();
        }
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
