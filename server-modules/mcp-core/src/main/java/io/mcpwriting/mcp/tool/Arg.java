package io.mcpwriting.mcp.tool;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A tool argument (on a tool method's parameter) or a property of a nested object argument (on a record
 * component). The JSON type comes from the Java type; the rest of the schema from these attributes.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
public @interface Arg {

    /** Marks "no default value". */
    String NO_DEFAULT = "\u0000";

    /** The argument's name on the wire. */
    String value();

    String description() default "";

    boolean required() default false;

    /**
     * Used when the argument is absent; also published as the schema's {@code default}. For a list argument,
     * comma-separated item values ({@code "a,b"}).
     */
    String defaultValue() default NO_DEFAULT;

    long min() default Long.MIN_VALUE;

    long max() default Long.MAX_VALUE;

    /** Regular expression a string argument must match. */
    String pattern() default "";

    int minItems() default -1;

    int maxItems() default -1;

    /** Allowed values of a string argument (for a Java enum type they come from its constants). */
    String[] allowed() default {};
}
