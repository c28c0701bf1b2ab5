package io.mcpwriting.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tool answers made comparable across runs: the ids the fixture got from the database's sequences become the
 * names the test gave those rows, timestamps become a mark. Key order and everything else stay as PostgreSQL wrote them.
 */
public final class Answers {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Answers() {
    }

    public static Map<String, Object> read(String json) {
        return MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }

    /** Indented, one key a line, so that a difference shows as the lines that differ. */
    public static String pretty(Object value) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    }

    /** The text of a test resource next to the class (UTF-8). */
    public static String expected(Class<?> test, String name) {
        try (var in = test.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + name + " beside " + test.getName());
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The value with every scalar replaced by {@code relabel(path, scalar)}, where the path is the keys leading to it
     * joined by dots (list items sit at their list's path); {@code created_at} and {@code updated_at} become
     * {@code "<time>"}.
     */
    public static Object relabel(Object value, BiFunction<String, Object, Object> relabel) {
        return relabel(value, "", relabel);
    }

    @SuppressWarnings("unchecked")
    private static Object relabel(Object value, String path, BiFunction<String, Object, Object> relabel) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> out.put(k, k.equals("created_at") || k.equals("updated_at")
                    ? "<time>" : relabel(v, path.isEmpty() ? k : path + "." + k, relabel)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(relabel(item, path, relabel)));
            return out;
        }
        return value == null ? null : relabel.apply(path, value);
    }
}
