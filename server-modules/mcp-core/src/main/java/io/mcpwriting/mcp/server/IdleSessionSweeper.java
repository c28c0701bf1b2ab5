package io.mcpwriting.mcp.server;

import io.mcpwriting.mcp.http.SessionActivity;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Closes Streamable HTTP sessions that nobody has used for a whole interval (checked once per interval, so a
 * session goes after one to two intervals of silence). It stands in for the SDK's sweeper, which evicts
 * sessions created or used while a sweep is running: it swaps its activity set and then holds every session,
 * new ones included, against the previous interval's set, so a client could get 404 on the call right after
 * initialize. Here a session is judged, and removed, atomically with the requests that touch it; one with a
 * request in progress or an open stream is never closed. It reaches the sessions through {@link SdkSessions} (the
 * SDK has no API for it: https://github.com/modelcontextprotocol/java-sdk/issues/1063).
 */
final class IdleSessionSweeper implements SessionActivity, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(IdleSessionSweeper.class.getName());
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final ConcurrentMap<String, McpStreamableServerSession> sessions;
    private final long idleNanos;
    private final LongSupplier clock;
    private final ConcurrentMap<String, Activity> activity = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;
    private Consumer<String> closed = id -> { };

    IdleSessionSweeper(ConcurrentMap<String, McpStreamableServerSession> sessions, Duration idle, LongSupplier clock) {
        this.sessions = sessions;
        this.idleNanos = idle.toNanos();
        this.clock = clock;
    }

    /** Tells {@code listener} the id of each session it closes (what is kept per session goes with it). */
    IdleSessionSweeper whenClosed(Consumer<String> listener) {
        this.closed = listener;
        return this;
    }

    /** Sweeps once per idle interval on a thread of its own until {@link #close()}. */
    IdleSessionSweeper start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mcp-idle-session-sweeper");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::sweepSafely, idleNanos, idleNanos, TimeUnit.NANOSECONDS);
        return this;
    }

    @Override
    public void requestStarted(String sessionId) {
        if (!sessions.containsKey(sessionId)) {
            return; // unknown or closed: the SDK answers 404, nothing to keep
        }
        long now = clock.getAsLong();
        activity.compute(sessionId, (id, a) -> (a == null ? new Activity(now) : a).begin(now));
    }

    @Override
    public void requestEnded(String sessionId) {
        long now = clock.getAsLong();
        activity.computeIfPresent(sessionId, (id, a) -> a.end(now));
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "session sweep failed; the next one runs as planned", e);
        }
    }

    /** Closes the idle sessions and returns how many. */
    int sweep() {
        long now = clock.getAsLong();
        List<McpStreamableServerSession> idle = new ArrayList<>();
        for (McpStreamableServerSession session : sessions.values()) {
            String id = session.getId();
            // a session seen here first (initialize carries no session id) counts as active from now on
            activity.compute(id, (key, a) -> {
                if (a == null) {
                    return new Activity(now);
                }
                if (a.inFlight > 0 || session.hasOpenStream() || now - a.last < idleNanos) {
                    return a;
                }
                if (sessions.remove(id, session)) {
                    idle.add(session);
                }
                return null;
            });
        }
        // sessions their clients deleted
        for (String id : activity.keySet()) {
            activity.computeIfPresent(id, (key, a) -> a.inFlight == 0 && !sessions.containsKey(key) ? null : a);
        }
        for (McpStreamableServerSession session : idle) {
            closed.accept(session.getId());
            try {
                session.closeGracefully().block(CLOSE_TIMEOUT);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "closing idle session " + session.getId(), e);
            }
        }
        if (!idle.isEmpty()) {
            LOG.fine(() -> "closed " + idle.size() + " idle sessions");
        }
        return idle.size();
    }

    /** Sessions whose activity is being tracked. */
    int tracked() {
        return activity.size();
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** Requests in progress and the time the last one started or ended; changed only inside map operations. */
    private static final class Activity {
        int inFlight;
        long last;

        Activity(long now) {
            last = now;
        }

        Activity begin(long now) {
            inFlight++;
            last = now;
            return this;
        }

        Activity end(long now) {
            inFlight = Math.max(0, inFlight - 1);
            last = now;
            return this;
        }
    }
}
