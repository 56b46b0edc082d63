package io.pkgpulse.ingest.events.useragent;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version checks linehaul makes with Python's {@code packaging} before it trusts an
 * agent's format: {@code version in SpecifierSet(">=6", prereleases=True)} for pip's
 * JSON, {@code ">=1.4,<6"} for old pip and {@code ">=0.1.22"} for uv. A version that is
 * not PEP 440 ({@code 23.0-custom}) is in no range, a pre-release of the lower bound is
 * below it ({@code 6.0rc1} is not {@code >=6}) and, as PEP 440 says, {@code <6} excludes
 * the pre-releases of 6 too. Only final releases are used as bounds.
 */
final class Pep440 {

    /**
     * packaging's {@code VERSION_PATTERN}, matched in full, ignoring case; local labels
     * are allowed and ignored.
     */
    private static final Pattern VERSION = Pattern.compile("""
            v?+
            (?:(?<epoch>[0-9]+)!)?+
            (?<release>[0-9]+(?:\\.[0-9]+)*+)
            (?<pre>[._-]?+(?:alpha|a|beta|b|preview|pre|c|rc)[._-]?+[0-9]*+)?+
            (?<post>-[0-9]+|[._-]?(?:post|rev|r)[._-]?[0-9]*)?+
            (?<dev>[._-]?+dev[._-]?+[0-9]*+)?+
            (?:\\+[a-z0-9]+(?:[._-][a-z0-9]+)*+)?+
            """, Pattern.COMMENTS | Pattern.CASE_INSENSITIVE);

    private Pep440() {
    }

    /** {@code version in SpecifierSet(">=" + bound, prereleases=True)}. */
    static boolean atLeast(String version, String bound) {
        Matcher v = VERSION.matcher(version);
        return v.matches() && compare(v, bound) >= 0;
    }

    /** {@code version in SpecifierSet(">=" + lower + ",<" + upper, prereleases=True)}. */
    static boolean inRange(String version, String lower, String upper) {
        Matcher v = VERSION.matcher(version);
        if (!v.matches() || compare(v, lower) < 0) {
            return false;
        }
        // Below upper with the same release means a pre-release of upper, which "<"
        // excludes.
        return compare(v, upper) < 0 && compareRelease(v, upper) != 0;
    }

    /**
     * The sign of {@code version - bound} in PEP 440's order, {@code bound} a final
     * release: by epoch, then release; on an equal release a pre-release, or a
     * development release that is not of a post-release, comes first, and a post-release
     * after. A local label does not count (packaging drops it for {@code >=}; for
     * {@code <} a final bound makes no difference).
     */
    private static int compare(Matcher version, String bound) {
        int release = compareRelease(version, bound);
        if (release != 0) {
            return release;
        }
        boolean pre = version.group("pre") != null;
        boolean post = version.group("post") != null;
        boolean dev = version.group("dev") != null;
        if (pre || dev && !post) {
            return -1;
        }
        return post ? 1 : 0;
    }

    private static int compareRelease(Matcher version, String bound) {
        String epoch = version.group("epoch");
        if (epoch != null && compareNumbers(epoch, "0") > 0) {
            return 1;
        }
        String[] mine = version.group("release").split("\\.");
        String[] theirs = bound.split("\\.");
        for (int i = 0; i < Math.max(mine.length, theirs.length); i++) {
            int c = compareNumbers(i < mine.length ? mine[i] : "0", i < theirs.length ? theirs[i] : "0");
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /**
     * Compares two runs of ASCII digits as (unbounded) numbers, as Python's {@code int}
     * does.
     */
    private static int compareNumbers(String a, String b) {
        String x = stripLeadingZeros(a);
        String y = stripLeadingZeros(b);
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : Integer.signum(x.compareTo(y));
    }

    private static String stripLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

}
