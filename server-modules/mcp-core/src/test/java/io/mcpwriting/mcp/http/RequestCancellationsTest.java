package io.mcpwriting.mcp.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** A cancellation finds its request by the request's JSON-RPC id, compared as JSON compares ids. */
class RequestCancellationsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static String key(String json) {
        return RequestCancellations.idKey(JSON.readTree(json));
    }

    @Test
    void theSameIdInARequestAndItsCancellationIsTheSameKey() {
        assertEquals(key("7"), key("7"));
        assertEquals(key("\"req-7\""), key("\"req-7\""));
        assertEquals(key("12345678901234567890"), key("12345678901234567890"));
    }

    @Test
    void aStringIdIsNotTheNumberWithTheSameDigits() {
        assertNotEquals(key("7"), key("\"7\""));
        assertNotEquals(key("\"a\""), key("\"b\""));
    }
}
