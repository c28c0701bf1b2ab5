package io.mcpwriting.mcp.tool;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who is calling the tool that runs on this thread: the authenticated identity (the bearer token's principal, or
 * an anonymous local client), a reference to the MCP session that cannot be used as one, and the client's
 * self-declared name and version (from {@code initialize}, information only: never an identity). Tools that keep
 * an audit trail read it; it is empty outside a tool call. Tool handlers run on the calling thread
 * ({@code immediateExecution}), so a thread-local is exact.
 */
public record ToolCaller(String identity, String sessionRef, String clientName, String clientVersion) {

    private static final ThreadLocal<ToolCaller> CURRENT = new ThreadLocal<>();

    public static Optional<ToolCaller> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Runs {@code call} with {@code caller} as the current caller. */
    public static <T> T during(ToolCaller caller, Supplier<T> call) {
        return ThreadScope.with(CURRENT, caller, call);
    }
}
