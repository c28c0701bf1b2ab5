package io.mcpwriting.domain.admin;

import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON for the admin tools: values a client sent become bound {@code jsonb} parameters, catalog and manifest
 * documents are read back. Decimals stay exact ({@link java.math.BigDecimal}).
 */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final TypeReference<List<Object>> ARRAY = new TypeReference<>() {
    };

    private Json() {
    }

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    public static String pretty(Object value) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    }

    public static Map<String, Object> object(String json) {
        return MAPPER.readValue(json, OBJECT);
    }

    public static List<Object> array(String json) {
        return MAPPER.readValue(json, ARRAY);
    }

    /** Any JSON value: object, array, string, number, boolean or null. */
    public static Object value(String json) {
        return MAPPER.readValue(json, Object.class);
    }

    public static Object value(java.io.Reader json) {
        return MAPPER.readValue(json, Object.class);
    }
}
