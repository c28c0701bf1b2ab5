package io.mcpwriting.mcp.observe;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * One JSON line per tool call on the process's standard output (the console log, or the journal):
 * {@code level}, {@code service}, {@code tool}, {@code durationMs} and, on failure, {@code error.name} and
 * {@code error.message}, as the operators' jq filters expect.
 *
 * <p>The line goes to the standard output itself, in one write, not through {@code System.out}: Liberty wraps that
 * stream, and parsed, formatted, flushed and copied every call's line into messages.log as well, which cost about 8 %
 * of a server's CPU per call (JFR, TS SDK client, docs/PERFORMANCE.md).
 */
final class CallLog {

    private static final OutputStream STDOUT = new FileOutputStream(FileDescriptor.out);

    private CallLog() {
    }

    static String line(String service, String tool, double durationMs, String errorType, String message) {
        StringBuilder line = new StringBuilder(200).append("{\"timestamp\":\"").append(Instant.now())
                .append("\",\"level\":\"").append(errorType == null ? "INFO" : levelOf(errorType))
                .append("\",\"service\":");
        quoted(line, service).append(",\"event\":\"tool_call\",\"tool\":");
        quoted(line, tool).append(",\"durationMs\":").append(Math.round(durationMs * 1000) / 1000.0)
                .append(",\"outcome\":\"").append(errorType == null ? "ok" : "error").append('"');
        if (errorType != null) {
            line.append(",\"error\":{\"name\":");
            quoted(line, errorType).append(",\"message\":");
            quoted(line, message == null ? "" : message).append('}');
        }
        return line.append('}').toString();
    }

    /** Writes the line and its newline in one write: lines of concurrent calls do not interleave in the log. */
    static void write(String line) {
        try {
            STDOUT.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // a closed or full console must not fail the call it reports
        }
    }

    private static StringBuilder quoted(StringBuilder line, String text) {
        line.append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, line);
        return line.append('"');
    }

    /** Failures the caller caused are warnings; the server's own are errors. */
    private static String levelOf(String errorType) {
        return switch (errorType) {
            case "internal", "database_unavailable" -> "ERROR";
            default -> "WARN";
        };
    }
}
