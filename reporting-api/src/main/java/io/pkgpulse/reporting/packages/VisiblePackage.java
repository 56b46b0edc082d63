package io.pkgpulse.reporting.packages;

/** A package the caller may see. */
public record VisiblePackage(long id, String name, String normalizedName, boolean isPrivate) {
}
