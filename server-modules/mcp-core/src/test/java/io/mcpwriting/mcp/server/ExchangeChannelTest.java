package io.mcpwriting.mcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.mcp.http.AwaitedAnswers;
import io.mcpwriting.mcp.tool.ClientChannel;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which clients are sent a confirmation form, from the capabilities they declare in initialize (MCP 2025-11-25):
 * {@code elicitation: {}} and {@code {form: {}}} fill in forms, {@code {url: {}}} alone only opens links.
 */
class ExchangeChannelTest {

    private static final McpJsonMapper JSON = new JacksonMcpJsonMapper(JsonMapper.builder().build());

    @Test
    void formsGoToClientsDeclaringEmptyOrFormElicitation() {
        assertTrue(ExchangeChannel.asksForms(declared("{\"elicitation\": {}}")), "{} is form mode");
        assertTrue(ExchangeChannel.asksForms(declared("{\"elicitation\": {\"form\": {}}}")));
        assertTrue(ExchangeChannel.asksForms(declared("{\"elicitation\": {\"form\": {}, \"url\": {}}}")));
    }

    @Test
    void noFormForUrlOnlyOrNoElicitation() {
        assertFalse(ExchangeChannel.asksForms(declared("{\"elicitation\": {\"url\": {}}}")), "URL mode only");
        assertFalse(ExchangeChannel.asksForms(declared("{\"sampling\": {}}")));
        assertFalse(ExchangeChannel.asksForms(null));
    }

    @Test
    void aUrlOnlyClientIsNotAskedAndTheToolRunsAsCalled() {
        ExchangeChannel channel = channel(declared("{\"elicitation\": {\"url\": {}}}"));
        assertEquals(ClientChannel.Confirmation.NOT_ASKED, channel.confirm(() -> {
            throw new AssertionError("the question is made only for a client that can be asked");
        }));
        assertNull(channel.ask("Pick one", Map.of("type", "object")), "no form is sent");
    }

    /** Client capabilities as the SDK reads them from initialize. */
    private static McpSchema.ClientCapabilities declared(String json) {
        try {
            return JSON.readValue(json, McpSchema.ClientCapabilities.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A channel over an exchange with no session: a form sent to it would fail, not come back NOT_ASKED. */
    private static ExchangeChannel channel(McpSchema.ClientCapabilities capabilities) {
        McpSyncServerExchange exchange = new McpSyncServerExchange(new McpAsyncServerExchange("s-1", null,
                capabilities, new McpSchema.Implementation("client", "1"), McpTransportContext.EMPTY));
        return new ExchangeChannel(exchange, null, "test", new AwaitedAnswers());
    }
}
