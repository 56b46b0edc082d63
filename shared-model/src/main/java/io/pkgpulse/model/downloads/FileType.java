package io.pkgpulse.model.downloads;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** The distribution file types PyPI records ({@code file.type} in its {@code file_downloads} table). */
public enum FileType {
    SDIST, BDIST_WHEEL, BDIST_EGG, BDIST_WININST, BDIST_MSI, BDIST_RPM, BDIST_DMG, BDIST_DUMB;

    private final String pypiName = name().toLowerCase(Locale.ROOT);

    private static final FileType[] VALUES = values();

    private static final Map<String, FileType> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toMap(FileType::pypiName, Function.identity()));

    /** The name PyPI uses, e.g. {@code bdist_wheel}; also the stored value. */
    public String pypiName() {
        return pypiName;
    }

    public static Optional<FileType> fromPypiName(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
    }

    /**
     * The code a raw row stores ({@code downloads.file_type}, table {@code file_types}): 1 for sdist, then in the
     * order above. Stable: never renumber a constant.
     */
    public short code() {
        return (short) (ordinal() + 1);
    }

    public static Optional<FileType> fromCode(int code) {
        return code >= 1 && code <= VALUES.length ? Optional.of(VALUES[code - 1]) : Optional.empty();
    }

    /** Stores the code. */
    @Converter(autoApply = true)
    public static class DatabaseConverter implements AttributeConverter<FileType, Short> {

        @Override
        public Short convertToDatabaseColumn(FileType type) {
            return type == null ? null : type.code();
        }

        @Override
        public FileType convertToEntityAttribute(Short code) {
            return code == null ? null : fromCode(code)
                    .orElseThrow(() -> new IllegalStateException("Unknown file type code in the database: " + code));
        }
    }
}
