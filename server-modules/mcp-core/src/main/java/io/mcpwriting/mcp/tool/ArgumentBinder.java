package io.mcpwriting.mcp.tool;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns schema-validated JSON arguments into the Java values a tool method declares. Validation has
 * already run, so a type mismatch here is a declaration defect, reported as an internal error. What JSON
 * Schema's "integer" and "string" let through but Java and PostgreSQL cannot hold is refused here, naming the
 * argument: an integer beyond the Java type's range (it would otherwise wrap round to another id or value),
 * and text, anywhere in an argument, with a NUL character or a lone UTF-16 surrogate (such as JSON's escape of
 * U+D800 alone: not a character, which UTF-8 and so PostgreSQL cannot hold; it used to be stored as "?").
 */
public final class ArgumentBinder {

    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private ArgumentBinder() {
    }

    public static Object[] bind(List<ParamSpec> params, Map<String, Object> arguments) {
        Object[] values = new Object[params.size()];
        for (int i = 0; i < values.length; i++) {
            ParamSpec p = params.get(i);
            Object raw = arguments.get(p.name());
            if (raw == null) {
                raw = p.defaultValue();
            }
            if (raw != null) {
                checkText(raw, p.name());
            }
            values[i] = raw == null ? null : convert(raw, p.type(), p.name());
        }
        return values;
    }

    /** Refuses text PostgreSQL cannot hold, in the value itself or in any list item, object key or value. */
    static void checkText(Object value, String name) {
        if (value instanceof String text) {
            checkString(text, name);
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                checkText(item, name);
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                checkText(e.getKey(), name);
                checkText(e.getValue(), name);
            }
        }
    }

    private static void checkString(String text, String name) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                throw ToolException.invalid(name, "contains a NUL character (\\u0000), which text cannot hold");
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                if (!paired) {
                    throw ToolException.invalid(name, String.format(Locale.ROOT, "contains a lone surrogate "
                            + "(\\u%04x at character %d), which is not valid Unicode text", (int) c, i));
                }
                i++;
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object convert(Object value, Type type, String name) {
        Class<?> raw = ToolSchemas.rawClass(type);
        if (raw == int.class || raw == Integer.class) {
            return inRange(value, INT_MIN, INT_MAX, name).intValue();
        }
        if (raw == long.class || raw == Long.class) {
            return inRange(value, LONG_MIN, LONG_MAX, name).longValue();
        }
        if (raw == double.class || raw == Double.class) {
            return ((Number) value).doubleValue();
        }
        if (raw == boolean.class || raw == Boolean.class || raw == String.class) {
            return value;
        }
        if (raw.isEnum()) {
            return Enum.valueOf((Class<Enum>) raw, ((String) value).toUpperCase(Locale.ROOT));
        }
        if (List.class.isAssignableFrom(raw)) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            List<Object> out = new ArrayList<>();
            for (Object item : (List<Object>) value) {
                out.add(item == null ? null : convert(item, element, name));
            }
            return out;
        }
        if (raw.isRecord()) {
            return record(raw, (Map<String, Object>) value);
        }
        return value; // a free-form object stays a map
    }

    private static BigDecimal inRange(Object value, BigDecimal min, BigDecimal max, String name) {
        BigDecimal number;
        try {
            number = new BigDecimal(value.toString());
        } catch (NumberFormatException e) {
            throw ToolException.invalid(name, "must be a whole number");
        }
        if (number.compareTo(min) < 0 || number.compareTo(max) > 0) {
            throw ToolException.invalid(name, "must be between " + min + " and " + max);
        }
        return number;
    }

    private static Object record(Class<?> type, Map<String, Object> value) {
        List<ParamSpec> specs = ToolSchemas.recordParams(type);
        Object[] components = bind(specs, value);
        RecordComponent[] rc = type.getRecordComponents();
        Class<?>[] types = new Class<?>[rc.length];
        for (int i = 0; i < rc.length; i++) {
            types[i] = rc[i].getType();
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(components);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getName(), e);
        }
    }
}
