package io.mcpwriting.mcp.http;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Bounds what one server takes: at most {@code maxSessions} open sessions (a new one beyond that gets 503),
 * and at most {@code callsPerSecond} requests per session (a burst of one second's worth is allowed; beyond
 * that, 429); no new session at all while the server drains (503). The answers are JSON-RPC errors that say
 * which limit was hit. Admission is one atomic step: sessions being opened count against the limit until they
 * are open. Rates are kept only for sessions that exist (a made-up session id gets the transport's 404 and
 * leaves nothing behind), and dropped when their session closes: at the end of the request that closed it (DELETE),
 * when the idle-session sweeper closes it ({@link #sessionClosed}), or at the next request that names it. Sessions
 * that end with no request (an SSE stream that drops) are dropped before a new one is tracked, so the table never
 * holds more entries than there are open sessions.
 */
public final class SessionLimits {

    private final IntSupplier openSessions;
    private final Predicate<String> sessionExists;
    private final int maxSessions;
    private final double callsPerSecond;
    private final BooleanSupplier draining;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Object admission = new Object();
    private final LongSupplier nanoTime;
    private int opening;
    private BooleanSupplier closingSessions = () -> false;

    public SessionLimits(IntSupplier openSessions, Predicate<String> sessionExists, int maxSessions,
            double callsPerSecond, BooleanSupplier draining) {
        this(openSessions, sessionExists, maxSessions, callsPerSecond, draining, System::nanoTime);
    }

    /** With the clock the rates are measured by (tests). */
    SessionLimits(IntSupplier openSessions, Predicate<String> sessionExists, int maxSessions,
            double callsPerSecond, BooleanSupplier draining, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.openSessions = openSessions;
        this.sessionExists = sessionExists;
        this.maxSessions = maxSessions;
        this.callsPerSecond = callsPerSecond;
        this.draining = draining;
    }

    /**
     * While {@code closing} holds (a drain is closing the sessions), a request naming a session is answered as one
     * naming a closed session: 404, so that the client initializes a new session (elsewhere).
     */
    public SessionLimits closedSessionsWhen(BooleanSupplier closing) {
        this.closingSessions = closing;
        return this;
    }

    /**
     * What this step says of a request: a refusal, or leave to go on. Closing it gives back the place a new
     * session took, so the request that opens a session holds its place until the SDK has answered it.
     */
    final class Entry implements AutoCloseable {
        private final Refusal refusal;
        private boolean holdsPlace;
        private String rated;

        private Entry(Refusal refusal, boolean holdsPlace) {
            this.refusal = refusal;
            this.holdsPlace = holdsPlace;
        }

        /** A request of a session whose rate is kept: if the request closed the session, its rate goes too. */
        private Entry rating(String session) {
            this.rated = session;
            return this;
        }

        /** Null when the request may go on. */
        Refusal refusal() {
            return refusal;
        }

        @Override
        public void close() {
            if (holdsPlace) {
                holdsPlace = false;
                synchronized (admission) {
                    opening--;
                }
            }
            if (rated != null && !sessionExists.test(rated)) {
                buckets.remove(rated);
            }
            rated = null;
        }
    }

    Entry enter(HttpServletRequest request) {
        String session = sessionOf(request);
        if (session != null && closingSessions.getAsBoolean()) {
            return new Entry(new Refusal(404, JsonRpcErrors.SESSION_NOT_FOUND,
                    TransportErrors.messageFor(404, null)), false);
        }
        if (session == null && opensSession(request)) {
            if (draining.getAsBoolean()) {
                return new Entry(new Refusal(503, JsonRpcErrors.INVALID_REQUEST,
                        "This server is draining for maintenance and takes no new sessions; retry later")
                        .withHeader("Retry-After", "30"), false);
            }
            if (!admit()) {
                return new Entry(new Refusal(503, JsonRpcErrors.INVALID_REQUEST,
                        "Too many open sessions on this server (limit " + maxSessions + "); retry later")
                        .withHeader("Retry-After", "30"), false);
            }
            return new Entry(null, true);
        }
        if (session == null) {
            return new Entry(null, false);
        }
        if (!sessionExists.test(session)) {
            buckets.remove(session); // closed while no request of it was here: the transport answers 404
            return new Entry(null, false);
        }
        if (!bucketOf(session).take(callsPerSecond, nanoTime.getAsLong())) {
            return new Entry(new Refusal(429, JsonRpcErrors.INVALID_REQUEST,
                    "Too many requests in this session (limit " + (int) callsPerSecond + " per second); slow down")
                    .withHeader("Retry-After", "1"), false);
        }
        return new Entry(null, false).rating(session);
    }

    /**
     * The rate of an open session. Before a new one is tracked, a table as large as the open sessions holds some that
     * closed unseen; they go, so the table stays within the open sessions (and so the session limit).
     */
    private Bucket bucketOf(String session) {
        Bucket bucket = buckets.get(session);
        if (bucket != null) {
            return bucket;
        }
        if (buckets.size() >= openSessions.getAsInt()) {
            buckets.keySet().removeIf(sessionExists.negate());
        }
        return buckets.computeIfAbsent(session, s -> new Bucket(callsPerSecond, nanoTime.getAsLong()));
    }

    /** Drops the rate of a session closed outside any request of it (the idle-session sweeper). */
    public void sessionClosed(String session) {
        buckets.remove(session);
    }

    /** Takes a place for a session being opened, if the open ones and those being opened leave one. */
    private boolean admit() {
        synchronized (admission) {
            if (openSessions.getAsInt() + opening >= maxSessions) {
                return false;
            }
            opening++;
            return true;
        }
    }

    private static String sessionOf(HttpServletRequest request) {
        String header = request.getHeader("Mcp-Session-Id");
        return header != null ? header : request.getParameter("sessionId");
    }

    private static boolean opensSession(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && request.getRequestURI().endsWith("/mcp")
                || "GET".equals(request.getMethod()) && request.getRequestURI().endsWith("/sse");
    }

    /** How many sessions have a rate kept (at most the open ones). */
    int trackedSessions() {
        return buckets.size();
    }

    /** A token bucket refilled at the per-second rate, holding at most one second's worth. */
    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(double capacity, long now) {
            tokens = capacity;
            last = now;
        }

        synchronized boolean take(double rate, long now) {
            tokens = Math.min(rate, tokens + (now - last) / 1e9 * rate);
            last = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
