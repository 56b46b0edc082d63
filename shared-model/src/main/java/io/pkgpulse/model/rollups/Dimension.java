package io.pkgpulse.model.rollups;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** A categorical dimension of the daily rollups; the stored value is the lower-case name, e.g. {@code python_minor}. */
public enum Dimension {
    /** {@code 3}, {@code 2}. */
    PYTHON_MAJOR,
    /** {@code 3.12}. */
    PYTHON_MINOR,
    /** {@code Linux}, {@code Windows}, {@code Darwin}, {@code other}. */
    SYSTEM,
    /** {@code pip}, {@code uv}, {@code bandersnatch}, ... */
    INSTALLER,
    /** ISO 3166-1 alpha-2 code. */
    COUNTRY,
    /** {@code bdist_wheel}, {@code sdist}, ... */
    FILE_TYPE,
    /** {@code true} or {@code false}: whether the download came from CI. */
    CI;

    private final String dbName = name().toLowerCase(Locale.ROOT);

    /** The value pypistats and the database use. */
    public String dbName() {
        return dbName;
    }

    public static Optional<Dimension> fromDbName(String name) {
        return Arrays.stream(values()).filter(d -> d.dbName().equals(name)).findFirst();
    }

    @Converter(autoApply = true)
    public static class DatabaseConverter implements AttributeConverter<Dimension, String> {

        @Override
        public String convertToDatabaseColumn(Dimension dimension) {
            return dimension == null ? null : dimension.dbName();
        }

        @Override
        public Dimension convertToEntityAttribute(String name) {
            return name == null ? null : fromDbName(name)
                    .orElseThrow(() -> new IllegalStateException("Unknown dimension in the database: " + name));
        }
    }
}
