package io.pkgpulse.ingest.events;

import java.util.Locale;

/**
 * Why a well-formed event is not counted; dropped events are counted by reason but stored
 * nowhere.
 */
public enum DropReason {

    /**
     * The user agent is a known bot, crawler or monitoring agent (as PyPI's linehaul
     * ignores them).
     */
    BOT,
    /**
     * The file is not a distribution: a {@code .metadata} or signature ({@code .asc})
     * fetch.
     */
    NOT_A_DISTRIBUTION,
    /**
     * A history import's line that was counted before: the same file imported again, or
     * resumed.
     */
    ALREADY_IMPORTED;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

}
