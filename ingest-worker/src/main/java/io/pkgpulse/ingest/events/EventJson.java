package io.pkgpulse.ingest.events;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The JSON mapper for events: snake_case names, unknown fields ignored (producers may
 * send more than we store), duplicate keys rejected, and no type coercion, so
 * {@code "project": 42}, {@code "ci": "yes"} or {@code "line": "7"} is an error instead
 * of being quietly converted.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        // EventDeserializer reports trailing data itself, as not-json rather than a type
        // mismatch.
        .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .withCoercionConfig(LogicalType.Textual, strict())
        .withCoercionConfig(LogicalType.Boolean, strict())
        .withCoercionConfig(LogicalType.Integer, strict())
        .withCoercionConfig(LogicalType.POJO, strict())
        .build();

    private EventJson() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    private static java.util.function.Consumer<tools.jackson.databind.cfg.MutableCoercionConfig> strict() {
        return config -> {
            for (CoercionInputShape shape : CoercionInputShape.values()) {
                config.setCoercion(shape, CoercionAction.Fail);
            }
        };
    }

}
