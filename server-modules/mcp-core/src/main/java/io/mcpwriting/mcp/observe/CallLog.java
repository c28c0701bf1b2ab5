package io.mcpwriting.mcp.observe;

import java.io.PrintStream;
import java.time.Instant;

/**
 * One JSON line per tool call on standard output, which Liberty passes through unchanged
 * ({@code appsWriteJson}): {@code level}, {@code service}, {@code tool}, {@code durationMs} and, on
 * failure, {@code error.name} and {@code error.message}, as the operators' jq filters expect.
 */
final class CallLog {

    private CallLog() {
    }

    static String line(String service, String tool, double durationMs, String errorType, String message) {
        StringBuilder b = new StringBuilder(192);
        b.append("{\"timestamp\":\"").append(Instant.now()).append('"');
        b.append(",\"level\":\"").append(errorType == null ? "INFO" : levelOf(errorType)).append('"');
        b.append(",\"service\":");
        quote(b, service);
        b.append(",\"event\":\"tool_call\",\"tool\":");
        quote(b, tool);
        b.append(",\"durationMs\":").append(Math.round(durationMs * 1000) / 1000.0);
        b.append(",\"outcome\":\"").append(errorType == null ? "ok" : "error").append('"');
        if (errorType != null) {
            b.append(",\"error\":{\"name\":\"").append(errorType).append("\",\"message\":");
            quote(b, message == null ? "" : message);
            b.append('}');
        }
        return b.append('}').toString();
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

    static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
