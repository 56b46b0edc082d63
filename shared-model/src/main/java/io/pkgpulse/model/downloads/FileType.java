package io.pkgpulse.model.downloads;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * The distribution file types PyPI records ({@code file.type} in its
 * {@code file_downloads} table).
 */
public enum FileType {

    SDIST(1), BDIST_WHEEL(2), BDIST_EGG(3), BDIST_WININST(4), BDIST_MSI(5), BDIST_RPM(6), BDIST_DMG(7), BDIST_DUMB(8);

    private final String pypiName = name().toLowerCase(Locale.ROOT);

    private final short code;

    FileType(int code) {
        this.code = (short) code;
    }

    private static final Map<String, FileType> BY_NAME = Arrays.stream(values())
        .collect(Collectors.toMap(FileType::pypiName, Function.identity()));

    /**
     * The name PyPI uses, e.g. {@code bdist_wheel}: what events carry and the API shows
     * (rows store the code).
     */
    public String pypiName() {
        return pypiName;
    }

    public static Optional<FileType> fromPypiName(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
    }

    /**
     * The code a raw row stores ({@code downloads.file_type}; the table
     * {@code file_types} names them). Written out, not derived from the declaration
     * order: stored rows and archives keep it forever.
     */
    public short code() {
        return code;
    }

    public static Optional<FileType> fromCode(int code) {
        return Arrays.stream(values()).filter(type -> type.code == code).findFirst();
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
