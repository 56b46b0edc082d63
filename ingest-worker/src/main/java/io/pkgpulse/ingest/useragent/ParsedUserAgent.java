package io.pkgpulse.ingest.useragent;

import io.pkgpulse.ingest.events.DownloadEvent.Details;

/**
 * What a raw user agent says.
 *
 * @param kind whether the agent was recognised, is a bot to ignore, or is unknown
 * @param details what it told about the installer and environment; null unless {@code kind} is {@code RECOGNISED}
 */
public record ParsedUserAgent(Kind kind, Details details) {

    public enum Kind {
        /**
         * A known installer or client; {@code details} has {@code installer.name}, except for a bare
         * {@code Python-urllib/X.Y} agent, which tells only the Python version.
         */
        RECOGNISED,
        /** A known bot, crawler or monitoring agent: the download is not counted. */
        BOT,
        /** Anything else: the download is counted, without details. */
        UNKNOWN
    }

    public static final ParsedUserAgent BOT = new ParsedUserAgent(Kind.BOT, null);

    public static final ParsedUserAgent UNKNOWN = new ParsedUserAgent(Kind.UNKNOWN, null);

    public static ParsedUserAgent recognised(Details details) {
        return new ParsedUserAgent(Kind.RECOGNISED, details);
    }
}
