package io.mcpwriting.mcp.observe;

import java.io.PrintStream;
import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One JSON line per tool call on standard output, which Liberty passes through unchanged
 * ({@code appsWriteJson}): {@code level}, {@code service}, {@code tool}, {@code durationMs} and, on
 * failure, {@code error.name} and {@code error.message}, as the operators' jq filters expect.
 */
final class CallLog {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CallLog() {
    }

    static String line(String service, String tool, double durationMs, String errorType, String message) {
        ObjectNode line = JSON.createObjectNode();
        line.put("timestamp", Instant.now().toString());
        line.put("level", errorType == null ? "INFO" : levelOf(errorType));
        line.put("service", service);
        line.put("event", "tool_call");
        line.put("tool", tool);
        line.put("durationMs", Math.round(durationMs * 1000) / 1000.0);
        line.put("outcome", errorType == null ? "ok" : "error");
        if (errorType != null) {
            ObjectNode error = line.putObject("error");
            error.put("name", errorType);
            error.put("message", message == null ? "" : message);
        }
        return JSON.writeValueAsString(line);
    }

    static void write(PrintStream out, String line) {
        out.println(line);
    }

    /** Failures the caller caused are warnings; the server's own are errors. */
    private static String levelOf(String errorType) {
        return switch (errorType) {
            case "internal", "database_unavailable" -> "ERROR";
            default -> "WARN";
        };
    }
}
