package io.mcpwriting.mcp.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Refuses a body whose declared length is over the limit before anything reads it. */
public class RequestSizeFilter extends HttpFilter {

    private final int maxBytes;

    public RequestSizeFilter(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getContentLengthLong() > maxBytes) {
            JsonRpcErrors.write(response, 413, JsonRpcErrors.INVALID_REQUEST,
                    "Request body too large: the limit is " + maxBytes + " bytes");
            return;
        }
        chain.doFilter(request, response);
    }
}
