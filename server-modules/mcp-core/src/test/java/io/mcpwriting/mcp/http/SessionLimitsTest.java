package io.mcpwriting.mcp.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Sessions per server and calls per session per second are bounded, with a clear JSON-RPC error beyond. */
class SessionLimitsTest {

    private final AtomicInteger passed = new AtomicInteger();
    private final FilterChain chain = (req, res) -> passed.incrementAndGet();

    private static HttpServletRequest request(String method, String uri, String session) {
        return (HttpServletRequest) Proxy.newProxyInstance(SessionLimitsTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getRequestURI" -> uri;
                    case "getHeader" -> "Mcp-Session-Id".equals(a[0]) ? session : null;
                    default -> null;
                });
    }

    /** A response that records status and headers, and collects the body. */
    private static HttpServletResponse response(Map<String, Object> seen) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        return (HttpServletResponse) Proxy.newProxyInstance(SessionLimitsTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> switch (m.getName()) {
                    case "setStatus" -> seen.put("status", a[0]);
                    case "setHeader" -> seen.put((String) a[0], a[1]);
                    case "isCommitted" -> false;
                    case "getOutputStream" -> new jakarta.servlet.ServletOutputStream() {
                        @Override
                        public boolean isReady() {
                            return true;
                        }

                        @Override
                        public void setWriteListener(jakarta.servlet.WriteListener l) {
                        }

                        @Override
                        public void write(int b) {
                            body.write(b);
                            seen.put("body", body.toString());
                        }
                    };
                    default -> null;
                });
    }

    /** The session step as the request filter runs it: a refusal is written, else the chain goes on. */
    private static void pass(SessionLimits limits, HttpServletRequest request, HttpServletResponse response,
            FilterChain chain) throws Exception {
        try (SessionLimits.Entry entry = limits.enter(request)) {
            if (entry.refusal() != null) {
                JsonRpcErrors.write(response, entry.refusal());
            } else {
                chain.doFilter(request, response);
            }
        }
    }

    @Test
    void newSessionsBeyondTheLimitAreRefused() throws Exception {
        SessionLimits limits = new SessionLimits(() -> 2, id -> true, 2, 100, () -> false);
        Map<String, Object> seen = new HashMap<>();
        pass(limits, request("POST", "/mcp", null), response(seen), chain);
        assertEquals(503, seen.get("status"));
        assertEquals("30", seen.get("Retry-After"));
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":"
                + "\"Too many open sessions on this server (limit 2); retry later\"}}", seen.get("body"));
        assertEquals(0, passed.get());
        pass(limits, request("POST", "/mcp", "existing"), response(new HashMap<>()), chain);
        assertEquals(1, passed.get(), "an existing session still works");
    }

    @Test
    void aSessionCallingFasterThanTheRateIsSlowedDown() throws Exception {
        // two per second, on a clock that moves only when the test says
        AtomicLong clock = new AtomicLong();
        SessionLimits limits = new SessionLimits(() -> 0, id -> true, 10, 2, () -> false, clock::get);
        Map<String, Object> seen = new HashMap<>();
        for (int i = 0; i < 8; i++) {
            pass(limits, request("POST", "/mcp", "s1"), response(seen), chain);
        }
        assertEquals(2, passed.get(), "a burst of one second's worth passes");
        assertEquals(429, seen.get("status"));
        assertEquals("1", seen.get("Retry-After"));
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":"
                + "\"Too many requests in this session (limit 2 per second); slow down\"}}", seen.get("body"));
        pass(limits, request("POST", "/mcp", "s2"), response(new HashMap<>()), chain);
        assertEquals(3, passed.get(), "other sessions are not affected");
        clock.addAndGet(500_000_000L);
        pass(limits, request("POST", "/mcp", "s1"), response(new HashMap<>()), chain);
        pass(limits, request("POST", "/mcp", "s1"), response(new HashMap<>()), chain);
        assertEquals(4, passed.get(), "half a second later one more call of the session passes, not two");
    }

    @Test
    void aDrainingServerTakesNoNewSessionsButServesTheOpenOnes() throws Exception {
        AtomicBoolean draining = new AtomicBoolean(true);
        SessionLimits limits = new SessionLimits(() -> 0, id -> true, 10, 100, draining::get);
        Map<String, Object> seen = new HashMap<>();
        pass(limits, request("POST", "/mcp", null), response(seen), chain);
        assertEquals(503, seen.get("status"));
        assertTrue(String.valueOf(seen.get("body")).contains("draining"), String.valueOf(seen.get("body")));
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"This server is "
                + "draining for maintenance and takes no new sessions; retry later\"}}", seen.get("body"));
        assertEquals("30", seen.get("Retry-After"));
        pass(limits, request("GET", "/sse", null), response(new HashMap<>()), chain);
        pass(limits, request("POST", "/review/mcp", null), response(new HashMap<>()), chain);
        pass(limits, request("GET", "/review/sse", null), response(new HashMap<>()), chain);
        assertEquals(0, passed.get(), "no new session on either transport, under the server's name either");
        pass(limits, request("POST", "/mcp", "open"), response(new HashMap<>()), chain);
        assertEquals(1, passed.get(), "an open session is still served");
        draining.set(false);
        pass(limits, request("POST", "/mcp", null), response(new HashMap<>()), chain);
        assertEquals(2, passed.get(), "after resume new sessions are taken again");
    }

    @Test
    void whileTheDrainClosesTheSessionsACallOnOneIsToldItsSessionIsGone() throws Exception {
        AtomicBoolean closing = new AtomicBoolean(true);
        SessionLimits limits = new SessionLimits(() -> 1, id -> true, 10, 100, () -> true)
                .closedSessionsWhen(closing::get);
        Map<String, Object> seen = new HashMap<>();
        pass(limits, request("POST", "/author/mcp", "open"), response(seen), chain);
        assertEquals(404, seen.get("status"), "the client initializes anew, as after any closed session");
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32001,\"message\":\"Session not "
                + "found: it ended or expired; initialize a new session\"}}", seen.get("body"));
        pass(limits, request("GET", "/mcp", "open"), response(new HashMap<>()), chain);
        assertEquals(0, passed.get(), "nothing naming a session reaches the SDK while its sessions close");
        closing.set(false);
        pass(limits, request("POST", "/mcp", "open"), response(new HashMap<>()), chain);
        assertEquals(1, passed.get(), "after a resume the server's sessions are served again");
    }

    @Test
    void madeUpSessionIdsLeaveNoRateBehind() throws Exception {
        Set<String> open = Set.of("real");
        SessionLimits limits = new SessionLimits(open::size, open::contains, 10, 100, () -> false);
        for (int i = 0; i < 10_000; i++) {
            pass(limits, request("POST", "/mcp", "made-up-" + i), response(new HashMap<>()), chain);
        }
        pass(limits, request("POST", "/mcp", "real"), response(new HashMap<>()), chain);
        assertEquals(10_001, passed.get(), "unknown sessions go on to the transport, which answers 404");
        assertEquals(1, limits.trackedSessions(), "only the session that exists has a rate");
    }

    @Test
    void sessionsOpenedAndDeletedQuicklyLeaveNoRateBehind() throws Exception {
        // the clock never moves: nothing may wait for a periodic clean-up
        Set<String> open = ConcurrentHashMap.newKeySet();
        SessionLimits limits = new SessionLimits(open::size, open::contains, 10, 100, () -> false, () -> 0L);
        for (int i = 0; i < 5_000; i++) {
            String id = "s-" + i;
            open.add(id);
            pass(limits, request("POST", "/mcp", id), response(new HashMap<>()), chain);
            // DELETE: the transport closes the session while the request is in the filter
            pass(limits, request("DELETE", "/mcp", id), response(new HashMap<>()), (req, res) -> open.remove(id));
        }
        assertEquals(0, limits.trackedSessions(), "a session's rate goes with the request that closed it");
    }

    @Test
    void sessionsClosedWithNoRequestNeverGrowTheTablePastTheOpenOnes() throws Exception {
        Set<String> open = ConcurrentHashMap.newKeySet();
        open.add("long-lived");
        SessionLimits limits = new SessionLimits(open::size, open::contains, 10, 100, () -> false, () -> 0L);
        pass(limits, request("POST", "/mcp", "long-lived"), response(new HashMap<>()), chain);
        for (int i = 0; i < 5_000; i++) {
            String id = "s-" + i;
            open.add(id);
            pass(limits, request("POST", "/mcp", id), response(new HashMap<>()), chain);
            open.remove(id); // its SSE stream dropped, or the drain closed it: no request tells
            assertTrue(limits.trackedSessions() <= open.size() + 1, limits.trackedSessions() + " rates kept");
        }
        open.add("next");
        pass(limits, request("POST", "/mcp", "next"), response(new HashMap<>()), chain);
        assertEquals(2, limits.trackedSessions(), "only the open sessions have a rate");

        open.remove("next");
        limits.sessionClosed("next"); // the idle-session sweeper closed it
        pass(limits, request("POST", "/mcp", "long-lived"), response(new HashMap<>()), chain);
        open.remove("long-lived");
        pass(limits, request("POST", "/mcp", "long-lived"), response(new HashMap<>()), chain);
        assertEquals(0, limits.trackedSessions(), "a closed session named again loses its rate at once");
    }

    @Test
    void concurrentOpensNeverAdmitMoreThanTheLimit() throws Exception {
        Set<String> open = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 2; i++) {
            open.add("existing-" + i);
        }
        int limit = 50;
        CountDownLatch start = new CountDownLatch(1);
        // the chain opens the session, as the transport does while the request is in the filter
        FilterChain opening = (req, res) -> open.add("new-" + System.nanoTime() + "-" + Thread.currentThread().getId());
        SessionLimits limits = new SessionLimits(open::size, open::contains, limit, 100, () -> false);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> opens = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            opens.add(pool.submit(() -> {
                start.await();
                pass(limits, request("POST", "/mcp", null), response(new HashMap<>()), opening);
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : opens) {
            f.get(10, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(limit, open.size(), "the limit is reached and never passed");
    }
}
