package io.mcpwriting.mcp.tool;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns schema-validated JSON arguments into the Java values a tool method declares. Validation has
 * already run, so a mismatch here is a declaration defect, reported as an internal error.
 */
public final class ArgumentBinder {

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
            values[i] = raw == null ? null : convert(raw, p.type(), p.name());
        }
        return values;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object convert(Object value, Type type, String name) {
        Class<?> raw = ToolSchemas.rawClass(type);
        if (raw == int.class || raw == Integer.class) {
            return ((Number) value).intValue();
        }
        if (raw == long.class || raw == Long.class) {
            return ((Number) value).longValue();
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
