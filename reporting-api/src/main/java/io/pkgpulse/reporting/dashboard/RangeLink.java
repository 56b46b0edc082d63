package io.pkgpulse.reporting.dashboard;

/**
 * A link of the package page's controls ("Last 30 days", "With mirrors"); {@code current}
 * marks the active one.
 */
public record RangeLink(String label, String href, boolean current) {
}
