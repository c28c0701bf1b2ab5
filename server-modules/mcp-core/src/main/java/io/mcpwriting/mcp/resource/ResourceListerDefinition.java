package io.mcpwriting.mcp.resource;

import io.mcpwriting.mcp.tool.ToolException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.util.List;
import java.util.regex.Pattern;

/** A discovered {@link ResourceList} method: the template it lists, the bean and method, and its key's type. */
public record ResourceListerDefinition(String resource, Object bean, Method method, boolean numericKey) {

    /** Ids as a cursor carries them: plain digits that fit a long. */
    private static final Pattern ID = Pattern.compile("[0-9]{1,18}");
    /** Names as a cursor carries them: a file name's length at most, no control characters. */
    private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}]{1,255}");

    public static ResourceListerDefinition of(Object bean, Method method) {
        Class<?>[] types = method.getParameterTypes();
        boolean numeric = types.length == 2 && types[0] == long.class;
        if (types.length != 2 || !(numeric || types[0] == String.class) || types[1] != int.class
                || !returnsEntries(method)) {
            throw new IllegalStateException("resource list " + method
                    + " must be List<ResourceEntry> (long afterId, int limit) or (String afterName, int limit)");
        }
        return new ResourceListerDefinition(method.getAnnotation(ResourceList.class).value(), bean, method, numeric);
    }

    private static boolean returnsEntries(Method method) {
        return method.getReturnType() == List.class && method.getGenericReturnType() instanceof ParameterizedType p
                && p.getActualTypeArguments()[0] == ResourceEntry.class;
    }

    /**
     * At most {@code limit} entries after the key {@code after} (null: from the first), in key order. A key that is
     * not of this list's kind (an id that is not a number) came in a cursor that was not this list's: the client's
     * to fix, so it is refused naming the cursor. Throws what the method throws.
     */
    @SuppressWarnings("unchecked")
    public List<ResourceEntry> list(String after, int limit) throws Throwable {
        if (after != null && !(numericKey ? ID : NAME).matcher(after).matches()) {
            throw ToolException.invalid("cursor", "it does not continue the list of " + resource
                    + "; list again without a cursor");
        }
        Object start = numericKey ? (Object) (after == null ? 0L : Long.parseLong(after)) : after == null ? "" : after;
        try {
            List<ResourceEntry> entries = (List<ResourceEntry>) method.invoke(bean, start, limit);
            return entries.size() > limit ? entries.subList(0, limit) : entries;
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
