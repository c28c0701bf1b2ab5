package io.mcpwriting.mcp.resource;

import io.mcpwriting.mcp.tool.ArgumentBinder;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.ParamSpec;
import io.mcpwriting.mcp.tool.ToolSchemas;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A discovered resource template: its description, the bean and method that read it, and its variables. */
public record ResourceDefinition(Resource resource, UriTemplate uri, Object bean, Method method, List<ParamSpec> params) {

    public static ResourceDefinition of(Object bean, Method method) {
        Resource r = method.getAnnotation(Resource.class);
        UriTemplate uri = new UriTemplate(r.uri());
        List<ParamSpec> params = ToolSchemas.params(method);
        List<String> names = params.stream().map(ParamSpec::name).toList();
        if (!names.equals(uri.variables())) {
            throw new IllegalStateException("resource " + r.name() + ": the template's variables " + uri.variables()
                    + " differ from the method's arguments " + names);
        }
        if (r.mimeType().isEmpty() && method.getReturnType() != ResourceBody.class) {
            throw new IllegalStateException("resource " + r.name() + ": no mimeType, but " + method.getName()
                    + " does not return a ResourceBody with its own");
        }
        return new ResourceDefinition(r, uri, bean, method, params);
    }

    public String name() {
        return resource.name();
    }

    /** The type of every resource the template matches, or null when they differ (see {@link Resource#mimeType}). */
    public String mimeType() {
        return resource.mimeType().isEmpty() ? null : resource.mimeType();
    }

    /**
     * Reads the resource at {@code requestUri}. Throws what the method throws ({@link io.mcpwriting.mcp.tool.ToolException}
     * for what the client can act on).
     */
    public ResourceBody read(String requestUri) throws Throwable {
        Map<String, String> values = uri.match(requestUri);
        if (values == null) {
            throw io.mcpwriting.mcp.tool.ToolException.invalid("uri", requestUri + " does not match " + uri.template());
        }
        Object value;
        try {
            value = method.invoke(bean, ArgumentBinder.bind(params, new HashMap<>(values)));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (value instanceof ResourceBody body) {
            return body;
        }
        if (value instanceof JsonText json) {
            return ResourceBody.text(resource.mimeType(), json.json());
        }
        return ResourceBody.text(resource.mimeType(), String.valueOf(value));
    }
}
