package io.mcpwriting.mcp.tool;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who is calling the tool that runs on this thread: the MCP session and the client's self-declared name and
 * version (from {@code initialize}). Tools that keep an audit trail read it; it is empty outside a tool call.
 * Tool handlers run on the calling thread ({@code immediateExecution}), so a thread-local is exact.
 */
public record ToolCaller(String sessionId, String clientName, String clientVersion) {

    private static final ThreadLocal<ToolCaller> CURRENT = new ThreadLocal<>();

    public static Optional<ToolCaller> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Runs {@code call} with {@code caller} as the current caller. */
    public static <T> T during(ToolCaller caller, Supplier<T> call) {
        ToolCaller previous = CURRENT.get();
        CURRENT.set(caller);
        try {
            return call.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
