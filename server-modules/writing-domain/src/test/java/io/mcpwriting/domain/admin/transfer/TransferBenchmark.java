package io.mcpwriting.domain.admin.transfer;

import io.mcpwriting.domain.admin.Json;
import io.mcpwriting.mcp.resource.WithFiles;
import io.mcpwriting.mcp.tool.JsonText;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * scripts/transfer-benchmark.sh: fills a table with N rows (default a million), exports it as CSV and as JSON,
 * imports each file back into an empty copy, checks that the copy holds the same rows (count and checksum) and
 * prints rows, file size, seconds and rows/s per step, and this JVM's peak heap. The tables are dropped at the
 * end, unless the check failed.
 *
 * <p>Direct mode (default) runs the tools' own code ({@link ExportTools}, {@link ImportTools}) in this JVM
 * against the database of {@link TransferDatabase}. Server mode ({@code --server=http://host:3010/mcp}) calls a
 * running database-admin over MCP instead (bearer token from {@code MCP_AUTH_TOKEN}); the tables are then made,
 * through the {@code transfer.db.*} settings, in the database that server uses.
 */
public final class TransferBenchmark {

    private static final String SOURCE = "transfer_bench";
    private static final String COPY = "transfer_bench_copy";
    /** The rows in one string per table, in key order, digested: equal only when every value came back. */
    private static final String CHECKSUM = "SELECT count(*) || ' rows, md5 ' || md5(string_agg(md5(t::text), '' "
            + "ORDER BY id)) FROM %s t";

    private final List<String[]> lines = new ArrayList<>();
    private final Tools tools;

    private TransferBenchmark(Tools tools) {
        this.tools = tools;
    }

    public static void main(String[] args) throws Exception {
        long rows = 1_000_000;
        String server = null;
        for (String arg : args) {
            if (arg.startsWith("--rows=")) {
                rows = Long.parseLong(arg.substring("--rows=".length()));
            } else if (arg.startsWith("--server=")) {
                server = arg.substring("--server=".length());
            } else {
                throw new IllegalArgumentException("unknown argument " + arg + " (--rows=N, --server=URL)");
            }
        }
        Path exportsDir = Files.createTempDirectory("transfer-benchmark-");
        Tools tools = server == null ? new Direct(new TransferDatabase(exportsDir)) : new OverMcp(server);
        try {
            new TransferBenchmark(tools).run(rows, server == null ? "direct (the tools' code in this JVM)"
                    : "server " + server);
        } finally {
            try (var files = Files.list(exportsDir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(exportsDir);
        }
    }

    private void run(long rows, String mode) throws Exception {
        long start = System.nanoTime();
        fill(rows);
        step("fill (INSERT ... generate_series)", rows, null, start);
        tools.tablesChanged();
        String expected = TransferDatabase.text(CHECKSUM.formatted(SOURCE));

        Map<String, Object> csv = timed("export csv", () -> tools.call("db_export_csv", Map.of("table", SOURCE)),
                "record_count", null);
        Map<String, Object> json = timed("export json", () -> tools.call("db_export_json", Map.of("table", SOURCE)),
                "record_count", null);
        String csvChecksum = importBack("import csv", "db_import_csv", "csvFile", csv);
        String jsonChecksum = importBack("import json", "db_import_json", "jsonFile", json);

        System.out.printf(Locale.ROOT, "%nTransfer benchmark: %d rows, %s, database %s%n%n", rows, mode,
                TransferDatabase.NAME);
        System.out.printf(Locale.ROOT, "| %-34s | %9s | %9s | %8s | %9s |%n", "step", "rows", "file MB", "seconds",
                "rows/s");
        System.out.printf(Locale.ROOT, "|%s|%s|%s|%s|%s|%n", "-".repeat(36), "-".repeat(11), "-".repeat(11),
                "-".repeat(10), "-".repeat(11));
        for (String[] line : lines) {
            System.out.printf(Locale.ROOT, "| %-34s | %9s | %9s | %8s | %9s |%n", (Object[]) line);
        }
        System.out.printf(Locale.ROOT, "%nsource:      %s%nafter csv:   %s%nafter json:  %s%n", expected, csvChecksum,
                jsonChecksum);
        System.out.printf(Locale.ROOT, "peak heap of this JVM: %d MB (max %d MB)%s%n", peakHeapBytes() >> 20,
                Runtime.getRuntime().maxMemory() >> 20,
                tools instanceof OverMcp ? "; the tools ran in the server's JVM" : "");
        if (!expected.equals(csvChecksum) || !expected.equals(jsonChecksum)) {
            throw new IllegalStateException("the imported rows differ from the exported ones");
        }
        System.out.println("check: counts and checksums equal");
        TransferDatabase.asOwner("DROP TABLE " + COPY + ", " + SOURCE); // kept for a look only when the check fails
    }

    private String importBack(String label, String tool, String fileArgument, Map<String, Object> export)
            throws Exception {
        TransferDatabase.asOwner("TRUNCATE " + COPY);
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("table", COPY);
        args.put(fileArgument, export.get("exportFile"));
        Map<String, Object> result = timed(label, () -> tools.call(tool, args), "imported",
                (Number) export.get("size_bytes"));
        if (((Number) result.get("rejected")).longValue() != 0) {
            throw new IllegalStateException(label + " rejected rows: " + result.get("rejected_rows"));
        }
        return TransferDatabase.text(CHECKSUM.formatted(COPY));
    }

    /** Runs a step and notes its line: rows from the result's {@code countKey}, the file's size (an export's own). */
    private Map<String, Object> timed(String label, ToolCall call, String countKey, Number fileBytes)
            throws Exception {
        long start = System.nanoTime();
        Map<String, Object> result = call.run();
        Number size = fileBytes != null ? fileBytes : (Number) result.get("size_bytes");
        step(label, ((Number) result.get(countKey)).longValue(), size == null ? null : size.longValue(), start);
        return result;
    }

    private void step(String label, long rows, Long bytes, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        lines.add(new String[] {label, Long.toString(rows),
                bytes == null ? "" : String.format(Locale.ROOT, "%.1f", bytes / 1048576.0),
                String.format(Locale.ROOT, "%.2f", seconds), String.format(Locale.ROOT, "%.0f", rows / seconds)});
    }

    private static void fill(long rows) throws SQLException {
        try (Connection c = TransferDatabase.owner(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + COPY + ", " + SOURCE);
            s.execute("CREATE TABLE " + SOURCE + " (id bigserial PRIMARY KEY, title text NOT NULL, body text, "
                    + "tags text[], meta jsonb, amount numeric(12,2), created timestamptz, flag boolean)");
            s.execute("CREATE TABLE " + COPY + " (LIKE " + SOURCE + " INCLUDING ALL)");
            for (String table : List.of(SOURCE, COPY)) {
                s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON " + table + " TO " + TransferDatabase.APP);
            }
            s.execute("GRANT USAGE, SELECT, UPDATE ON SEQUENCE " + SOURCE + "_id_seq TO " + TransferDatabase.APP);
            s.execute("INSERT INTO " + SOURCE + " (title, body, tags, meta, amount, created, flag) SELECT "
                    + "'Title ' || i, "
                    + "CASE WHEN i % 10 = 0 THEN NULL WHEN i % 10 = 1 THEN '' ELSE 'Body of row ' || i "
                    + "|| ', with \"quotes\", a \\ backslash' || CASE WHEN i % 7 = 0 THEN E'\\nand a second line' "
                    + "ELSE '' END || ' — ünïcödé 東京 ' || repeat('x', i % 40) END, "
                    + "ARRAY['tag' || (i % 13), 'b c', ''], "
                    + "jsonb_build_object('i', i, 'half', i / 2.0, 'list', jsonb_build_array(i % 3, 'x\"y', NULL)), "
                    + "(i % 100000) / 100.0, timestamptz '2025-01-01 00:00:00+00' + i * interval '1 second', "
                    + "i % 3 = 0 FROM generate_series(1, " + rows + ") i");
            s.execute("ANALYZE " + SOURCE);
        }
    }

    /** Heap in use at its highest, summed over the heap's pools (each pool's own peak: an upper bound). */
    private static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    @FunctionalInterface
    private interface ToolCall {
        Map<String, Object> run() throws Exception;
    }

    /** The four tools, by name, with their JSON result. */
    private interface Tools {
        Map<String, Object> call(String tool, Map<String, Object> arguments) throws Exception;

        /** Tables were made or dropped behind the tools' catalog. */
        void tablesChanged();
    }

    /** The tools' code in this JVM. */
    private record Direct(TransferDatabase db) implements Tools {
        @Override
        public Map<String, Object> call(String tool, Map<String, Object> a) {
            Object result = switch (tool) {
                case "db_export_csv" -> db.exports.exportCsv((String) a.get("table"), null, null);
                case "db_export_json" -> db.exports.exportJson((String) a.get("table"), null, null);
                case "db_import_csv" -> db.imports.importCsv((String) a.get("table"), (String) a.get("csvFile"),
                        null, null);
                case "db_import_json" -> db.imports.importJson((String) a.get("table"), (String) a.get("jsonFile"),
                        null);
                default -> throw new IllegalArgumentException(tool);
            };
            Object value = result instanceof WithFiles withFiles ? withFiles.value() : result;
            return Json.object(((JsonText) value).json());
        }

        @Override
        public void tablesChanged() {
            db.catalog.refresh();
        }
    }

    /** A database-admin server over MCP's Streamable HTTP transport, one session. */
    private static final class OverMcp implements Tools {
        private final HttpClient http = HttpClient.newHttpClient();
        private final URI endpoint;
        private final String token = System.getenv("MCP_AUTH_TOKEN");
        private String session;
        private int nextId = 1;

        OverMcp(String url) throws Exception {
            endpoint = URI.create(url);
            Map<String, Object> init = request("initialize", Map.of("protocolVersion", "2025-06-18",
                    "capabilities", Map.of(), "clientInfo", Map.of("name", "transfer-benchmark", "version", "1")));
            if (init.get("result") == null) {
                throw new IllegalStateException("initialize failed: " + init);
            }
            send(Map.of("jsonrpc", "2.0", "method", "notifications/initialized"));
        }

        @Override
        public Map<String, Object> call(String tool, Map<String, Object> arguments) throws Exception {
            Map<String, Object> answer = request("tools/call", Map.of("name", tool, "arguments", arguments));
            Map<?, ?> result = (Map<?, ?>) answer.get("result");
            if (result == null || Boolean.TRUE.equals(result.get("isError"))) {
                throw new IllegalStateException(tool + " failed: " + answer);
            }
            Map<?, ?> first = (Map<?, ?>) ((List<?>) result.get("content")).get(0);
            return Json.object((String) first.get("text"));
        }

        @Override
        public void tablesChanged() {
            // the server's catalog looks a table up again when a name is new to it
        }

        private Map<String, Object> request(String method, Map<String, Object> params) throws Exception {
            int id = nextId++;
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("jsonrpc", "2.0");
            message.put("id", id);
            message.put("method", method);
            message.put("params", params);
            HttpResponse<String> response = send(message);
            String body = response.body();
            if (response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream")) {
                for (String line : body.split("\n")) {
                    if (line.startsWith("data:")) {
                        Map<String, Object> event = Json.object(line.substring(5).strip());
                        if (Integer.valueOf(id).equals(((Number) event.getOrDefault("id", -1)).intValue())) {
                            return event;
                        }
                    }
                }
                throw new IllegalStateException(method + ": no answer in " + body);
            }
            return Json.object(body);
        }

        private HttpResponse<String> send(Map<String, Object> message) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(message)));
            if (token != null && !token.isBlank()) {
                request.header("Authorization", "Bearer " + token);
            }
            if (session != null) {
                request.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-06-18");
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(endpoint + " answered " + response.statusCode() + ": " + response.body());
            }
            response.headers().firstValue("Mcp-Session-Id").ifPresent(s -> session = s);
            return response;
        }
    }
}
