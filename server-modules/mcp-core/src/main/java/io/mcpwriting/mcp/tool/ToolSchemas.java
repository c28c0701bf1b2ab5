package io.mcpwriting.mcp.tool;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Derives JSON input schemas from tool method signatures. A declaration error (an unsupported type, a
 * primitive that is neither required nor defaulted, a bad name) fails at startup, not at call time.
 */
public final class ToolSchemas {

    private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private ToolSchemas() {
    }

    /** The arguments a tool method declares, in parameter order. */
    public static List<ParamSpec> params(Method method) {
        List<ParamSpec> specs = new ArrayList<>();
        for (Parameter p : method.getParameters()) {
            Arg arg = p.getAnnotation(Arg.class);
            if (arg == null) {
                throw declarationError(method, "parameter " + p.getName() + " has no @Arg");
            }
            specs.add(spec(method.toString(), arg, p.getParameterizedType(), p.getType().isPrimitive()));
        }
        return specs;
    }

    /** The tool's input schema: an object of its arguments, with no other properties allowed. */
    /** A schema written out as JSON (a {@link Tool#inputSchema()}). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String json) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readValue(json, Map.class);
    }

    public static Map<String, Object> inputSchema(Method method) {
        Tool tool = method.getAnnotation(Tool.class);
        if (tool == null || !TOOL_NAME.matcher(tool.name()).matches()) {
            throw declarationError(method, "needs @Tool with a name matching " + TOOL_NAME.pattern());
        }
        Map<String, Object> schema = objectSchema(params(method));
        if (tool.exactlyOneOf().length > 0) {
            List<Map<String, Object>> choices = new ArrayList<>();
            for (String name : tool.exactlyOneOf()) {
                if (!((Map<?, ?>) schema.get("properties")).containsKey(name)) {
                    throw declarationError(method, "exactlyOneOf names unknown argument " + name);
                }
                choices.add(Map.of("required", List.of(name)));
            }
            schema.put("oneOf", choices);
        }
        return schema;
    }

    private static Map<String, Object> objectSchema(List<ParamSpec> specs) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (ParamSpec spec : specs) {
            if (properties.put(spec.name(), propertySchema(spec)) != null) {
                throw new IllegalStateException("argument " + spec.name() + " is declared twice");
            }
            if (spec.arg().required()) {
                required.add(spec.name());
            }
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }

    private static Map<String, Object> propertySchema(ParamSpec spec) {
        Map<String, Object> schema = typeSchema(spec.type(), spec.arg(), false);
        Arg arg = spec.arg();
        if (!arg.description().isEmpty()) {
            schema.put("description", arg.description());
        }
        if (spec.defaultValue() != null) {
            schema.put("default", spec.defaultValue());
        }
        return schema;
    }

    /** For an array's items ({@code item}), only the value rules of the array's {@link Arg} apply. */
    private static Map<String, Object> typeSchema(Type type, Arg arg, boolean item) {
        Class<?> raw = rawClass(type);
        String json = jsonType(type);
        if (raw.isRecord()) {
            return objectSchema(recordParams(raw));
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", json);
        switch (json) {
            case "string" -> {
                List<String> allowed = raw.isEnum() ? enumValues(raw) : Arrays.asList(arg.allowed());
                if (!allowed.isEmpty()) {
                    schema.put("enum", allowed);
                }
                if (!arg.pattern().isEmpty()) {
                    schema.put("pattern", arg.pattern());
                }
            }
            case "integer", "number" -> {
                if (item) {
                    break;
                }
                if (arg.min() != Long.MIN_VALUE) {
                    schema.put("minimum", arg.min());
                }
                if (arg.max() != Long.MAX_VALUE) {
                    schema.put("maximum", arg.max());
                }
            }
            case "array" -> {
                Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
                schema.put("items", typeSchema(element, arg, true));
                if (arg.minItems() >= 0) {
                    schema.put("minItems", arg.minItems());
                }
                if (arg.maxItems() >= 0) {
                    schema.put("maxItems", arg.maxItems());
                }
            }
            case "object" -> schema.put("additionalProperties", true);
            default -> {
            }
        }
        return schema;
    }

    static List<ParamSpec> recordParams(Class<?> record) {
        List<ParamSpec> specs = new ArrayList<>();
        for (RecordComponent c : record.getRecordComponents()) {
            Arg arg = c.getAnnotation(Arg.class);
            if (arg == null) {
                throw new IllegalStateException(record.getName() + "." + c.getName() + " has no @Arg");
            }
            specs.add(spec(record.getName(), arg, c.getGenericType(), c.getType().isPrimitive()));
        }
        return specs;
    }

    private static ParamSpec spec(String owner, Arg arg, Type type, boolean primitive) {
        jsonType(type); // rejects unsupported types early
        Object defaultValue = arg.defaultValue().equals(Arg.NO_DEFAULT) ? null : parseDefault(type, arg.defaultValue());
        if (primitive && !arg.required() && defaultValue == null) {
            throw new IllegalStateException(owner + ": optional argument " + arg.value()
                    + " has a primitive type; give it a default or use the boxed type");
        }
        return new ParamSpec(arg.value(), type, arg, defaultValue);
    }

    private static Object parseDefault(Type type, String text) {
        return switch (jsonType(type)) {
            case "integer" -> Long.parseLong(text);
            case "number" -> {
                double d = Double.parseDouble(text);
                yield d == Math.rint(d) ? (Object) (long) d : (Object) d;
            }
            case "boolean" -> Boolean.parseBoolean(text);
            case "string" -> text;
            case "array" -> {
                // a list default is written as comma-separated scalars, e.g. "a,b,c" ("" is the empty list)
                Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
                List<Object> items = new ArrayList<>();
                for (String item : text.isEmpty() ? new String[0] : text.split(",")) {
                    items.add(parseDefault(element, item.strip()));
                }
                yield List.copyOf(items);
            }
            default -> throw new IllegalStateException("defaults are supported for scalars and lists of scalars only: "
                    + type);
        };
    }

    /** The JSON Schema type of a supported Java type. */
    public static String jsonType(Type type) {
        Class<?> raw = rawClass(type);
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            return "integer";
        }
        if (raw == double.class || raw == Double.class) {
            return "number";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "boolean";
        }
        if (raw == String.class || raw.isEnum()) {
            return "string";
        }
        if (List.class.isAssignableFrom(raw) || Collection.class == raw) {
            if (!(type instanceof ParameterizedType)) {
                throw new IllegalStateException("list type needs an element type: " + type);
            }
            return "array";
        }
        if (Map.class.isAssignableFrom(raw) || raw.isRecord()) {
            return "object";
        }
        throw new IllegalStateException("unsupported argument type " + type);
    }

    static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalStateException("unsupported argument type " + type);
    }

    /** Wire values of a Java enum: the constant names in lower case. */
    public static List<String> enumValues(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants())
                .map(e -> ((Enum<?>) e).name().toLowerCase(Locale.ROOT))
                .toList();
    }

    private static IllegalStateException declarationError(Method method, String problem) {
        return new IllegalStateException("tool method " + method + ": " + problem);
    }
}
