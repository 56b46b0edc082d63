package io.pkgpulse.reporting.cache;

/**
 * A package became private or public. Published inside the transaction that changes it;
 * listeners that must see the committed state listen after the commit.
 */
public record PackageVisibilityChanged(String normalizedName, boolean isPrivate) {
}
