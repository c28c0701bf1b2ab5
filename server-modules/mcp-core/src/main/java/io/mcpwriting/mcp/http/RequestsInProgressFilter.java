package io.mcpwriting.mcp.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Counts the MCP messages (POSTs) being handled until their answer is written, so that a drain closes the
 * sessions only after the last answer has left: the SDK writes it after the tool returns, on this thread.
 */
public class RequestsInProgressFilter extends HttpFilter {

    /** What is told of each message handled. */
    public interface Tracker {
        void messageStarted();

        void messageEnded();
    }

    private final Tracker tracker;

    public RequestsInProgressFilter(Tracker tracker) {
        this.tracker = tracker;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response); // a GET stream stays open for the session's life
            return;
        }
        tracker.messageStarted();
        try {
            chain.doFilter(request, response);
        } finally {
            tracker.messageEnded();
        }
    }
}
