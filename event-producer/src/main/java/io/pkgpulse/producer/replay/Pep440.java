package io.pkgpulse.producer.replay;

import java.util.regex.Pattern;

/**
 * PEP 440 version syntax, as leniently as {@code packaging} accepts it ({@code v1.0},
 * {@code 1.0-2}, {@code 2.0.0rc1}, {@code 1!2.0.post1.dev3+local.7}). Used to tell where
 * an sdist's name ends and its version begins.
 */
public final class Pep440 {

    private static final Pattern VERSION = Pattern
        .compile("v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*" + "(?:[-_.]?(?:alpha|a|beta|b|preview|pre|c|rc)[-_.]?[0-9]*)?"
                + "(?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?" + "(?:[-_.]?dev[-_.]?[0-9]*)?"
                + "(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?", Pattern.CASE_INSENSITIVE);

    private Pep440() {
    }

    public static boolean isValid(String version) {
        return version != null && !version.isEmpty() && VERSION.matcher(version).matches();
    }

}
