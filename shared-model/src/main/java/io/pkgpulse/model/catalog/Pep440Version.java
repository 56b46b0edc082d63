package io.pkgpulse.model.catalog;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version parsed the way pip's {@code packaging.version} does (PEP 440, with its
 * normalisation of spellings such as {@code 1.0-beta2} or {@code v2.0.post}), reduced to
 * what the database orders by: major, minor and micro, and a sort key that orders
 * everything else (epoch, further release segments, pre, post, dev and local parts)
 * byte-wise.
 *
 * @param major first release segment
 * @param minor second release segment, 0 if absent
 * @param micro third release segment, 0 if absent
 * @param prerelease whether this is a pre-release or development release (pip skips them
 * by default)
 * @param sortKey key whose byte order is PEP 440 order; compare with the C collation
 */
public record Pep440Version(int major, int minor, int micro, boolean prerelease, String sortKey) {

    // packaging.version.VERSION_PATTERN
    private static final Pattern PATTERN = Pattern.compile("""
            ^\\s*v?
            (?:(?<epoch>[0-9]+)!)?
            (?<release>[0-9]+(?:\\.[0-9]+)*)
            (?<pre>[-_.]?(?<preL>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<preN>[0-9]+)?)?
            (?<post>(?:-(?<postN1>[0-9]+))|(?:[-_.]?(?<postL>post|rev|r)[-_.]?(?<postN2>[0-9]+)?))?
            (?<dev>[-_.]?(?<devL>dev)[-_.]?(?<devN>[0-9]+)?)?
            (?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?
            \\s*$""", Pattern.CASE_INSENSITIVE | Pattern.COMMENTS);

    private static final BigInteger MAX_INT = BigInteger.valueOf(Integer.MAX_VALUE);

    /*
     * Markers of the sort key. Numbers are encoded as a length letter ('A' = 1 digit) and
     * their digits, so every marker below sorts before any further number: 1.0 <
     * 1.0.post1 < 1.0.1.
     */
    private static final char DEV_ONLY = '#';

    private static final char PRE = '$';

    private static final char NONE = '%';

    private static final char POST = '&';

    private static final char LOCAL = '+';

    /**
     * The order of any version string: its PEP 440 parse, or for a legacy version (such
     * as {@code 2004d}) -1 for major, minor and micro, so that it sorts before every PEP
     * 440 version, and its lower-case text as sort key.
     */
    public static Pep440Version orderOf(String version) {
        return parse(version).orElseGet(() -> new Pep440Version(-1, -1, -1, false, version.toLowerCase(Locale.ROOT)));
    }

    /**
     * Parses a PEP 440 version; empty when the string is not one (legacy versions such as
     * {@code 2004d}).
     */
    public static Optional<Pep440Version> parse(String version) {
        if (version == null) {
            return Optional.empty();
        }
        Matcher m = PATTERN.matcher(version);
        if (!m.matches()) {
            return Optional.empty();
        }
        List<BigInteger> release = new ArrayList<>();
        for (String segment : m.group("release").split("\\.")) {
            release.add(new BigInteger(segment));
        }
        while (release.size() > 1 && release.get(release.size() - 1).signum() == 0) {
            release.remove(release.size() - 1); // 1.0 == 1.0.0
        }
        int[] mmm = new int[3];
        for (int i = 0; i < 3 && i < release.size(); i++) {
            if (release.get(i).compareTo(MAX_INT) > 0) {
                return Optional.empty();
            }
            mmm[i] = release.get(i).intValue();
        }

        boolean pre = m.group("pre") != null;
        boolean post = m.group("post") != null;
        boolean dev = m.group("dev") != null;
        StringBuilder key = new StringBuilder();
        if (!appendNumber(key, m.group("epoch"))) {
            return Optional.empty();
        }
        for (BigInteger segment : release) {
            if (!appendNumber(key, segment.toString())) {
                return Optional.empty();
            }
        }
        if (pre) {
            key.append(PRE).append(preLetter(m.group("preL")));
            if (!appendNumber(key, m.group("preN"))) {
                return Optional.empty();
            }
        }
        else {
            // A bare dev release (1.0.dev1) comes before every pre-release of the same
            // version.
            key.append(dev && !post ? DEV_ONLY : NONE);
        }
        if (post) {
            key.append(POST);
            String n = m.group("postN1") != null ? m.group("postN1") : m.group("postN2");
            if (!appendNumber(key, n)) {
                return Optional.empty();
            }
        }
        else {
            key.append(NONE);
        }
        if (dev) {
            key.append(DEV_ONLY);
            if (!appendNumber(key, m.group("devN"))) {
                return Optional.empty();
            }
        }
        else {
            key.append(NONE);
        }
        if (m.group("local") != null) {
            key.append(LOCAL).append(m.group("local").toLowerCase(Locale.ROOT).replaceAll("[-_]", "."));
        }
        return Optional.of(new Pep440Version(mmm[0], mmm[1], mmm[2], pre || dev, key.toString()));
    }

    private static char preLetter(String label) {
        return switch (label.toLowerCase(Locale.ROOT)) {
            case "a", "alpha" -> 'a';
            case "b", "beta" -> 'b';
            default -> 'c'; // c, rc, pre, preview
        };
    }

    /**
     * Appends a non-negative number (absent = 0) as length letter + digits; false if it
     * has over 26 digits.
     */
    private static boolean appendNumber(StringBuilder key, String digits) {
        String n = digits == null ? "0" : digits.replaceFirst("^0+(?=.)", "");
        if (n.length() > 26) {
            return false;
        }
        key.append((char) ('A' + n.length() - 1)).append(n);
        return true;
    }
}
