package io.mcpwriting.mcp.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.mcp.http.JsonRpcMessageFilter.Rejection;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Messages the SDK would answer with a 500 or not at all get a JSON-RPC error; good ones pass untouched. */
class JsonRpcMessageFilterTest {

    private static Rejection check(String body) {
        return JsonRpcMessageFilter.check(body, false, Set.of("t"), false);
    }

    @Test
    void wellFormedMessagesPass() {
        assertNull(check("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}"));
        assertNull(check("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"tools/call\",\"params\":{\"name\":\"t\","
                + "\"arguments\":{\"x\":[1,2]}}}"));
        assertNull(check("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"t\",\"arguments\":null}}"));
        assertNull(check("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"));
        assertNull(check("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"));
    }

    @Test
    void bodiesThatAreNotOneMessageAreRefused() {
        for (String body : new String[] {"", "   ", "{\"a\":", "nul", "\u00ff\u00fe"}) {
            Rejection r = check(body);
            assertEquals(400, r.status(), body);
            assertEquals(JsonRpcErrors.PARSE_ERROR, r.code(), body);
        }
        for (String body : new String[] {"null", "42", "\"x\"", "[]", "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]"}) {
            Rejection r = check(body);
            assertEquals(400, r.status(), body);
            assertEquals(JsonRpcErrors.INVALID_REQUEST, r.code(), body);
            assertTrue(r.body().startsWith("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600"), r.body());
        }
    }

    @Test
    void responsesGoToTheSdkOnlyWhenTheSessionWasAsked() {
        String answer = "{\"jsonrpc\":\"2.0\",\"id\":\"a-0\",\"result\":{\"action\":\"decline\"}}";
        assertNull(JsonRpcMessageFilter.check(answer, false, Set.of("t"), true), "the answer to an elicitation");
        Rejection unasked = check(answer);
        assertEquals(400, unasked.status());
        assertTrue(unasked.message().contains("awaits no answer"), unasked.message());
        assertEquals(400, check("{\"jsonrpc\":\"2.0\",\"id\":9,\"error\":{\"code\":-1,\"message\":\"no\"}}").status());
    }

    @Test
    void paramsOfTheWrongShapeAreInvalidParamsWithTheRequestsId() {
        String[] bodies = {
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":\"x\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":[1]}",
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":null}",
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"t\",\"arguments\":[1]}}",
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"t\",\"arguments\":\"x\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"arguments\":{}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":5}}",
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"initialize\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\",\"params\":\"x\"}",
        };
        for (String body : bodies) {
            Rejection r = check(body);
            assertEquals(200, r.status(), body);
            assertEquals(JsonRpcErrors.INVALID_PARAMS, r.code(), body);
            assertTrue(r.body().startsWith("{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32602"), r.body());
        }
        Rejection quoted = check("{\"jsonrpc\":\"2.0\",\"id\":\"a$1\\\"b\",\"method\":\"tools/call\",\"params\":\"x\"}");
        assertTrue(quoted.body().startsWith("{\"jsonrpc\":\"2.0\",\"id\":\"a$1\\\"b\",\"error\""), quoted.body());
        assertEquals(400, JsonRpcMessageFilter.check(bodies[0], true, Set.of("t"), false).status(), "legacy /message answers on the stream");
    }

    @Test
    void onlyJsonRpcTwoIsTaken() {
        for (String body : new String[] {"{\"jsonrpc\":\"1.0\",\"id\":3,\"method\":\"ping\"}",
            "{\"id\":3,\"method\":\"ping\"}", "{\"jsonrpc\":2.0,\"id\":3,\"method\":\"ping\"}"}) {
            Rejection r = check(body);
            assertEquals(400, r.status(), body);
            assertEquals(JsonRpcErrors.INVALID_REQUEST, r.code(), body);
            assertTrue(r.body().startsWith("{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32600"), r.body());
            assertTrue(r.message().contains("\"2.0\""), r.message());
        }
    }

    @Test
    void anUnknownToolIsNamedWithTheToolsThereAre() {
        Rejection r = JsonRpcMessageFilter.check("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"create_book\",\"arguments\":{}}}", false, Set.of("get_author", "list_authors"), false);
        assertEquals(JsonRpcErrors.INVALID_PARAMS, r.code());
        assertEquals("Unknown tool: 'create_book' (this server's tools: get_author, list_authors)", r.message());
    }

    @Test
    void jsonNestedTooDeeplyIsSaidSoWithTheLimit() {
        String deep = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":" + "[".repeat(5000)
                + "]".repeat(5000) + "}";
        Rejection r = check(deep);
        assertEquals(JsonRpcErrors.PARSE_ERROR, r.code());
        assertTrue(r.message().matches("Parse error: the JSON is nested too deeply \\(the limit is \\d+ levels\\)"),
                r.message());
    }

    @Test
    void streamableClientsMustAcceptJsonAndEventStreams() {
        assertTrue(JsonRpcMessageFilter.acceptsJsonAndEvents("application/json, text/event-stream"));
        assertTrue(JsonRpcMessageFilter.acceptsJsonAndEvents("text/event-stream;q=0.9, Application/JSON"));
        assertFalse(JsonRpcMessageFilter.acceptsJsonAndEvents("application/json"));
        assertFalse(JsonRpcMessageFilter.acceptsJsonAndEvents(null));
    }
}
