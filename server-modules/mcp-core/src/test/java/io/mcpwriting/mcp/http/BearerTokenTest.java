package io.mcpwriting.mcp.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The caller is admitted only with the exact token. */
class BearerTokenTest {

    @Test
    void bearerTokensAreComparedExactly() {
        BearerToken token = new BearerToken("s3cret");
        assertTrue(token.authorized("Bearer s3cret"));
        assertTrue(token.authorized("bearer s3cret"));
        assertFalse(token.authorized("Bearer s3cre"));
        assertFalse(token.authorized("Basic s3cret"));
        assertFalse(token.authorized(null));
    }
}
