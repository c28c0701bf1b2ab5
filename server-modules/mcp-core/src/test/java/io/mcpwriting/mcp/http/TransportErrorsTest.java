package io.mcpwriting.mcp.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Transport errors are rewritten into short JSON-RPC messages that never leak internals. */
class TransportErrorsTest {

    @Test
    void knownSdkMessagesPassUnknownOnesAreDropped() {
        assertEquals("Bad Request: Session ID required in mcp-session-id header",
                TransportErrors.messageFor(400, "Session ID required in mcp-session-id header"));
        String leaked = TransportErrors.messageFor(400, "java.lang.IllegalStateException at io.x.Y(Y.java:3)");
        assertEquals("Bad Request", leaked);
        assertEquals("Parse error: the body is not a valid JSON-RPC message",
                TransportErrors.messageFor(400, "Failed to deserialize message: Unexpected character"));
        assertEquals(JsonRpcErrors.PARSE_ERROR, TransportErrors.codeFor(400, "Invalid message format"));
        assertEquals(JsonRpcErrors.SESSION_NOT_FOUND, TransportErrors.codeFor(404, null));
        assertTrue(TransportErrors.messageFor(404, null).contains("initialize"));
        assertFalse(TransportErrors.messageFor(500, "NullPointerException").contains("Null"));
    }

    @Test
    void envelopeIsValidJsonRpc() {
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"say \\\"hi\\\"\"}}",
                JsonRpcErrors.envelope(null, -32600, "say \"hi\""));
    }
}
