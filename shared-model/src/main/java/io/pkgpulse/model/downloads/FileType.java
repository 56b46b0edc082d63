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

    private static final Map<String, FileType> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toMap(FileType::pypiName, Function.identity()));

    /** The name PyPI uses, e.g. {@code bdist_wheel}; also the stored value. */
    public String pypiName() {
        return pypiName;
    }

    public static Optional<FileType> fromPypiName(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
    }

    /** Stores the PyPI name. */
    @Converter(autoApply = true)
    public static class DatabaseConverter implements AttributeConverter<FileType, String> {

        @Override
        public String convertToDatabaseColumn(FileType type) {
            return type == null ? null : type.pypiName();
        }

        @Override
        public FileType convertToEntityAttribute(String name) {
            return name == null ? null : fromPypiName(name)
                    .orElseThrow(() -> new IllegalStateException("Unknown file type in the database: " + name));
        }
    }
}
