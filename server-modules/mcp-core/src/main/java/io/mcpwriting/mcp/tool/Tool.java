package io.mcpwriting.mcp.tool;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an MCP tool. The method's {@link Arg}-annotated parameters become the tool's JSON input
 * schema; the method's return value becomes the result (JSON text plus structured content).
 * A method that throws {@link ToolException} produces an {@code isError} result.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Tool {

    /** Tool name, as clients call it ({@code [A-Za-z0-9_.-]{1,128}}). */
    String name();

    String description();

    /** The tool only reads stored data. */
    boolean readOnly() default false;

    /** The tool may delete or overwrite data that the caller did not send. */
    boolean destructive() default false;

    /** Repeating the call with the same arguments has no further effect. */
    boolean idempotent() default false;

    /**
     * The input schema as JSON, for the rare tool whose schema the signature cannot say ($defs, $ref); empty: the
     * schema comes from the method's {@link Arg} parameters.
     */
    String inputSchema() default "";

    /** Arguments of which exactly one must be given (JSON Schema {@code oneOf} of single requirements). */
    String[] exactlyOneOf() default {};
}
