package it.io.mcpwriting.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.mcpwriting.support.Http;
import it.io.mcpwriting.support.Servers;
import it.io.mcpwriting.support.TestDb;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** What a client that gets the protocol wrong is told: each message names the problem, as the specification says. */
class ProtocolMessagesIT {

    private static final String SERVER = "author";

    private static HttpResponse<String> post(String session, String body) {
        return Http.send(Http.mcpPost(SERVER, body).header("Mcp-Session-Id", session));
    }

    @Test
    void anUnknownToolIsNamed() {
        HttpResponse<String> r = post(Http.initialize(SERVER, "2025-11-25"),
                "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"create_book\",\"arguments\":{}}}");
        assertTrue(r.body().contains("\"id\":5") && r.body().contains("-32602"), r.body());
        assertTrue(r.body().contains("Unknown tool: 'create_book'") && r.body().contains("get_author"), r.body());
    }

    @Test
    void jsonRpcOtherThanTwoIsAnInvalidRequest() {
        HttpResponse<String> r = post(Http.initialize(SERVER, "2025-11-25"),
                "{\"jsonrpc\":\"1.0\",\"id\":6,\"method\":\"tools/list\"}");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("-32600") && r.body().contains("\"id\":6") && r.body().contains("jsonrpc"), r.body());
    }

    @Test
    void jsonNestedTooDeeplyIsSaidSo() {
        HttpResponse<String> r = post(Http.initialize(SERVER, "2025-11-25"), "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":"
                + "\"tools/call\",\"params\":{\"name\":\"get_author\",\"arguments\":{\"x\":" + "[".repeat(3000)
                + "]".repeat(3000) + "}}}");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().matches(".*nested too deeply \\(the limit is \\d+ levels\\).*"), r.body());
    }

    @Test
    void aPostThatDoesNotAcceptEventStreamsIsNotAcceptable() {
        HttpResponse<String> r = Http.send(Http.request(SERVER, "/mcp").header("Content-Type", "application/json")
                .header("Accept", "application/json").header("Authorization", "Bearer " + Servers.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(Http.INITIALIZE.formatted("2025-11-25"))));
        assertEquals(406, r.statusCode(), r.body());
        assertTrue(r.body().contains("text/event-stream"), r.body());
    }

    @Test
    void textThatIsNotUnicodeIsRefusedNamingTheArgument() {
        String name = TestDb.unique("Surrogate");
        HttpResponse<String> r = post(Http.initialize(SERVER, "2025-11-25"), "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":"
                + "\"tools/call\",\"params\":{\"name\":\"create_author\",\"arguments\":{\"name\":\"" + name + " \\ud800\"}}}");
        assertTrue(r.body().contains("\"isError\":true") && r.body().contains("Invalid argument 'name'")
                && r.body().contains("lone surrogate"), r.body());
        assertEquals(0L, TestDb.count("SELECT count(*) FROM authors WHERE name LIKE ?", name + "%"), "nothing stored");
    }
}
