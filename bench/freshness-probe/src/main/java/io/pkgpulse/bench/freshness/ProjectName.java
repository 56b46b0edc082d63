package io.pkgpulse.bench.freshness;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * PEP 508 project names and their PEP 503 normal form, as the event contract
 * (docs/events.md) defines them.
 */
final class ProjectName {

    private static final Pattern VALID = Pattern.compile("^([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])$");

    private static final Pattern SEPARATORS = Pattern.compile("[-_.]+");

    private ProjectName() {
    }

    static boolean isValid(String name) {
        return name != null && name.length() <= 255 && VALID.matcher(name).matches();
    }

    static String normalize(String name) {
        return SEPARATORS.matcher(name).replaceAll("-").toLowerCase(Locale.ROOT);
    }

}
