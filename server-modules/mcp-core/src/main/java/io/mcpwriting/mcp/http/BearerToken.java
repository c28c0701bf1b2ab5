package io.mcpwriting.mcp.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Admission of the caller: requires {@code Authorization: Bearer <token>}; compares in constant time. */
public final class BearerToken {

    private static final Refusal UNAUTHORIZED = new Refusal(HttpServletResponse.SC_UNAUTHORIZED,
            JsonRpcErrors.INVALID_REQUEST, "Unauthorized: send Authorization: Bearer <MCP_AUTH_TOKEN>")
            .withHeader("WWW-Authenticate", "Bearer realm=\"mcp\"");

    private final byte[] expected;

    public BearerToken(String token) {
        this.expected = token.getBytes(StandardCharsets.UTF_8);
    }

    /** Null when the request carries the token, else the 401. */
    Refusal check(HttpServletRequest request) {
        return authorized(request.getHeader("Authorization")) ? null : UNAUTHORIZED;
    }

    boolean authorized(String header) {
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, expected);
    }
}
