package io.mcpwriting.mcp.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.mcp.tool.Cancellation;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The steps of a request run in their order, each refusal is the one of before, and nothing is left counted. */
class McpRequestFilterTest {

    private static final int LIMIT = 100;
    private static final String TOOLS_CALL = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\","
            + "\"params\":{\"name\":\"t\",\"arguments\":{}}}";

    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger ended = new AtomicInteger();
    private final List<String> activity = new ArrayList<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final McpRequestFilter filter = new McpRequestFilter(
            new RequestsInProgress() {
                @Override
                public void messageStarted() {
                    started.incrementAndGet();
                }

                @Override
                public void messageEnded() {
                    ended.incrementAndGet();
                }
            },
            new BearerToken("s3cret"), new BodyLimit(LIMIT),
            new SessionLimits(() -> 0, id -> true, 10, 100, draining::get),
            new SessionActivity() {
                @Override
                public void requestStarted(String sessionId) {
                    activity.add("started " + sessionId);
                }

                @Override
                public void requestEnded(String sessionId) {
                    activity.add("ended " + sessionId);
                }
            },
            Set.of("/mcp", "/author/mcp"), new JsonRpcMessageChecks(Set.of("t"), new AwaitedAnswers()));

    /** A request as the container hands it over; what the filter asked of it is recorded. */
    private static final class Call {
        String method = "POST";
        String path = "/mcp";
        final Map<String, String> headers = new HashMap<>(Map.of("Authorization", "Bearer s3cret",
                "Accept", "application/json, text/event-stream", "Content-Type", "application/json"));
        final Map<String, String> params = new HashMap<>();
        byte[] body = new byte[0];
        Long declared;
        boolean bodyFails;
        boolean bodyOpened;
        int bytesRead;

