package it.io.mcpwriting.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The servers under test and their ports, from liberty-config/servers.list (the one list scripts use). */
public final class Servers {

    /** Token the test servers are started with (scripts/servers.sh passes MCP_AUTH_TOKEN through). */
    public static final String TOKEN = System.getProperty("mcp.auth.token", "system-test-token");

    private static final Map<String, Integer> PORTS = load();

    private Servers() {
    }

    public static Map<String, Integer> all() {
        return PORTS;
    }

    public static int port(String server) {
        Integer port = PORTS.get(server);
        if (port == null) {
            throw new IllegalArgumentException("no server " + server + " in " + System.getProperty("servers.list"));
        }
        return port;
    }

    public static String url(String server) {
        return "http://localhost:" + port(server);
    }

    private static Map<String, Integer> load() {
        Path list = Path.of(System.getProperty("servers.list", "../../liberty-config/servers.list"));
        Map<String, Integer> ports = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(list)) {
                String[] parts = line.strip().split("\\s+");
                if (parts.length >= 2 && !parts[0].startsWith("#")) {
                    ports.put(parts[0], Integer.parseInt(parts[1]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ports;
    }
}
