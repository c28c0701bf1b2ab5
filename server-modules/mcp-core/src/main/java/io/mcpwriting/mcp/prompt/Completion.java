package io.mcpwriting.mcp.prompt;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares how the values of an argument are completed, wherever it appears: in a prompt or a resource
 * template. The method takes {@code (String prefix, Map<String, String> context)} (the other arguments already
 * chosen) and returns at most {@link #LIMIT} + 1 values, best first: the one past {@link #LIMIT} is not sent, it
 * only tells the client that there are more ({@code hasMore}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Completion {

    /** The most values one completion returns (the protocol's own bound). */
    int LIMIT = 100;

    /** The argument's name ({@code book_id}). */
    String value();
}
