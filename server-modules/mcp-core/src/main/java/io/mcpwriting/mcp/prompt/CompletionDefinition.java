package io.mcpwriting.mcp.prompt;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

/** A discovered completion: the argument it completes and the bean and method that find the values. */
public record CompletionDefinition(String argument, Object bean, Method method) {

    public static CompletionDefinition of(Object bean, Method method) {
        Class<?>[] types = method.getParameterTypes();
        if (types.length != 2 || types[0] != String.class || types[1] != Map.class
                || !List.class.isAssignableFrom(method.getReturnType())) {
            throw new IllegalStateException("completion " + method + " must be List<String> (String, Map<String, String>)");
        }
        return new CompletionDefinition(method.getAnnotation(Completion.class).value(), bean, method);
    }

    /** At most {@link Completion#LIMIT} values, best first, and whether the method found more. */
    public record Completed(List<String> values, boolean hasMore) {
    }

    @SuppressWarnings("unchecked")
    public Completed complete(String prefix, Map<String, String> context) throws Throwable {
        try {
            List<String> values = (List<String>) method.invoke(bean, prefix == null ? "" : prefix,
                    context == null ? Map.of() : context);
            return values.size() > Completion.LIMIT ? new Completed(values.subList(0, Completion.LIMIT), true)
                    : new Completed(values, false);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
