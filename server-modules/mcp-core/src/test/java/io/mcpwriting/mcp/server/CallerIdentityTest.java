package io.mcpwriting.mcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The audit actor comes from how the caller authenticated (MCP_AUTH_TOKEN, MCP_AUTH_PRINCIPAL), nothing else. */
class CallerIdentityTest {

    private static String identity(String token, String principal) {
        ServerSettings settings = new ServerSettings();
        settings.authToken = Optional.ofNullable(token);
        settings.authPrincipal = Optional.ofNullable(principal);
        return settings.callerIdentity();
    }

    @Test
    void withoutATokenTheCallerIsAnAnonymousLocalClient() {
        assertEquals("anonymous-local", identity(null, null));
        assertEquals(ServerSettings.ANONYMOUS_LOCAL, identity(null, "editor@example.org"),
                "a principal names the token's holder; with no token nobody is authenticated");
    }

    @Test
    void aTokenIsNamedByItsConfiguredPrincipal() {
        assertEquals("editor@example.org", identity("s3cret-token", "editor@example.org"));
        assertEquals("editor@example.org", identity("s3cret-token", "  editor@example.org \n"), "trimmed");
    }

    @Test
    void aTokenWithoutPrincipalIsNamedByItsFingerprint() {
        String fingerprint = "token:" + Fingerprints.of("s3cret-token");
        assertEquals(fingerprint, identity("s3cret-token", null));
        assertEquals(fingerprint, identity("s3cret-token", "   "), "a blank principal is no principal");
        assertEquals(18, fingerprint.length(), "12 hex digits, never the token");
    }
}