        Call body(String text) {
            body = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        HttpServletRequest request() {
            return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                        case "getMethod" -> method;
                        case "getRequestURI", "getServletPath" -> path;
                        case "getHeader" -> headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase((String) a[0]))
                                .map(Map.Entry::getValue).findFirst().orElse(null);
                        case "getParameter" -> params.get((String) a[0]);
                        case "getContentType" -> headers.get("Content-Type");
                        case "getContentLengthLong" -> declared != null ? declared : (long) body.length;
                        case "getContentLength" -> declared != null ? declared.intValue() : body.length;
                        case "getInputStream" -> input();
                        default -> m.getReturnType() == boolean.class ? false : null;
                    });
        }

        private ServletInputStream input() {
            bodyOpened = true;
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                }

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (bodyFails) {
                        throw new IOException("the client went away");
                    }
                    int n = in.read(b, off, len);
                    bytesRead += Math.max(0, n);
                    return n;
                }
            };
        }
    }

    /** What was answered: status, headers and body. */
    private static final class Answer {
        final Map<String, Object> seen = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        HttpServletResponse response() {
            return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> switch (m.getName()) {
                        case "setStatus" -> seen.put("status", a[0]);
                        case "setHeader" -> seen.put((String) a[0], a[1]);
                        case "getOutputStream" -> new ServletOutputStream() {
                            @Override
                            public boolean isReady() {
                                return true;
                            }

                            @Override
                            public void setWriteListener(WriteListener listener) {
                            }

                            @Override
                            public void write(int b) {
                                body.write(b);
                            }
                        };
                        default -> m.getReturnType() == boolean.class ? false : null;
                    });
        }

        Object status() {
            return seen.get("status");
        }

        String body() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    private static String error(int code, String message) {
        return "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\"}}";
    }

    private final AtomicInteger reachedSdk = new AtomicInteger();
    private final FilterChain sdk = (req, res) -> reachedSdk.incrementAndGet();

    private Answer send(Call call, FilterChain chain) throws Exception {
        Answer answer = new Answer();
        filter.doFilter(call.request(), answer.response(), chain);
        return answer;
    }

    private void assertNothingLeftInProgress() {
        assertEquals(started.get(), ended.get(), "every message counted in progress is counted out");
    }

    @Test
    void anUnauthorizedCallerGets401EvenWithABodyTooLarge() throws Exception {
        Call call = new Call().body(TOOLS_CALL);
        call.headers.remove("Authorization");
        call.declared = 10L * LIMIT;
        Answer answer = send(call, sdk);
        assertEquals(401, answer.status());
        assertEquals("Bearer realm=\"mcp\"", answer.seen.get("WWW-Authenticate"));
        assertEquals(error(-32600, "Unauthorized: send Authorization: Bearer <MCP_AUTH_TOKEN>"), answer.body());
        assertFalse(call.bodyOpened, "the body of an unknown caller is never read");
        assertEquals(0, reachedSdk.get());
        assertEquals(1, started.get());
        assertNothingLeftInProgress();
    }

    @Test
    void aBodyDeclaredTooLargeIsRefusedUnread() throws Exception {
        Call call = new Call().body(TOOLS_CALL);
        call.declared = LIMIT + 1L;
        Answer answer = send(call, sdk);
        assertEquals(413, answer.status());
        assertEquals(error(-32600, "Request body too large: the limit is 100 bytes"), answer.body());
        assertFalse(call.bodyOpened, "refused before it is read");
        assertEquals(0, reachedSdk.get());
        assertNothingLeftInProgress();
    }

    @Test
    void aBodyOfUndeclaredLengthIsReadOnlyUpToTheLimitAndRefusedTheSameWay() throws Exception {
        Call call = new Call().body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"x\":\"" + "x".repeat(10_000) + "\"}");
        call.declared = -1L; // chunked
        Answer answer = send(call, sdk);
        assertEquals(413, answer.status());
        assertEquals(error(-32600, "Request body too large: the limit is 100 bytes"), answer.body());
        assertEquals(LIMIT + 1, call.bytesRead, "one byte past the limit is read, no more");
        assertEquals(0, reachedSdk.get());
        assertNothingLeftInProgress();
    }

    @Test
    void malformedJsonGetsTheParseErrorItAlwaysGot() throws Exception {
        Answer answer = send(new Call().body("{\"a\":"), sdk);
        assertEquals(400, answer.status());
        assertEquals(error(-32700, "Parse error: the body is not valid JSON"), answer.body());
        assertEquals(0, reachedSdk.get());
        assertNothingLeftInProgress();
    }

    @Test
    void aPostThatCannotTakeAnEventStreamGets406BeforeItsBodyIsRead() throws Exception {
        Call call = new Call().body(TOOLS_CALL);
        call.headers.put("Accept", "application/json");
        Answer answer = send(call, sdk);
        assertEquals(406, answer.status());
        assertEquals(error(-32600, "Not Acceptable: Accept must include application/json and text/event-stream"),
                answer.body());
        assertFalse(call.bodyOpened);
        Call legacy = new Call().body(TOOLS_CALL);
        legacy.path = "/message";
        legacy.headers.remove("Accept");
        send(legacy, sdk);
        assertEquals(1, reachedSdk.get(), "the legacy message endpoint answers on the stream: no Accept needed");
    }

    @Test
    void aSessionRefusalIsWrittenAndReleasesTheCount() throws Exception {
        draining.set(true);
        Answer answer = send(new Call().body(TOOLS_CALL), sdk);
        assertEquals(503, answer.status());
        assertEquals("30", answer.seen.get("Retry-After"));
        assertEquals(0, reachedSdk.get());
        assertNothingLeftInProgress();
    }

    @Test
    void aGoodMessageReachesTheSdkWithTheBodyReadOnce() throws Exception {
        Call call = new Call().body(TOOLS_CALL);
        call.headers.put("Mcp-Session-Id", "s1");
        byte[][] given = new byte[1][];
        Answer answer = send(call, (req, res) -> {
            given[0] = req.getInputStream().readAllBytes();
            assertEquals(TOOLS_CALL.length(), req.getContentLengthLong());
            assertEquals(List.of("started s1"), activity, "the session is in use while the SDK works");
            assertEquals(1, started.get() - ended.get(), "the message is in progress until it is answered");
            ((HttpServletResponse) res).setStatus(200);
        });
        assertArrayEquals(TOOLS_CALL.getBytes(StandardCharsets.UTF_8), given[0], "the SDK gets the same bytes");
        assertEquals(TOOLS_CALL.length(), call.bytesRead, "the client's stream was read once");
        assertEquals(200, answer.status());
        assertEquals(List.of("started s1", "ended s1"), activity);
        assertNothingLeftInProgress();
    }

    @Test
    void sessionActivityIsReportedForTheStreamableEndpointOnly() throws Exception {
        Call legacy = new Call().body(TOOLS_CALL);
        legacy.path = "/message";
        legacy.params.put("sessionId", "s1");
        legacy.headers.put("Mcp-Session-Id", "s1");
        send(legacy, sdk);
        assertEquals(List.of(), activity, "legacy SSE sessions are not the sweeper's");
        Call prefixed = new Call().body(TOOLS_CALL);
        prefixed.path = "/author/mcp";
        prefixed.headers.put("Mcp-Session-Id", "s2");
        send(prefixed, sdk);
        assertEquals(List.of("started s2", "ended s2"), activity);
        assertEquals(2, reachedSdk.get());
    }

    @Test
    void aCancellationReachesTheRequestOfTheSameSessionOnly() throws Exception {
        String cancel = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":7}}";
        Cancellation[] seen = new Cancellation[1];
        Call call = new Call().body(TOOLS_CALL);
        call.headers.put("Mcp-Session-Id", "s1");
        send(call, (req, res) -> {
            Call other = new Call().body(cancel);
            other.headers.put("Mcp-Session-Id", "s2");
            filter.doFilter(other.request(), new Answer().response(), sdk);
            assertFalse(Cancellation.current().cancelled(), "another session cannot cancel it");
            Call same = new Call().body(cancel);
            same.headers.put("Mcp-Session-Id", "s1");
            filter.doFilter(same.request(), new Answer().response(), sdk);
            seen[0] = Cancellation.current();
        });
        assertTrue(seen[0].cancelled(), "the work running for request 7 sees its cancellation");
        assertFalse(Cancellation.current().cancelled(), "nothing stays bound to the thread");
        assertNothingLeftInProgress();
    }

    @Test
    void anSdkErrorIsRewrittenWithoutItsDetail() throws Exception {
        Call call = new Call().body(TOOLS_CALL);
        call.headers.put("Mcp-Session-Id", "gone");
        Answer answer = send(call, (req, res) -> ((HttpServletResponse) res).sendError(404, "java.lang.Whatever"));
        assertEquals(404, answer.status());
        assertEquals(error(-32001, "Session not found: it ended or expired; initialize a new session"), answer.body());
        Answer failed = send(new Call().body(TOOLS_CALL), (req, res) -> {
            throw new IllegalStateException("internal detail");
        });
        assertEquals(500, failed.status());
        assertEquals(error(-32603, "Internal error"), failed.body());
        assertNothingLeftInProgress();
    }

    @Test
    void theCountIsReleasedWhenAStepFails() throws Exception {
        Call call = new Call().body(TOOLS_CALL);
        call.headers.put("Mcp-Session-Id", "s1");
        call.bodyFails = true;
        assertThrows(IOException.class, () -> send(call, sdk));
        assertEquals(1, started.get());
        assertNothingLeftInProgress();
        assertEquals(List.of("started s1", "ended s1"), activity);
        Call thrown = new Call().body(TOOLS_CALL);
        assertThrows(StackOverflowError.class, () -> send(thrown, (req, res) -> {
            throw new StackOverflowError();
        }));
        assertEquals(2, started.get());
        assertNothingLeftInProgress();
    }

    @Test
    void aStreamIsNotAMessageInProgress() throws Exception {
        Call stream = new Call();
        stream.method = "GET";
        stream.path = "/sse";
        stream.headers.remove("Content-Type");
        Answer answer = send(stream, sdk);
        assertNull(answer.status());
        assertEquals(1, reachedSdk.get());
        assertEquals(0, started.get(), "a GET stream stays open for the session's life: not counted");
    }
}
