package it.io.mcpwriting.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.spec.McpSchema;
import it.io.mcpwriting.support.McpSession;
import it.io.mcpwriting.support.Servers;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every running server lists exactly the tools of the contract (docs/contract/tools.json, the reference's
 * interface): the same names, and input schemas with the same properties, types, enums, defaults, bounds and
 * required sets. Our descriptions and the closed-object markers are ours and are left out of the comparison.
 * The only additions are the optional arguments of docs/contract/extensions.json (paging, opt-in reads), never
 * required.
 */
class ToolContractIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> contract() {
        return JSON.readValue(Path.of(System.getProperty("reference.tools")).toFile(), Map.class);
    }

    /** Tool name to the optional properties we add to its reference schema. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> extensions() {
        return (Map<String, Map<String, Object>>) extensionFile().get("properties");
    }

    /** Tool name to property to the enum values appended to the reference's. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, List<Object>>> enumExtensions() {
        return (Map<String, Map<String, List<Object>>>) extensionFile().get("enumValues");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> extensionFile() {
        Path file = Path.of(System.getProperty("reference.tools")).resolveSibling("extensions.json");
        return JSON.readValue(file.toFile(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withExtensions(String tool, Map<String, Object> schema,
            Map<String, Map<String, Object>> extensions) {
        Map<String, Object> extra = extensions.getOrDefault(tool, Map.of());
        Map<String, List<Object>> moreValues = enumExtensions().getOrDefault(tool, Map.of());
        if (extra.isEmpty() && moreValues.isEmpty()) {
            return schema;
        }
        Map<String, Object> extended = new TreeMap<>(schema);
        Map<String, Object> properties = new TreeMap<>((Map<String, Object>) schema.get("properties"));
        moreValues.forEach((name, values) -> {
            Map<String, Object> property = new TreeMap<>((Map<String, Object>) properties.get(name));
            List<Object> allowed = new ArrayList<>((List<Object>) property.get("enum"));
            allowed.addAll(values);
            property.put("enum", allowed);
            properties.put(name, property);
        });
        extra.forEach((name, property) -> {
            if (properties.putIfAbsent(name, property) != null) {
                throw new AssertionError(tool + ": extension " + name + " redefines a reference argument");
            }
        });
        extended.put("properties", properties);
        return extended;
    }

    private static List<String> serversUnderTest() {
        String selected = System.getProperty("it.servers", "");
        return selected.isBlank() ? new ArrayList<>(Servers.all().keySet()) : List.of(selected.split(","));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServerListsExactlyTheContractsTools() {
        Map<String, Object> contract = contract();
        Map<String, Map<String, Object>> extensions = extensions();
        int listed = 0;
        TreeSet<String> distinct = new TreeSet<>();
        for (String server : serversUnderTest()) {
            Map<String, Object> expectedTools = new TreeMap<>();
            for (Map<String, Object> tool : (List<Map<String, Object>>) ((Map<String, Object>) contract.get(server)).get("tools")) {
                String name = (String) tool.get("name");
                expectedTools.put(name, normalize(withExtensions(name, (Map<String, Object>) tool.get("inputSchema"),
                        extensions)));
            }
            Map<String, Object> actualTools = new TreeMap<>();
            try (McpSession session = McpSession.open(server)) {
                for (McpSchema.Tool tool : session.tools()) {
                    actualTools.put(tool.name(), normalize(JSON.convertValue(tool.inputSchema(), Map.class)));
                    assertTrue(tool.description() != null && tool.description().length() > 20,
                            server + "/" + tool.name() + " says what it does");
                }
            }
            assertEquals(expectedTools.keySet(), actualTools.keySet(), server + ": tool names");
            for (String name : expectedTools.keySet()) {
                assertEquals(expectedTools.get(name), actualTools.get(name), server + "/" + name + ": input schema");
            }
            listed += actualTools.size();
            distinct.addAll(actualTools.keySet());
        }
        if (serversUnderTest().size() == Servers.all().size()) {
            // The counts come from the contract (docs/contract/tools.json), the one place that names the tools.
            int contractListed = 0;
            TreeSet<String> contractDistinct = new TreeSet<>();
            for (String server : Servers.all().keySet()) {
                for (Map<String, Object> tool : (List<Map<String, Object>>) ((Map<String, Object>) contract.get(server)).get("tools")) {
                    contractListed++;
                    contractDistinct.add((String) tool.get("name"));
                }
            }
            assertEquals(contractListed, listed, "tools listed across the ten servers");
            assertEquals(contractDistinct, distinct, "distinct tool names");
        }
    }

    /** Drops descriptions and closed-object markers, sorts required sets, and compares numbers by value. */
    @SuppressWarnings("unchecked")
    private static Object normalize(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            map.forEach((k, v) -> {
                String key = (String) k;
                if (key.equals("description") || (key.equals("additionalProperties") && Boolean.FALSE.equals(v))) {
                    return;
                }
                if (key.equals("required")) {
                    out.put(key, new TreeSet<>((List<String>) v));
                } else {
                    out.put(key, normalize(v));
                }
            });
            if ("object".equals(out.get("type")) && out.containsKey("properties") && !out.containsKey("required")) {
                out.put("required", new TreeSet<>());
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(normalize(v)));
            return out;
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros();
        }
        return value;
    }
}
