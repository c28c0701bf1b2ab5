package io.mcpwriting.mcp.tool;

import java.lang.reflect.Method;

/**
 * A tool's definition as {@link ToolCatalog} builds it in a server (name, input schema from the signature, argument
 * specs), for a bean made outside the container. In mcp-core's package because that factory is package-private.
 */
public final class TestToolDefinitions {

    private TestToolDefinitions() {
    }

    public static ToolDefinition of(Object bean, Method method) {
        return ToolDefinition.of(bean, method);
    }
}
