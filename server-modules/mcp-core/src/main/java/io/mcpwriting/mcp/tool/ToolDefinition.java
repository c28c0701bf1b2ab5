package io.mcpwriting.mcp.tool;

import io.modelcontextprotocol.spec.McpSchema;
import java.lang.reflect.Method;
import java.util.List;

/** A discovered tool: its MCP description, the bean and method that run it, and its arguments. */
public record ToolDefinition(McpSchema.Tool tool, Object bean, Method method, List<ParamSpec> params) {

    public String name() {
        return tool.name();
    }

    static ToolDefinition of(Object bean, Method method) {
        Tool t = method.getAnnotation(Tool.class);
        McpSchema.ToolAnnotations hints = new McpSchema.ToolAnnotations(null, t.readOnly(),
                t.readOnly() ? false : t.destructive(), t.idempotent() || t.readOnly(), false, null);
        McpSchema.Tool tool = McpSchema.Tool.builder()
                .name(t.name())
                .description(t.description())
                .inputSchema(t.inputSchema().isEmpty() ? ToolSchemas.inputSchema(method) : ToolSchemas.parse(t.inputSchema()))
                .annotations(hints)
                .build();
        return new ToolDefinition(tool, bean, method, ToolSchemas.params(method));
    }
}
