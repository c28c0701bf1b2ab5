package io.mcpwriting.mcp.prompt;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an MCP prompt. The method's {@link io.mcpwriting.mcp.tool.Arg}-annotated parameters (text or whole
 * numbers) are the prompt's arguments; it returns a {@link PromptReply}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Prompt {

    String name();

    String title();

    String description();
}
