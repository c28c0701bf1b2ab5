package io.mcpwriting.mcp.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Messages the SDK would answer with a 500 or not at all get a JSON-RPC error; good ones pass untouched. */
class JsonRpcMessageChecksTest {

    private final JsonRpcMessageChecks checks = new JsonRpcMessageChecks(Set.of("t"), new AwaitedAnswers());

    private Refusal check(String body) {
        return checks.inspect(body, false, null).refusal();
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
            Refusal r = check(body);
            assertEquals(400, r.status(), body);
            assertEquals(JsonRpcErrors.PARSE_ERROR, r.code(), body);
        }
        for (String body : new String[] {"null", "42", "\"x\"", "[]", "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]"}) {
            Refusal r = check(body);
            assertEquals(400, r.status(), body);
            assertEquals(JsonRpcErrors.INVALID_REQUEST, r.code(), body);
            assertTrue(r.body().startsWith("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600"), r.body());
        }
    }

    @Test
    void responsesGoToTheSdkOnlyWhenTheSessionWasAsked() {
        String answer = "{\"jsonrpc\":\"2.0\",\"id\":\"a-0\",\"result\":{\"action\":\"decline\"}}";
        AwaitedAnswers answers = new AwaitedAnswers();
        JsonRpcMessageChecks asking = new JsonRpcMessageChecks(Set.of("t"), answers);
        assertNull(answers.asking("s1", () -> asking.inspect(answer, false, "s1").refusal()), "the answer to an elicitation");
        assertEquals(400, answers.asking("s1", () -> asking.inspect(answer, false, "s2").refusal()).status(),
                "another session was not asked");
        Refusal unasked = check(answer);
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
            Refusal r = check(body);
            assertEquals(200, r.status(), body);
            assertEquals(JsonRpcErrors.INVALID_PARAMS, r.code(), body);
            assertTrue(r.body().startsWith("{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32602"), r.body());
        }
        Refusal quoted = check("{\"jsonrpc\":\"2.0\",\"id\":\"a$1\\\"b\",\"method\":\"tools/call\",\"params\":\"x\"}");
        assertTrue(quoted.body().startsWith("{\"jsonrpc\":\"2.0\",\"id\":\"a$1\\\"b\",\"error\""), quoted.body());
        assertEquals(400, checks.inspect(bodies[0], true, null).refusal().status(), "legacy /message answers on the stream");
    }

    @Test
    void onlyJsonRpcTwoIsTaken() {
        for (String body : new String[] {"{\"jsonrpc\":\"1.0\",\"id\":3,\"method\":\"ping\"}",
            "{\"id\":3,\"method\":\"ping\"}", "{\"jsonrpc\":2.0,\"id\":3,\"method\":\"ping\"}"}) {
            Refusal r = check(body);
            assertEquals(400, r.status(), body);
            assertEquals(JsonRpcErrors.INVALID_REQUEST, r.code(), body);
            assertTrue(r.body().startsWith("{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32600"), r.body());
            assertTrue(r.message().contains("\"2.0\""), r.message());
        }
    }

    @Test
    void anUnknownToolIsNamedWithTheToolsThereAre() {
        Refusal r = new JsonRpcMessageChecks(Set.of("get_author", "list_authors"), new AwaitedAnswers())
                .inspect("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":"
                        + "{\"name\":\"create_book\",\"arguments\":{}}}", false, null).refusal();
        assertEquals(JsonRpcErrors.INVALID_PARAMS, r.code());
        assertEquals("Unknown tool: 'create_book' (this server's tools: get_author, list_authors)", r.message());
    }

    @Test
    void jsonNestedTooDeeplyIsSaidSoWithTheLimit() {
        String deep = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":" + "[".repeat(5000)
                + "]".repeat(5000) + "}";
        Refusal r = check(deep);
        assertEquals(JsonRpcErrors.PARSE_ERROR, r.code());
        assertTrue(r.message().matches("Parse error: the JSON is nested too deeply \\(the limit is \\d+ levels\\)"),
                r.message());
    }

    @Test
    void streamableClientsMustAcceptJsonAndEventStreams() {
        assertTrue(JsonRpcMessageChecks.acceptsJsonAndEvents("application/json, text/event-stream"));
        assertTrue(JsonRpcMessageChecks.acceptsJsonAndEvents("text/event-stream;q=0.9, Application/JSON"));
        assertFalse(JsonRpcMessageChecks.acceptsJsonAndEvents("application/json"));
        assertFalse(JsonRpcMessageChecks.acceptsJsonAndEvents(null));
        assertNull(checks.checkAccept("application/json, text/event-stream"));
        Refusal refused = checks.checkAccept("application/json");
        assertEquals(406, refused.status());
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Not Acceptable: "
                + "Accept must include application/json and text/event-stream\"}}", refused.body());
    }

    @Test
    void onlyJsonBodiesAreReadTheRestIsLeftToTheTransport() {
        assertTrue(JsonRpcMessageChecks.isJson("application/json"));
        assertTrue(JsonRpcMessageChecks.isJson(" Application/JSON ; charset=utf-8"));
        assertFalse(JsonRpcMessageChecks.isJson("text/plain"));
        assertFalse(JsonRpcMessageChecks.isJson("application/json-seq"));
        assertFalse(JsonRpcMessageChecks.isJson(null));
    }
}
