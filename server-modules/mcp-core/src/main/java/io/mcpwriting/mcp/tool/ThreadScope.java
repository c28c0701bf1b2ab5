package io.mcpwriting.mcp.tool;

import java.util.function.Supplier;

/** Runs work with a value bound to a thread-local, restoring what was bound before. */
final class ThreadScope {

    private ThreadScope() {
    }

    static <V, T> T with(ThreadLocal<V> local, V value, Supplier<T> work) {
        V previous = local.get();
        local.set(value);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                local.remove();
            } else {
                local.set(previous);
            }
        }
    }
}
