package io.mcpwriting.mcp.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Input schemas come from tool method signatures, and bad declarations fail early. */
class ToolSchemasTest {

    enum Mood { CALM, ON_EDGE }

    record Participant(@Arg(value = "character_id", required = true) Integer characterId,
            @Arg("role") String role) {
    }

    static class Sample {
        @Tool(name = "sample_tool", description = "d")
        public Object run(@Arg(value = "book_id", required = true, description = "Book") int bookId,
                @Arg(value = "mood", defaultValue = "calm") Mood mood,
                @Arg(value = "level", min = 1, max = 10, defaultValue = "5") int level,
                @Arg(value = "tags") List<String> tags,
                @Arg(value = "kinds", allowed = {"a", "b"}) List<String> kinds,
                @Arg(value = "people", minItems = 1) List<Participant> people,
                @Arg(value = "where") Map<String, Object> where,
                @Arg(value = "ratio") Double ratio,
                @Arg(value = "table", pattern = "^[a-z_]+$") String table) {
            return null;
        }

        @Tool(name = "one_of", description = "d", exactlyOneOf = {"a", "b"})
        public Object oneOf(@Arg("a") Integer a, @Arg("b") String b) {
            return null;
        }

        @Tool(name = "bad primitive", description = "d")
        public Object badName(@Arg("x") Integer x) {
            return null;
        }

        @Tool(name = "optional_primitive", description = "d")
        public Object optionalPrimitive(@Arg("x") int x) {
            return null;
        }

        @Tool(name = "unsupported", description = "d")
        public Object unsupported(@Arg("x") java.util.Date x) {
            return null;
        }
    }

    private static Method method(String name) {
        for (Method m : Sample.class.getMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new AssertionError(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> property(Map<String, Object> schema, String name) {
        return (Map<String, Object>) ((Map<String, Object>) schema.get("properties")).get(name);
    }

    @Test
    void schemaIsAClosedObjectWithTheRequiredArguments() {
        Map<String, Object> schema = ToolSchemas.inputSchema(method("run"));
        assertEquals("object", schema.get("type"));
        assertEquals(false, schema.get("additionalProperties"));
        assertEquals(List.of("book_id"), schema.get("required"));
        assertEquals(Map.of("type", "integer", "description", "Book"), property(schema, "book_id"));
    }

    @Test
    void enumsDefaultsAndRangesComeFromTypesAndAnnotations() {
        Map<String, Object> schema = ToolSchemas.inputSchema(method("run"));
        assertEquals(Map.of("type", "string", "enum", List.of("calm", "on_edge"), "default", "calm"),
                property(schema, "mood"));
        assertEquals(Map.of("type", "integer", "minimum", 1L, "maximum", 10L, "default", 5L), property(schema, "level"));
        assertEquals(Map.of("type", "number"), property(schema, "ratio"));
        assertEquals(Map.of("type", "string", "pattern", "^[a-z_]+$"), property(schema, "table"));
    }

    @Test
    void arraysAndObjectsDescribeTheirItems() {
        Map<String, Object> schema = ToolSchemas.inputSchema(method("run"));
        assertEquals(Map.of("type", "array", "items", Map.of("type", "string")), property(schema, "tags"));
        assertEquals(Map.of("type", "array", "items", Map.of("type", "string", "enum", List.of("a", "b"))),
                property(schema, "kinds"));
        assertEquals(Map.of("type", "object", "additionalProperties", true), property(schema, "where"));
        Map<String, Object> people = property(schema, "people");
        assertEquals(1, people.get("minItems"));
        @SuppressWarnings("unchecked")
        Map<String, Object> item = (Map<String, Object>) people.get("items");
        assertEquals(List.of("character_id"), item.get("required"));
        assertEquals(false, item.get("additionalProperties"));
    }

    @Test
    void exactlyOneOfBecomesOneOfSingleRequirements() {
        Map<String, Object> schema = ToolSchemas.inputSchema(method("oneOf"));
        assertEquals(List.of(Map.of("required", List.of("a")), Map.of("required", List.of("b"))), schema.get("oneOf"));
    }

    @Test
    void badDeclarationsFailAtStartup() {
        assertThrows(IllegalStateException.class, () -> ToolSchemas.inputSchema(method("badName")));
        IllegalStateException primitive = assertThrows(IllegalStateException.class,
                () -> ToolSchemas.params(method("optionalPrimitive")));
        assertTrue(primitive.getMessage().contains("primitive"));
        assertThrows(IllegalStateException.class, () -> ToolSchemas.params(method("unsupported")));
    }

    @Test
    void bindingConvertsJsonValuesToDeclaredTypes() {
        Object[] values = ArgumentBinder.bind(ToolSchemas.params(method("run")), Map.of("book_id", 7L,
                "mood", "on_edge", "people", List.of(Map.of("character_id", 3, "role", "lead")), "ratio", 2));
        assertEquals(7, values[0]);
        assertEquals(Mood.ON_EDGE, values[1]);
        assertEquals(5, values[2], "absent arguments take their default");
        assertEquals(List.of(new Participant(3, "lead")), values[5]);
        assertEquals(2.0, values[7]);
        assertFalse(values[3] != null, "absent optional arguments are null");
    }
}
