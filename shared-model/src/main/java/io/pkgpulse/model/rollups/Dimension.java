package io.pkgpulse.model.rollups;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * A categorical dimension of the daily rollups. The database stores its {@link #code()
 * code} (a {@code smallint}, table {@code dimensions}, migration V7); reports show its
 * {@link #pypiName() pypistats name}, e.g. {@code python_minor}.
 */
public enum Dimension {

    /** {@code 3}, {@code 2}. */
    PYTHON_MAJOR(1),
    /** {@code 3.12}. */
    PYTHON_MINOR(2),
    /** {@code Linux}, {@code Windows}, {@code Darwin}, {@code other}. */
    SYSTEM(3),
    /** {@code pip}, {@code uv}, {@code bandersnatch}, ... */
    INSTALLER(4),
    /** ISO 3166-1 alpha-2 code. */
    COUNTRY(5),
    /** {@code bdist_wheel}, {@code sdist}, ... */
    FILE_TYPE(6),
    /** {@code true} or {@code false}: whether the download came from CI. */
    CI(7);

    private static final Dimension[] BY_CODE = new Dimension[Arrays.stream(values())
        .mapToInt(d -> d.code)
        .max()
        .orElse(0) + 1];

    static {
        for (Dimension dimension : values()) {
            if (BY_CODE[dimension.code] != null) {
                throw new ExceptionInInitializerError("Two dimensions have code " + dimension.code);
            }
            BY_CODE[dimension.code] = dimension;
        }
    }

    private final short code;

    private final String pypiName = name().toLowerCase(Locale.ROOT);

    Dimension(int code) {
        this.code = (short) code;
    }

    /**
     * The code the rollup tables store ({@code daily_category_downloads.dimension}, table
     * {@code dimensions}). Written out, not derived from the declaration order: stored
     * rows hold these numbers, so a code never changes and is never reused. A new
     * dimension takes the next number, in a migration that adds it to {@code dimensions}
     * and widens the tables' range checks.
     */
    public short code() {
        return code;
    }

    /**
     * The name pypistats uses, e.g. {@code python_minor}: in URLs, JSON
     * ({@code python_minor_downloads}), charts.
     */
    public String pypiName() {
        return pypiName;
    }

    public static Optional<Dimension> fromPypiName(String name) {
        return Arrays.stream(values()).filter(d -> d.pypiName().equals(name)).findFirst();
    }

    public static Optional<Dimension> fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
    }

    /** Stores the code. */
    @Converter(autoApply = true)
    public static class DatabaseConverter implements AttributeConverter<Dimension, Short> {

        @Override
        public Short convertToDatabaseColumn(Dimension dimension) {
            return dimension == null ? null : dimension.code();
        }

        @Override
        public Dimension convertToEntityAttribute(Short code) {
            return code == null ? null : fromCode(code)
                .orElseThrow(() -> new IllegalStateException("Unknown dimension code in the database: " + code));
        }

    }

}
