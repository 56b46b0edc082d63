package io.pkgpulse.ingest.write;

import java.util.Set;

/**
 * A batch refers to packages or releases that were deleted after their ids were cached.
 * Nothing was written; the cached ids are forgotten, so the retried batch resolves (or
 * registers) them again.
 */
public class MissingReferencesException extends RuntimeException {

    private final transient Set<Long> packageIds;

    private final transient Set<Long> releaseIds;

    MissingReferencesException(Set<Long> packageIds, Set<Long> releaseIds) {
        super(packageIds.size() + " package id(s) and " + releaseIds.size() + " release id(s) of the batch no longer"
                + " exist (deleted meanwhile); nothing was written and the batch is retried");
        this.packageIds = Set.copyOf(packageIds);
        this.releaseIds = Set.copyOf(releaseIds);
    }

    Set<Long> packageIds() {
        return packageIds;
    }

    Set<Long> releaseIds() {
        return releaseIds;
    }

}
