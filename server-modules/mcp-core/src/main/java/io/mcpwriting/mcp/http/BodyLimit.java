package io.mcpwriting.mcp.http;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The request body's size, checked in this one place against one limit: first the declared length, before
 * anything reads the body, then the read itself, which stops one byte past the limit (a chunked body declares
 * no length). Both answer with the same 413.
 */
public final class BodyLimit {

    private final int maxBytes;
    private final Refusal tooLarge;

    public BodyLimit(int maxBytes) {
        this.maxBytes = maxBytes;
        this.tooLarge = new Refusal(413, JsonRpcErrors.INVALID_REQUEST,
                "Request body too large: the limit is " + maxBytes + " bytes");
    }

    /** Null when the declared length (if any) is within the limit, else the 413. */
    Refusal checkDeclared(HttpServletRequest request) {
        return request.getContentLengthLong() > maxBytes ? tooLarge : null;
    }

    Refusal tooLarge() {
        return tooLarge;
    }

    /** Reads the body, the one time it is read; null when it is over the limit. */
    CachedBodyRequest read(HttpServletRequest request) throws IOException {
        byte[] body = readUpTo(request.getInputStream(), maxBytes + 1);
        return body.length > maxBytes ? null : new CachedBodyRequest(request, body, charsetOf(request));
    }

    private static byte[] readUpTo(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while (out.size() < limit && (n = in.read(buffer, 0, Math.min(buffer.length, limit - out.size()))) != -1) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static Charset charsetOf(HttpServletRequest request) {
        String name = request.getCharacterEncoding();
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
