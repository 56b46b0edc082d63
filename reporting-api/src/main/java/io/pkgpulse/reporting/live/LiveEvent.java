package io.pkgpulse.reporting.live;

import java.time.Instant;

/**
 * One state of a topic as sent: {@code id} identifies it (the same numbers keep the same
 * id), {@code data} is the {@link LiveSnapshot} as JSON.
 */
record LiveEvent(long id, String data, Instant hour) {

    static final String NAME = "downloads";

}
