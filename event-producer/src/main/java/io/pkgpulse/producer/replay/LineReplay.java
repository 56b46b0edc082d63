package io.pkgpulse.producer.replay;

import java.util.Map;

/**
 * Turns one input line into at most one event for the run; one implementation per
 * {@code --format}.
 */
interface LineReplay {

    /**
     * @param lineNumber 1-based, for messages
     */
    void replay(byte[] line, long lineNumber);

    /**
     * Other counts for the summary, in the order to show them: lines that were read but
     * not sent ({@code unparsed}), and facts about what was sent.
     */
    Map<String, Long> inputCounts();

    /**
     * Lines that were read, well-formed, and deliberately not sent, by reason
     * ({@code method}, {@code status}, ...), in the order to show them; blank lines are
     * counted by the command.
     */
    default Map<String, Long> skippedByReason() {
        return Map.of();
    }

}
