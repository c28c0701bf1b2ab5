package io.mcpwriting.domain;

import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads JSON built by PostgreSQL back into Java values, for the few tools that must render it in another
 * form (a manuscript file, a markdown report). Objects keep their key order.
 */
public final class StoredJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private StoredJson() {
    }

    public static Map<String, Object> object(String json) {
        return MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {
        });
    }

    /** A JSON array of objects, in order. */
    public static List<Map<String, Object>> objects(String json) {
        return MAPPER.readValue(json, new TypeReference<List<Map<String, Object>>>() {
        });
    }

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }
}
