package io.pkgpulse.producer.synthetic;

/**
 * What a synthetic stream looks like.
 *
 * @param projects size of the project universe
 * @param zipfExponent how steeply popularity falls with rank
 * @param days timestamps spread over this many days before now
 * @param seed everything but the timestamps' anchor (now) follows from it
 * @param rawAgentShare share of events with a raw {@code user_agent} instead of
 * {@code details}
 * @param badShare share of deliberately bad records
 */
public record SyntheticSettings(int projects, double zipfExponent, int days, long seed, double rawAgentShare,
        double badShare) {

    /** Shares of bot downloads and metadata fetches among the events that are not bad. */
    public static final double BOT_SHARE = 0.005;

    public static final double METADATA_SHARE = 0.005;

    public SyntheticSettings {
        if (projects < 1) {
            throw new IllegalArgumentException("--projects must be at least 1");
        }
        if (!(zipfExponent > 0) || Double.isInfinite(zipfExponent)) {
            throw new IllegalArgumentException("--zipf-exponent must be a positive number");
        }
        if (days < 1) {
            throw new IllegalArgumentException("--days must be at least 1");
        }
        if (!(rawAgentShare >= 0 && rawAgentShare <= 1)) {
            throw new IllegalArgumentException("--raw-agent-share must be between 0 and 1");
        }
        if (!(badShare >= 0 && badShare <= 1)) {
            throw new IllegalArgumentException("--bad-share must be between 0 and 1");
        }
    }
}
