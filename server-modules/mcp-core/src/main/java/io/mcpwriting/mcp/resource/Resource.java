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

    /**
     * The type of every resource the template matches; empty when they differ (a directory of files: each read and
     * listed entry carries its own), and the template then declares none, as the protocol asks. Only a method that
     * returns a {@link ResourceBody}, which carries its type, may leave it empty.
     */
    String mimeType() default "application/json";
}
