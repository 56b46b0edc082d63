package io.pkgpulse.reporting.stats;

import io.pkgpulse.reporting.packages.PackageAccess;
import io.pkgpulse.reporting.packages.VisiblePackage;
import io.pkgpulse.reporting.problems.BadRequestException;

/**
 * What a statistics request is about: a package the caller may see, or all of them
 * ({@code __all__}, {@code id} null). Shared by the daily and the hourly series, with the
 * check of their filter parameters.
 */
record Target(Long id, String name, boolean isPrivate) {

    static final String ALL = "__all__";

    /**
     * {@code name} after PEP 503 normalisation, or all packages; a package the caller may
     * not see is a 404.
     */
    static Target of(String name, PackageAccess packages) {
        if (ALL.equals(name)) {
            return new Target(null, ALL, false);
        }
        VisiblePackage pkg = packages.require(name);
        return new Target(pkg.id(), pkg.normalizedName(), pkg.isPrivate());
    }

    /** A category or version filter: 1 to 128 characters, no control characters. */
    static void checkFilter(String parameter, String value) {
        if (value != null && (value.isBlank() || value.length() > 128)) {
            throw new BadRequestException(parameter, parameter + " must be 1 to 128 characters");
        }
        // No category holds one, and PostgreSQL refuses a NUL in a text parameter (which
        // was a 500).
        if (value != null && value.chars().anyMatch(Character::isISOControl)) {
            throw new BadRequestException(parameter, parameter + " must not contain control characters");
        }
    }
}
