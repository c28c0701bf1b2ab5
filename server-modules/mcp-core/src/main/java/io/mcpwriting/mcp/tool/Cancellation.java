package io.mcpwriting.mcp.tool;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether the client has cancelled the request running on this thread ({@code notifications/cancelled}). On
 * cancel, the statement running for it is cancelled in PostgreSQL (so its transaction rolls back) and the next
 * step of the work fails with a CANCELLED error: nothing is left half-written.
 */
public final class Cancellation {

    private static final ThreadLocal<Cancellation> CURRENT = new ThreadLocal<>();
    /** Outside a cancellable request: never cancelled. */
    private static final Cancellation NEVER = new Cancellation();

    private final List<Runnable> onCancel = new ArrayList<>();

    private volatile boolean cancelled;

    public static Cancellation current() {
        Cancellation c = CURRENT.get();
        return c == null ? NEVER : c;
    }

    /** Binds {@code cancellation} to this thread until the returned registration is closed. */
    public static Registration bind(Cancellation cancellation) {
        Cancellation previous = CURRENT.get();
        CURRENT.set(cancellation);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** Fails the work when the client has cancelled it. */
    public void check() {
        if (cancelled) {
            throw new ToolException(ErrorKind.CANCELLED, "The call was cancelled by the client; nothing was written.");
        }
    }

    /** A registered cancel action; closing it unregisters the action. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Runs {@code action} if the request is cancelled while the returned registration is open. */
    public Registration whileRunning(Runnable action) {
        if (this == NEVER) {
            return () -> { };
        }
        synchronized (onCancel) {
            onCancel.add(action);
        }
        if (cancelled) {
            action.run();
        }
        return () -> {
            synchronized (onCancel) {
                onCancel.remove(action);
            }
        };
    }

    /** Called from another thread: the one that received the cancellation. */
    public void cancel() {
        cancelled = true;
        List<Runnable> actions;
        synchronized (onCancel) {
            actions = List.copyOf(onCancel);
        }
        actions.forEach(Runnable::run);
    }
}
