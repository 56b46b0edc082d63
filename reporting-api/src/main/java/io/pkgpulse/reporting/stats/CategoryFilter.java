package io.pkgpulse.reporting.stats;

import java.util.Objects;
import java.util.Set;

import io.pkgpulse.model.rollups.Dimension;
import io.pkgpulse.reporting.problems.BadRequestException;

/**
 * The one category a daily category series is cut down to ({@code ?version=} on
 * {@code python_major} and {@code python_minor}, {@code ?os=} on {@code system},
 * {@code ?installer=}, {@code ?country=}, {@code ?type=} on {@code file_type},
 * {@code ?ci=}), and how it is matched: a stored category matches when it is the same
 * text once ASCII letters are compared without regard to case. {@code os=linux},
 * {@code os=LINUX} and {@code os=Linux} all find {@code Linux}, {@code installer=browser}
 * finds {@code Browser}, {@code country=de} finds {@code DE}, {@code ci=TRUE} finds
 * {@code true}; digits and punctuation ({@code 3.12}) must be as stored.
 *
 * <p>
 * pypistats.org title-cases the value of {@code version} and {@code os} before an exact
 * match (Python's {@code str.title()}, pypistats/views/api.py), so {@code linux} finds
 * {@code Linux} and {@code 3.12} stays {@code 3.12}. Comparing without regard to case
 * gives the same answer for every category pypistats can find, and also finds the two it
 * stores in lower case but cannot find ({@code other} and {@code null}, which
 * title-casing turns into {@code Other} and {@code Null}). A value that matches nothing
 * is an empty series, as there.
 *
 * <p>
 * {@link #value()} is in ASCII lower case whatever the request said, so the differently
 * cased requests share one query and one entry in the series cache; the queries compare
 * it with {@link #STORED}.
 */
public record CategoryFilter(String value) {

    /**
     * SQL: the stored {@code category} in the form of {@link #value()} (lower-cases ASCII
     * letters only).
     */
    static final String STORED = "lower(category COLLATE \"C\")";

    /**
     * What the worker stores for ci: whether the client said it ran in CI, and
     * {@code null} where it did not say.
     */
    private static final Set<String> CI_VALUES = Set.of("true", "false", "null");

    public CategoryFilter {
        value = asciiLowerCase(Objects.requireNonNull(value, "value"));
    }

    /**
     * The filter a request's {@code raw} parameter asks for, or null when it has none. A
     * value that could never be a category (empty, over 128 characters, control
     * characters) is a bad request, and so is a {@code ci} that is not {@code true},
     * {@code false} or {@code null} (in any case).
     */
    static CategoryFilter of(Dimension dimension, String raw) {
        if (raw == null) {
            return null;
        }
        String parameter = parameter(dimension);
        Target.checkFilter(parameter, raw);
        CategoryFilter filter = new CategoryFilter(raw);
        if (dimension == Dimension.CI && !CI_VALUES.contains(filter.value())) {
            throw new BadRequestException(parameter, "ci must be true, false or null");
        }
        return filter;
    }

    /**
     * The query parameter that filters {@code dimension}'s series: pypistats' names where
     * it has them.
     */
    static String parameter(Dimension dimension) {
        return switch (dimension) {
            case PYTHON_MAJOR, PYTHON_MINOR -> "version";
            case SYSTEM -> "os";
            case INSTALLER -> "installer";
            case COUNTRY -> "country";
            case FILE_TYPE -> "type";
            case CI -> "ci";
        };
    }

    /**
     * Lower-cases A to Z only, as PostgreSQL's {@code lower()} does under the {@code C}
     * collation.
     */
    private static String asciiLowerCase(String text) {
        char[] chars = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (chars == null) {
                    chars = text.toCharArray();
                }
                chars[i] = (char) (c + ('a' - 'A'));
            }
        }
        return chars == null ? text : new String(chars);
    }
}
