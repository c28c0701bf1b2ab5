package io.mcpwriting.mcp.http;

import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HeaderAccessor;
import io.modelcontextprotocol.server.transport.ServerHttpHeaderValidator;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.spec.ProtocolVersions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Origin and Host checks against DNS rebinding (the SDK's validator, with loopback always allowed) plus
 * the {@code MCP-Protocol-Version} check the SDK leaves out: an unsupported version is a 400.
 */
public final class RequestHeaderValidator implements ServerHttpHeaderValidator {

    public static final Set<String> PROTOCOL_VERSIONS = Set.of(ProtocolVersions.MCP_2024_11_05,
            ProtocolVersions.MCP_2025_03_26, ProtocolVersions.MCP_2025_06_18, ProtocolVersions.MCP_2025_11_25);

    private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "[::1]");

    private final ServerHttpHeaderValidator originAndHost;

    /**
     * @param checkHost whether Host must be loopback or listed; off when the server is bound beyond
     *        loopback with no host list, where the bearer token is the protection
     */
    public RequestHeaderValidator(List<String> extraOrigins, List<String> extraHosts, boolean checkHost) {
        List<String> origins = new ArrayList<>(extraOrigins);
        List<String> hosts = new ArrayList<>(extraHosts);
        for (String name : LOOPBACK) {
            origins.add("http://" + name + ":*");
            origins.add("https://" + name + ":*");
            hosts.add(name + ":*");
        }
        this.originAndHost = DefaultServerTransportSecurityValidator.builder()
                .allowedOrigins(origins)
                .allowedHosts(checkHost ? hosts : List.of())
                .build();
    }

    @Override
    public void validate(HeaderAccessor headers) throws ServerTransportSecurityException {
        originAndHost.validate(headers);
        List<String> version = headers.getHeader("MCP-Protocol-Version");
        if (version != null && !version.isEmpty() && !PROTOCOL_VERSIONS.contains(version.get(0).strip())) {
            throw new ServerTransportSecurityException(400, "Unsupported MCP-Protocol-Version");
        }
    }
}
