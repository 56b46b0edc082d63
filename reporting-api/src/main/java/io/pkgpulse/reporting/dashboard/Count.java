package io.pkgpulse.reporting.dashboard;

/**
 * A labelled number of downloads ("Last 7 days": 1,234). Public only for the templates.
 */
public record Count(String label, long downloads) {
}
