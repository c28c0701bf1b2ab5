package io.mcpwriting.mcp.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * The one path of a request to the MCP endpoints, in front of the SDK's servlets. Each step either refuses
 * the request, with a JSON-RPC error written by {@link JsonRpcErrors}, or passes it on:
 * <ol>
 * <li>a message (POST) is counted as in progress until its answer is written ({@link RequestsInProgress}): the
 * count wraps every step that may answer, so a drain waits for refusals too;</li>
 * <li>the caller is admitted ({@link BearerToken}, when a token is set): 401 before anything is read;</li>
 * <li>the declared body size ({@link BodyLimit}): 413 before the body is read;</li>
 * <li>sessions and rates ({@link SessionLimits}): 503 or 429; a new session's place is held until it is
 * answered;</li>
 * <li>on the Streamable HTTP endpoint, the session is marked in use ({@link SessionActivity}) until the
 * request ends;</li>
 * <li>the message ({@link JsonRpcMessageChecks}): 406 for a POST that cannot take the answer; a JSON body is read
 * once within the same limit ({@link BodyLimit}) and parsed once, and a malformed message is refused;</li>
 * <li>a request is tracked so that a {@code notifications/cancelled} reaches it ({@link RequestCancellations});
 * </li>
 * <li>the SDK handles the request, and its HTTP errors are rewritten as clean JSON-RPC errors
 * ({@link TransportErrors}).</li>
 * </ol>
 */
public final class McpRequestFilter extends HttpFilter {

    private final RequestsInProgress inProgress;
    private final BearerToken token;
    private final BodyLimit body;
    private final SessionLimits sessions;
    private final SessionActivity activity;
    private final Set<String> streamablePaths;
    private final JsonRpcMessageChecks messages;
    private final RequestCancellations cancellations = new RequestCancellations();
    private final TransportErrors transport = new TransportErrors();

    /**
     * @param token null when no token is required
     * @param streamablePaths the servlet paths of the Streamable HTTP transport ({@code McpPaths.streamable()}):
     *        its sessions are the ones whose activity is reported
     */
    public McpRequestFilter(RequestsInProgress inProgress, BearerToken token, BodyLimit body, SessionLimits sessions,
            SessionActivity activity, Set<String> streamablePaths, JsonRpcMessageChecks messages) {
        this.inProgress = inProgress;
        this.token = token;
        this.body = body;
        this.sessions = sessions;
        this.activity = activity;
        this.streamablePaths = Set.copyOf(streamablePaths);
        this.messages = messages;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!isPost(request)) {
            admitted(request, response, chain); // a GET stream stays open for the session's life: not counted
            return;
        }
        inProgress.messageStarted();
        try {
            admitted(request, response, chain);
        } finally {
            inProgress.messageEnded();
        }
    }

    /** The caller and the declared size, before anything reads the body. */
    private void admitted(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Refusal refusal = token == null ? null : token.check(request);
        if (refusal == null) {
            refusal = body.checkDeclared(request);
        }
        if (refusal != null) {
            JsonRpcErrors.write(response, refusal);
            return;
        }
        withinSessionLimits(request, response, chain);
    }

    private void withinSessionLimits(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try (SessionLimits.Entry entry = sessions.enter(request)) {
            if (entry.refusal() != null) {
                JsonRpcErrors.write(response, entry.refusal());
                return;
            }
            whileSessionInUse(request, response, chain);
        }
    }

    /** Tells the idle-session sweeper that a Streamable HTTP session is in use until its request ends. */
    private void whileSessionInUse(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String session = streamablePaths.contains(request.getServletPath()) ? request.getHeader("Mcp-Session-Id") : null;
        if (session == null) {
            checkedMessage(request, response, chain);
            return;
        }
        activity.requestStarted(session);
        try {
            checkedMessage(request, response, chain);
        } finally {
            // a stream the SDK keeps open after this returns is its own mark of activity (hasOpenStream)
            activity.requestEnded(session);
        }
    }

    /**
     * The message: read and parsed here once. The SDK parses the same bytes again into its own types; that cannot
     * be avoided, as its servlet reads the request itself and takes no parsed message.
     */
    private void checkedMessage(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean legacy = request.getRequestURI().endsWith("/message");
        if (isPost(request) && !legacy) {
            Refusal refusal = messages.checkAccept(request.getHeader("Accept"));
            if (refusal != null) {
                JsonRpcErrors.write(response, refusal);
                return;
            }
        }
        if (!isPost(request) || !JsonRpcMessageChecks.isJson(request.getContentType())) {
            transport.around(chain, request, response); // the transport answers wrong methods and media types itself
            return;
        }
        CachedBodyRequest cached = body.read(request);
        if (cached == null) {
            JsonRpcErrors.write(response, body.tooLarge());
            return;
        }
        String session = legacy ? request.getParameter("sessionId") : request.getHeader("Mcp-Session-Id");
        JsonRpcMessageChecks.Verdict verdict = messages.inspect(cached.text(), legacy, session);
        if (verdict.refusal() != null) {
            JsonRpcErrors.write(response, verdict.refusal());
            return;
        }
        cancellations.during(session, verdict.message(), () -> transport.around(chain, cached, response));
    }

    private static boolean isPost(HttpServletRequest request) {
        return "POST".equals(request.getMethod());
    }
}
