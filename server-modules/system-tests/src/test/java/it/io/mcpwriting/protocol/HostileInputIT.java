package it.io.mcpwriting.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.mcpwriting.support.Faults;
import it.io.mcpwriting.support.RawMcp;
import it.io.mcpwriting.support.RawMcp.Reply;
import it.io.mcpwriting.support.Servers;
import it.io.mcpwriting.support.TableCounts;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every running server, fed what a careless or hostile client sends: broken and oversized bodies, deep
 * nesting, wrong media types and Accept headers, unknown sessions, bad tokens, invalid UTF-8, SQL in argument
 * values and names, 100,000-element arrays, integers past the 32-bit range and wrong JSON types in every
 * argument of every tool. Each case must get a JSON error (a JSON-RPC error, or a tool result with isError)
 * that shows no stack trace or internal class, must leave the database as it was (except rows that a valid
 * call legitimately created, recognisable by this run's marker), and the server must go on serving.
 */
class HostileInputIT {

    /** What must never reach a client: stack frames, exception and internal class names, SQL internals. */
    private static final Pattern LEAK = Pattern.compile("Exception|\\bat [a-z]+\\.[a-z]|\\bio\\.mcpwriting\\."
            + "|modelcontextprotocol|\\bjava\\.|\\bjakarta\\.|tools\\.jackson|com\\.ibm|org\\.postgresql|SQLState"
            + "|ERROR: |syntax error at|relation \"|StackTrace|stackTrace");

    /** Tables a server writes on every call, refused or not (an audit log, say): -Dhostile.ignore.tables=a,b. */
    private static final java.util.Set<String> IGNORED_TABLES = java.util.Set.copyOf(
            java.util.List.of(System.getProperty("hostile.ignore.tables", "").split("\\s*,\\s*")));

    private static final int HUGE = 100_000;
    private static final long MISSING_ID = 987_654_321L;

    static Stream<String> servers() {
        return Faults.runningServers().stream();
    }

    /** A request and whether a normal answer is acceptable too (a well-formed call in an odd envelope). */
    private record Case(String name, Supplier<HttpRequest> request, boolean mayAnswer) {

        Case(String name, Supplier<HttpRequest> request) {
            this(name, request, false);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void hostileInputGetsAJsonErrorChangesNothingAndTheServerKeepsServing(String server) {
        String marker = "hostile-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Long> before = TableCounts.snapshot();
        String[] session = {RawMcp.initialize(server)};
        List<JsonNode> tools = RawMcp.tools(server, session[0]);
        List<String> problems = new ArrayList<>();
        int cases = 0;

        for (Case c : transportCases(server, () -> session[0], tools.get(0).path("name").asString(), marker)) {
            cases++;
            Reply reply = RawMcp.send(c.request().get());
            List<String> found = checkJsonError(c.name(), reply);
            if (found.isEmpty() && !c.mayAnswer() && !reply.isJsonRpcError() && !reply.isToolError()) {
                found = List.of(c.name() + ": expected a JSON error, got " + reply);
            }
            problems.addAll(found);
            session[0] = stillServing(server, session[0], c.name(), problems);
        }
        for (JsonNode tool : tools) {
            for (Map.Entry<String, Map<String, Object>> c : argumentCases(tool, marker).entrySet()) {
                cases++;
                String name = tool.path("name").asString();
                Reply reply = RawMcp.callTool(server, session[0], name, c.getValue());
                String label = name + " " + c.getKey();
                List<String> found = checkJsonError(label, reply);
                problems.addAll(found);
                boolean mustBeValidationError = c.getKey().startsWith("wrong type") || c.getKey().startsWith("overflow")
                        || c.getKey().startsWith("SQL in an argument name");
                if (found.isEmpty() && mustBeValidationError && !(reply.isToolError()
                        && "validation".equals(reply.result().path("structuredContent").path("error_type").asString("")))) {
                    problems.add(label + ": expected a validation error, got " + reply);
                }
                if (!found.isEmpty()) {
                    session[0] = stillServing(server, session[0], label, problems);
                }
            }
        }
        session[0] = stillServing(server, session[0], "the whole suite", problems);
        normalCallSucceeds(server, session[0], tools);

        Map<String, Long> after = TableCounts.snapshot();
        for (Map.Entry<String, Long> table : before.entrySet()) {
            if (IGNORED_TABLES.contains(table.getKey())) {
                continue;
            }
            Long now = after.get(table.getKey());
            if (now == null) {
                problems.add("table " + table.getKey() + " is gone");
            } else if (!now.equals(table.getValue())) {
                long legitimate = TableCounts.rowsContaining(table.getKey(), marker);
                if (now - table.getValue() != legitimate) {
                    problems.add("table " + table.getKey() + " went from " + table.getValue() + " to " + now
                            + " rows, of which only " + legitimate + " were created by valid calls of this run");
                }
            }
        }
        RawMcp.delete(server, session[0]);
        System.out.println(server + ": " + cases + " hostile cases, " + problems.size() + " problems");
        assertEquals(List.of(), problems.size() > 25 ? problems.subList(0, 25) : problems,
                problems.size() + " problems on " + server);
    }

    /** Problems with a reply that should be a JSON error: none when it is one, and a clean one. */
    private static List<String> checkJsonError(String name, Reply reply) {
        List<String> problems = new ArrayList<>();
        if (reply.status() >= 500) {
            problems.add(name + ": server error " + reply);
        }
        if (LEAK.matcher(reply.body()).find()) {
            problems.add(name + ": internal detail leaks: " + reply);
        }
        boolean json = reply.contentType().startsWith("application/json") || reply.contentType().startsWith("text/event-stream");
        if (!json || reply.message() == null) {
            problems.add(name + ": no JSON answer: " + reply);
        } else if (reply.status() < 400 && !reply.isJsonRpcError() && reply.result() == null) {
            problems.add(name + ": neither a result nor an error: " + reply);
        }
        return problems;
    }

    /** A normal request works after the case; opens a new session if the old one is gone. */
    private static String stillServing(String server, String session, String after, List<String> problems) {
        Reply list = RawMcp.request(server, session, "tools/list", null);
        if (list.status() == 404) {
            session = RawMcp.initialize(server);
            list = RawMcp.request(server, session, "tools/list", null);
        }
        if (list.result() == null || list.result().path("tools").isEmpty()) {
            problems.add("after " + after + " the server no longer serves tools/list: " + list);
        }
        return session;
    }

    /** A real tool call through to the database: a list tool if there is one, else a read of a missing id. */
    private static void normalCallSucceeds(String server, String session, List<JsonNode> tools) {
        RawMcp.ReadCall read = RawMcp.readCall(tools);
        Reply reply = RawMcp.callTool(server, session, read.tool(), read.arguments());
        assertNotNull(reply.result(), reply::toString);
        if (read.findsNothing()) {
            assertTrue(reply.isToolError() && reply.toolText().contains("does not exist"),
                    () -> server + " " + read.tool() + " should read the database and find nothing: " + reply);
        } else {
            assertFalse(reply.isToolError(), () -> server + " " + read.tool() + ": " + reply);
        }
    }

    // ---- the transport cases ----

    private static HttpRequest.Builder mcp(String server, String session) {
        HttpRequest.Builder b = RawMcp.post(server, "/mcp");
        return session == null ? b : b.header("Mcp-Session-Id", session);
    }

    private static HttpRequest body(HttpRequest.Builder b, String body) {
        return b.POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpRequest bytes(HttpRequest.Builder b, byte[] body) {
        return b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static String call(String tool, String argumentsJson) {
        return "{\"jsonrpc\":\"2.0\",\"id\":41,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + argumentsJson + "}}";
    }

    private static List<Case> transportCases(String server, Supplier<String> session, String tool, String marker) {
        String list = "{\"jsonrpc\":\"2.0\",\"id\":40,\"method\":\"tools/list\"}";
        String validCall = call(tool, "{}");
        List<Case> cases = new ArrayList<>();
        // malformed JSON-RPC
        for (String[] c : new String[][] {
            {"truncated JSON", "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":"},
            {"empty body", ""},
            {"JSON null", "null"},
            {"a number", "42"},
            {"a string", "\"tools/list\""},
            {"a batch", "[" + list + "," + list + "]"},
            {"an empty batch", "[]"},
            {"no method", "{\"jsonrpc\":\"2.0\",\"id\":3}"},
            {"method not text", "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":12}"},
            {"unknown method", "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/destroy\"}"},
            {"id an object", "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"tools/list\"}"},
            {"id an array", "{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"tools/list\"}"},
            {"params a string", "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":\"x\"}"},
            {"params an array", "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":[\"" + tool + "\"]}"},
            {"params missing", "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\"}"},
            {"params null", "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":null}"},
            {"arguments an array", call(tool, "[1,2,3]")},
            {"arguments a string", call(tool, "\"x\"")},
            {"tool name a number", "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":5}}"},
            {"unknown tool", call("no_such_tool", "{}")},
            {"SQL as the tool name", call("x'); DROP TABLE authors; --", "{}")},
            {"a response nobody asked for", "{\"jsonrpc\":\"2.0\",\"id\":99,\"result\":{}}"},
            {"an error nobody asked for", "{\"jsonrpc\":\"2.0\",\"id\":99,\"error\":{\"code\":1,\"message\":\"m\"}}"},
            {"initialize again without params", "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"initialize\"}"},
        }) {
            cases.add(new Case("malformed JSON-RPC: " + c[0], () -> body(mcp(server, session.get()), c[1])));
        }
        cases.add(new Case("malformed JSON-RPC without a session: JSON null", () -> body(mcp(server, null), "null")));
        cases.add(new Case("initialize without params", () -> body(mcp(server, null),
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\"}")));
        // oversize bodies, declared and chunked
        String oversize = call("create_author", "{\"name\":\"" + marker + "x".repeat(2_000_000) + "\"}");
        cases.add(new Case("2 MB body", () -> body(mcp(server, session.get()), oversize)));
        cases.add(new Case("2 MB chunked body", () -> mcp(server, session.get()).POST(HttpRequest.BodyPublishers
                .ofInputStream(() -> new ByteArrayInputStream(oversize.getBytes(StandardCharsets.UTF_8)))).build()));
        // deep nesting
        cases.add(new Case("10,000 nested arrays", () -> body(mcp(server, session.get()),
                call(tool, "{\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"))));
        cases.add(new Case("10,000 nested objects", () -> body(mcp(server, session.get()),
                call(tool, "{\"x\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + "}"))));
        // media types and Accept headers
        for (String type : new String[] {"text/plain", "application/xml", "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded"}) {
            cases.add(new Case("Content-Type " + type, () -> body(mcp(server, session.get()).setHeader("Content-Type", type),
                    validCall)));
        }
        cases.add(new Case("no Content-Type", () -> HttpRequest.newBuilder(URI.create(Servers.url(server) + "/mcp"))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + Servers.TOKEN).header("Mcp-Session-Id", session.get())
                .POST(HttpRequest.BodyPublishers.ofString(validCall)).build()));
        for (String accept : new String[] {"text/html", "application/json", "text/event-stream", "*/*", "image/png"}) {
            cases.add(new Case("Accept " + accept, () -> body(mcp(server, session.get()).setHeader("Accept", accept),
                    validCall)));
        }
        // sessions
        cases.add(new Case("unknown session", () -> body(mcp(server, UUID.randomUUID().toString()), validCall)));
        cases.add(new Case("8 KB session id", () -> body(mcp(server, "s".repeat(8_000)), validCall)));
        cases.add(new Case("SQL as the session id", () -> body(mcp(server, "x'); DROP TABLE authors; --"), validCall)));
        cases.add(new Case("no session", () -> body(mcp(server, null), validCall)));
        cases.add(new Case("DELETE of an unknown session", () -> HttpRequest.newBuilder(URI.create(Servers.url(server) + "/mcp"))
                .header("Authorization", "Bearer " + Servers.TOKEN).header("Mcp-Session-Id", UUID.randomUUID().toString())
                .DELETE().build()));
        cases.add(new Case("GET without a session", () -> HttpRequest.newBuilder(URI.create(Servers.url(server) + "/mcp"))
                .header("Authorization", "Bearer " + Servers.TOKEN).header("Accept", "text/event-stream").GET().build()));
        cases.add(new Case("PUT", () -> mcp(server, session.get()).PUT(HttpRequest.BodyPublishers.ofString(validCall)).build()));
        cases.add(new Case("legacy /message with an unknown session", () -> body(RawMcp.post(server,
                "/message?sessionId=" + UUID.randomUUID()), validCall)));
        cases.add(new Case("legacy /message without a session", () -> body(RawMcp.post(server, "/message"), validCall)));
        // tokens
        for (String auth : new String[] {"Bearer wrong", "Bearer ", "Basic c3lzdGVtLXRlc3QtdG9rZW4=",
            "Bearer " + "t".repeat(8_000), "bearer" + Servers.TOKEN, "Bearer " + Servers.TOKEN + "x"}) {
            cases.add(new Case("Authorization " + (auth.length() > 30 ? auth.substring(0, 30) + "..." : auth),
                    () -> body(mcp(server, session.get()).setHeader("Authorization", auth), validCall)));
        }
        cases.add(new Case("no Authorization", () -> HttpRequest.newBuilder(URI.create(Servers.url(server) + "/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Mcp-Session-Id", session.get()).POST(HttpRequest.BodyPublishers.ofString(validCall)).build()));
        // invalid UTF-8
        byte[] prefix = ("{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":{\"x\":\"").getBytes(StandardCharsets.UTF_8);
        byte[] suffix = "\"}}}".getBytes(StandardCharsets.UTF_8);
        byte[] invalid = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xED, (byte) 0xA0, (byte) 0x80};
        cases.add(new Case("invalid UTF-8 in an argument", () -> bytes(mcp(server, session.get()), concat(prefix, invalid, suffix))));
        cases.add(new Case("invalid UTF-8 in the tool name", () -> bytes(mcp(server, session.get()), concat(
                "{\"jsonrpc\":\"2.0\",\"id\":43,\"method\":\"tools/call\",\"params\":{\"name\":\"".getBytes(StandardCharsets.UTF_8),
                invalid, "\",\"arguments\":{}}}".getBytes(StandardCharsets.UTF_8)))));
        cases.add(new Case("invalid UTF-8 declared as Latin-1", () -> bytes(mcp(server, session.get())
                .setHeader("Content-Type", "application/json; charset=ISO-8859-1"), concat(prefix, invalid, suffix))));
        cases.add(new Case("an unknown charset", () -> body(mcp(server, session.get())
                .setHeader("Content-Type", "application/json; charset=x-no-such-charset"), validCall), true));
        // a huge array where no array is expected
        String huge = IntStream.range(0, HUGE).mapToObj(Integer::toString).reduce(new StringBuilder("["),
                (b, s) -> b.append(b.length() > 1 ? "," : "").append(s), StringBuilder::append).append(']').toString();
        cases.add(new Case("100,000 integers in an undeclared argument", () -> body(mcp(server, session.get()),
                call(tool, "{\"numbers\":" + huge + "}"))));
        return cases;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    // ---- the argument cases, derived from each tool's schema ----

    private static Object filler(String name, JsonNode schema) {
        if (schema.has("enum")) {
            return schema.path("enum").path(0).asString();
        }
        return switch (schema.path("type").asString("")) {
            case "integer" -> MISSING_ID;
            case "number" -> 1.5;
            case "boolean" -> true;
            case "array" -> List.of();
            case "object" -> Map.of();
            default -> name.contains("date") ? "2024-01-01" : "x";
        };
    }

    /** Wrong JSON values for a property of this schema: each must be refused as a validation error. */
    private static List<Object> wrongValues(JsonNode schema) {
        return switch (schema.path("type").asString("")) {
            case "integer" -> List.of("12", 1.5, Map.of("$gt", 0), List.of(1), true);
            case "number" -> List.of("1.5", List.of(1.5));
            case "boolean" -> List.of("true", 1);
            case "array" -> "object".equals(schema.path("items").path("type").asString(""))
                    ? List.of("x", Map.of("a", 1), List.of(1)) : List.of("x", Map.of("a", 1), List.of(Map.of("a", 1)));
            case "object" -> List.of("x", List.of(1));
            default -> List.of(123, Map.of("$ne", ""), List.of("x"), false);
        };
    }

    private static Map<String, Map<String, Object>> argumentCases(JsonNode tool, String marker) {
        JsonNode schema = tool.path("inputSchema");
        JsonNode properties = schema.path("properties");
        Map<String, Object> base = new LinkedHashMap<>();
        schema.path("required").valueStream().map(JsonNode::asString)
                .forEach(r -> base.put(r, filler(r, properties.path(r))));
        Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            String name = property.getKey();
            JsonNode p = property.getValue();
            List<Object> wrong = wrongValues(p);
            for (int i = 0; i < wrong.size(); i++) {
                cases.put("wrong type " + i + " for " + name, with(base, name, wrong.get(i)));
            }
            String type = p.path("type").asString("");
            if (type.equals("integer")) {
                cases.put("overflow of " + name, with(base, name, 4_294_967_297L));
            }
            if (type.equals("string") && !p.has("enum")) {
                cases.put("SQL in the value of " + name, with(base, name, "x'); DROP TABLE authors; -- " + marker));
                cases.put("SQL comment and quote in " + name, with(base, name, "' OR '1'='1' /* " + marker));
            }
            if (type.equals("array") && "integer".equals(p.path("items").path("type").asString(""))) {
                cases.put("100,000 integers in " + name, with(base, name,
                        IntStream.range(0, HUGE).boxed().toList()));
            }
            if (type.equals("array") && "string".equals(p.path("items").path("type").asString(""))) {
                cases.put("20,000 strings in " + name, with(base, name,
                        IntStream.range(0, 20_000).mapToObj(i -> marker + " " + i).toList()));
            }
        }
        cases.put("SQL in an argument name", with(base, "title; DROP TABLE books", "x"));
        cases.put("SQL in an argument name with a quote", with(base, "name\"); DELETE FROM authors; --", 1));
        return cases;
    }

    private static Map<String, Object> with(Map<String, Object> base, String name, Object value) {
        Map<String, Object> args = new LinkedHashMap<>(base);
        args.put(name, value);
        return args;
    }
}
