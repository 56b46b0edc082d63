package io.pkgpulse.producer.replay;

import java.util.Map;

/** Turns one input line into at most one event for the run; one implementation per {@code --format}. */
interface LineReplay {

    /**
     * @param lineNumber 1-based, for messages
     */
    void replay(byte[] line, long lineNumber);

    /** Counts of lines that were read but not sent, for the summary ({@code skipped}, {@code unparsed}). */
    Map<String, Long> inputCounts();
}
