package io.pkgpulse.reporting.dashboard;

import java.time.Instant;

/**
 * Downloads of a version in a UTC hour; {@code version} null for the older versions
 * summed.
 */
record HourRow(String version, Instant hour, long downloads) {
}
