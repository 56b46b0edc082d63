package io.pkgpulse.reporting.changes;

import java.time.Instant;

/**
 * This process may have missed notifications: the listening connection was lost (or has
 * just been made, for the first time or again). Whatever was kept in memory about
 * downloads must be assumed changed, everywhere.
 *
 * @param sequence increases by one with every event of this process
 * ({@link DownloadsChanged} included)
 * @param at when the listener noticed
 */
public record ChangesMissed(long sequence, Instant at) {
}
