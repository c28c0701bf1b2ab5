package io.mcpwriting.mcp.resource;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an MCP resource template. The method's {@link io.mcpwriting.mcp.tool.Arg}-annotated parameters are
 * the template's variables ({@code writing://books/{book_id}}); it returns a {@link ResourceBody}, a String
 * (text of {@link #mimeType()}) or JSON text. A {@link io.mcpwriting.mcp.tool.ToolException} of kind NOT_FOUND
 * answers "resource not found"; VALIDATION names the variable.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Resource {

    /** The URI template (RFC 6570 simple variables only). */
    String uri();

    /** The template's programmatic name. */
    String name();

    String title();

    String description();

    String mimeType() default "application/json";
}
