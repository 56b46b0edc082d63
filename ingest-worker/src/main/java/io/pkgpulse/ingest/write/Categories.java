package io.pkgpulse.ingest.write;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.pkgpulse.ingest.events.ValidEvent;
import io.pkgpulse.model.rollups.Dimension;

/**
 * The category an event counts under in each rollup dimension, as pypistats names them:
 * {@code 3} and {@code 3.12} for Python,
 * {@code Linux}/{@code Windows}/{@code Darwin}/{@code other} for the system, and
 * {@code null} where the event does not say. One instance per batch: it remembers the few
 * distinct Python versions it has split.
 */
final class Categories {

    static final String UNKNOWN = "null";

    private static final Set<String> SYSTEMS = Set.of("Linux", "Windows", "Darwin");

    private final Map<String, String[]> pythons = new HashMap<>();

    String of(Dimension dimension, ValidEvent event) {
        return switch (dimension) {
            case PYTHON_MAJOR -> python(event.pythonVersion())[0];
            case PYTHON_MINOR -> python(event.pythonVersion())[1];
            case SYSTEM -> event.systemName() == null ? UNKNOWN
                    : SYSTEMS.contains(event.systemName()) ? event.systemName() : "other";
            case INSTALLER -> orUnknown(event.installerName());
            case COUNTRY -> orUnknown(event.countryCode());
            case FILE_TYPE -> event.fileType().pypiName();
            case CI -> event.ci() == null ? UNKNOWN : event.ci() ? "true" : "false";
        };
    }

    /**
     * Major and minor category of a Python version, e.g. {@code 3} and {@code 3.12} for
     * {@code 3.12.1}.
     */
    private String[] python(String version) {
        if (version == null) {
            return new String[] { UNKNOWN, UNKNOWN };
        }
        return pythons.computeIfAbsent(version, v -> new String[] { pythonMajor(v), pythonMinor(v) });
    }

    /** {@code 3} of {@code 3.12.1}; the leading digits, if any. */
    static String pythonMajor(String python) {
        int end = digits(python, 0);
        return end == 0 ? UNKNOWN : python.substring(0, end);
    }

    /**
     * {@code 3.12} of {@code 3.12.1} or {@code 3.12rc1}; needs two numeric components.
     */
    static String pythonMinor(String python) {
        int major = digits(python, 0);
        if (major == 0 || major >= python.length() || python.charAt(major) != '.') {
            return UNKNOWN;
        }
        int minor = digits(python, major + 1);
        return minor == major + 1 ? UNKNOWN : python.substring(0, minor);
    }

    private static int digits(String text, int from) {
        int i = from;
        while (i < text.length() && i - from < 9 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    private static String orUnknown(String value) {
        return value == null ? UNKNOWN : value;
    }

}
