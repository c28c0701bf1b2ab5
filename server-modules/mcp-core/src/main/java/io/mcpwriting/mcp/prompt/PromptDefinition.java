package io.mcpwriting.mcp.prompt;

import io.mcpwriting.mcp.tool.ArgumentBinder;
import io.mcpwriting.mcp.tool.ParamSpec;
import io.mcpwriting.mcp.tool.ToolException;
import io.mcpwriting.mcp.tool.ToolSchemas;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A discovered prompt: its description, the bean and method that make it, and its arguments. */
public record PromptDefinition(Prompt prompt, Object bean, Method method, List<ParamSpec> params) {

    public static PromptDefinition of(Object bean, Method method) {
        List<ParamSpec> params = ToolSchemas.params(method);
        for (ParamSpec p : params) {
            String type = ToolSchemas.jsonType(p.type());
            if (!type.equals("string") && !type.equals("integer")) {
                throw new IllegalStateException("prompt " + method.getAnnotation(Prompt.class).name() + ": argument "
                        + p.name() + " is " + type + "; prompt arguments are text or whole numbers");
            }
        }
        return new PromptDefinition(method.getAnnotation(Prompt.class), bean, method, params);
    }

    public String name() {
        return prompt.name();
    }

    public PromptReply get(Map<String, ?> arguments) throws Throwable {
        Map<String, Object> given = new HashMap<>(arguments == null ? Map.of() : arguments);
        for (ParamSpec p : params) {
            Object value = given.get(p.name());
            if (value == null || value.toString().isBlank()) {
                given.remove(p.name());
                if (p.arg().required()) {
                    throw ToolException.invalid(p.name(), "is required");
                }
            }
        }
        try {
            return (PromptReply) method.invoke(bean, ArgumentBinder.bind(params, given));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
