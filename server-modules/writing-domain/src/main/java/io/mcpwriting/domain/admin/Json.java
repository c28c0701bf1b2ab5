package io.mcpwriting.domain.admin;

import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON for the admin tools: values a client sent become bound {@code jsonb} parameters, catalog and manifest
 * documents are read back. Decimals stay exact ({@link java.math.BigDecimal}).
 */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    /** Reads one value of a stream, leaving the tokens after it to the caller. */
    private static final ObjectReader IN_STREAM = MAPPER.readerFor(Object.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
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

    /** A token stream over a document too large to hold at once (an import file); see {@link #value(JsonParser)}. */
    public static JsonParser parser(java.io.Reader json) {
        return MAPPER.createParser(json);
    }

    /** The value starting at the parser's current token, read as {@link #value(String)} reads it; the rest stays. */
    public static Object value(JsonParser parser) {
        return IN_STREAM.readValue(parser);
    }
}
