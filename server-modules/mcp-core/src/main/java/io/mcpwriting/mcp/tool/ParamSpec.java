package io.mcpwriting.mcp.tool;

import java.lang.reflect.Type;

/** One declared argument: its wire name, Java type, annotation and parsed default (or null). */
public record ParamSpec(String name, Type type, Arg arg, Object defaultValue) {
}
