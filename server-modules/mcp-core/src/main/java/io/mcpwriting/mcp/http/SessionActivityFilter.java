package io.mcpwriting.mcp.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Reports every request that names a session ({@code Mcp-Session-Id}) to the session activity tracker. */
public class SessionActivityFilter extends HttpFilter {

    private final SessionActivity activity;

    public SessionActivityFilter(SessionActivity activity) {
        this.activity = activity;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String session = request.getHeader("Mcp-Session-Id");
        if (session == null) {
            chain.doFilter(request, response);
            return;
        }
        activity.requestStarted(session);
        try {
            chain.doFilter(request, response);
        } finally {
            // a stream the SDK keeps open after this returns is its own mark of activity (hasOpenStream)
            activity.requestEnded(session);
        }
    }
}
