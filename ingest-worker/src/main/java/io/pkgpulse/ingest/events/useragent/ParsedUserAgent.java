package io.pkgpulse.ingest.events.useragent;

import io.pkgpulse.ingest.events.DownloadEvent.Details;

/**
 * What a raw user agent says.
 *
 * @param kind whether the agent was recognised, is a bot to ignore, or is unknown
 * @param details what it told about the installer and environment; null unless
 * {@code kind} is {@code RECOGNISED}
 */
public record ParsedUserAgent(Kind kind, Details details) {

    public enum Kind {

        /**
         * An agent linehaul parses; {@code details} is what it makes of it: mostly at
         * least {@code installer.name}, but only the Python version for a bare
         * {@code Python-urllib/X.Y}, and whatever a JSON agent sent (possibly nothing).
         */
        RECOGNISED,
        /** An agent linehaul ignores, or a crawler: the download is not counted. */
        BOT,
        /**
         * Anything else (linehaul's unknown agents): the download is counted, without
         * details.
         */
        UNKNOWN

    }

    public static final ParsedUserAgent BOT = new ParsedUserAgent(Kind.BOT, null);

    public static final ParsedUserAgent UNKNOWN = new ParsedUserAgent(Kind.UNKNOWN, null);

    public static ParsedUserAgent recognised(Details details) {
        return new ParsedUserAgent(Kind.RECOGNISED, details);
    }
}
