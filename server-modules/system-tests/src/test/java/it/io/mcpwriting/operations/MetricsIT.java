package it.io.mcpwriting.operations;

import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.mcpwriting.support.Http;
import it.io.mcpwriting.support.McpSession;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** /metrics carries the per-server, per-tool series Prometheus aggregates, plus Liberty's JVM and pool metrics. */
class MetricsIT {

    private static double value(String metrics, String seriesPattern) {
        Matcher m = Pattern.compile("(?m)^" + seriesPattern + " ([0-9.eE+-]+)$").matcher(metrics);
        assertTrue(m.find(), "no series matching " + seriesPattern);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void toolCallsAreCountedTimedAndTypedWhenTheyFail() {
        String before = Http.get("book-planning", "/metrics").body();
        double calls = value(before, "mcp_requests_total\\{.*server=\"book-planning\",tool=\"get_book\",\\}");
        double notFound = before.contains("error_type=\"not_found\",mp_scope=\"application\",server=\"book-planning\",tool=\"get_book\"")
                ? value(before, "mcp_errors_total\\{error_type=\"not_found\",.*server=\"book-planning\",tool=\"get_book\",\\}") : 0;
        try (McpSession session = McpSession.open("book-planning")) {
            session.call("get_book", "book_id", 987654321).error("does not exist");
        }
        String after = Http.get("book-planning", "/metrics").body();
        assertTrue(value(after, "mcp_requests_total\\{.*server=\"book-planning\",tool=\"get_book\",\\}") >= calls + 1);
        assertTrue(value(after, "mcp_errors_total\\{error_type=\"not_found\",.*server=\"book-planning\",tool=\"get_book\",\\}")
                >= notFound + 1);
        for (String le : new String[] {"0.005", "0.01", "0.025", "0.05", "0.1", "0.2", "0.5", "1.0"}) {
            value(after, "mcp_request_duration_seconds_bucket\\{.*tool=\"get_book\",le=\"" + le + "\",\\}");
        }
        value(after, "mcp_active_sessions\\{.*server=\"book-planning\",\\}");
        value(after, "mcp_db_connection_failures_total\\{.*server=\"book-planning\",\\}");
        assertTrue(value(after, "memory_usedHeap_bytes\\{.*\\}") > 0);
        value(after, "connectionpool_managedConnections\\{datasource=\"jdbc_writing\",.*\\}");
    }
}
