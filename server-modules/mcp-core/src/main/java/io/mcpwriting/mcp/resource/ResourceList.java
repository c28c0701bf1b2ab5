package io.mcpwriting.mcp.resource;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lists the concrete resources of the {@link Resource} template named {@link #value()}, for {@code resources/list}.
 * The template has one variable, and an entry's {@link ResourceEntry#key() key} is that variable's value (a row's
 * id, a file's name), so the entry's URI is the template expanded with it.
 *
 * <p>The method takes {@code (long afterId, int limit)} or {@code (String afterName, int limit)} and returns a
 * {@code List<ResourceEntry>}: at most {@code limit} entries whose key is greater than the given one, in key order
 * (numerically for {@code long} keys, as {@link String#compareTo} for names). The first page starts after 0 (ids
 * are positive) or after "". Keyset paging on the key, so that any page costs one short index range scan.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ResourceList {

    /** The name of the template whose resources this method lists ({@code chapter}). */
    String value();
}
