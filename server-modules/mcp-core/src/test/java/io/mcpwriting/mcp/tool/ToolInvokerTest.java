package io.mcpwriting.mcp.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.mcp.observe.CallObserver;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson3.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** A call is validated before any work, and every failure becomes an isError result a model can act on. */
class ToolInvokerTest {

    enum Status { PLANNED, DRAFT }

    public static class Books {
        int calls;

        @Tool(name = "get_book", description = "d", readOnly = true)
        public Object get(@Arg(value = "book_id", required = true) int bookId,
                @Arg(value = "status") Status status) {
            calls++;
            if (bookId == 404) {
                throw ToolException.notFound("book", bookId);
            }
            if (bookId == 500) {
                throw new IllegalStateException("org.postgresql.util.PSQLException: secret internals");
            }
            if (bookId == 7) {
                return new JsonText("{\"text\": \"" + "x".repeat(2_000) + "\"}");
            }
            return bookId == 1 ? new JsonText("{\"id\": 1}") : Map.of("id", bookId);
        }
    }

    public static class Reports {
        int calls;

        @Tool(name = "report", description = "d", readOnly = true, exactlyOneOf = {"series_id", "book_id", "book_name"})
        public Object report(@Arg(value = "series_id") Integer seriesId, @Arg(value = "book_id") Integer bookId,
                @Arg(value = "book_name") String bookName) {
            calls++;
            return Map.of("ok", true);
        }
    }

    private final List<String> observed = new ArrayList<>();
    private final CallObserver observer = (tool, nanos, failure, message) ->
            observed.add(tool + ":" + (failure == null ? "ok" : failure.type()));
    private final JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(JsonMapper.builder().build());
    private final ToolInvoker invoker = new ToolInvoker(json, new DefaultJsonSchemaValidator(), observer);
    private final Books books = new Books();
    private final ToolDefinition def;

    ToolInvokerTest() throws NoSuchMethodException {
        def = ToolDefinition.of(books, Books.class.getMethod("get", int.class, Status.class));
    }

    private McpSchema.CallToolResult call(Map<String, Object> args) {
        return invoker.call(def, new McpSchema.CallToolRequest("get_book", args));
    }

    private static String text(McpSchema.CallToolResult r) {
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }

    @Test
    void successCarriesJsonTextAndStructuredContent() throws Exception {
        McpSchema.CallToolResult r = call(Map.of("book_id", 1));
        assertFalse(r.isError());
        assertEquals("{\"id\": 1}", text(r));
        assertEquals("{\"id\": 1}", json.writeValueAsString(r.structuredContent()));
        assertEquals(List.of("get_book:ok"), observed);
    }

    @Test
    void anObjectResultIsSerializedOnceForTextAndStructuredContent() throws Exception {
        McpSchema.CallToolResult r = call(Map.of("book_id", 2));
        assertFalse(r.isError());
        assertEquals("{\"id\":2}", text(r));
        assertEquals(text(r), json.writeValueAsString(r.structuredContent()));
        String message = json.writeValueAsString(r);
        assertTrue(message.contains("\"structuredContent\":{\"id\":2}"), message);
    }

    @Test
    void missingExtraAndMistypedArgumentsAreNamedAndNothingRuns() {
        McpSchema.CallToolResult missing = call(Map.of());
        assertTrue(missing.isError());
        assertTrue(text(missing).contains("book_id"), text(missing));
        McpSchema.CallToolResult extra = call(Map.of("book_id", 2, "sneaky; DROP TABLE books", 1));
        assertTrue(text(extra).contains("sneaky; DROP TABLE books"), text(extra));
        McpSchema.CallToolResult typed = call(Map.of("book_id", "two"));
        assertTrue(text(typed).contains("book_id") && text(typed).contains("integer"), text(typed));
        McpSchema.CallToolResult badEnum = call(Map.of("book_id", 2, "status", "done"));
        assertTrue(text(badEnum).contains("status"), text(badEnum));
        assertEquals(0, books.calls, "validation happens before any work");
        assertEquals(List.of("get_book:validation", "get_book:validation", "get_book:validation",
                "get_book:validation"), observed);
    }

    @Test
    void exactlyOneOfNamesTheArgumentsWantedAndGivenInsteadOfCountingSchemas() throws Exception {
        Reports reports = new Reports();
        ToolDefinition report = ToolDefinition.of(reports, Reports.class.getMethod("report", Integer.class,
                Integer.class, String.class));
        java.util.function.Function<Map<String, Object>, McpSchema.CallToolResult> call = args ->
                invoker.call(report, new McpSchema.CallToolRequest("report", args));
        String two = text(call.apply(Map.of("book_id", 1, "series_id", 2)));
        assertEquals("Invalid arguments for report: give exactly one of series_id, book_id, book_name; "
                + "got series_id and book_id", two);
        String three = text(call.apply(Map.of("book_id", 1, "series_id", 2, "book_name", "x")));
        assertTrue(three.endsWith("; got series_id, book_id and book_name"), three);
        String none = text(call.apply(Map.of()));
        assertTrue(none.endsWith("give exactly one of series_id, book_id, book_name; got none"), none);
        assertEquals(0, reports.calls, "nothing runs");
        assertFalse(call.apply(Map.of("book_name", "x")).isError());
        String mistyped = text(call.apply(Map.of("book_id", "x")));
        assertTrue(mistyped.contains("book_id") && mistyped.contains("integer"), mistyped);
    }

    @Test
    void integersBeyondTheJavaRangeAreRefusedInsteadOfWrappingRound() {
        for (Object huge : new Object[] {4294967297L, new java.math.BigInteger("99999999999999999999"), -2147483649L}) {
            McpSchema.CallToolResult r = call(Map.of("book_id", huge));
            assertTrue(r.isError(), huge::toString);
            assertTrue(text(r).contains("'book_id'") && text(r).contains("between"), text(r));
        }
        assertEquals(0, books.calls, "4294967297 must not become book 1");
        assertFalse(call(Map.of("book_id", 2147483647)).isError());
    }

    @Test
    void aResultOverTheSizeLimitIsRefusedWithAHintToNarrowTheCall() {
        ToolInvoker small = new ToolInvoker(new JacksonMcpJsonMapper(JsonMapper.builder().build()),
                new DefaultJsonSchemaValidator(), observer, 1_024);
        McpSchema.CallToolResult r = small.call(def, new McpSchema.CallToolRequest("get_book", Map.of("book_id", 7)));
        assertTrue(r.isError());
        assertTrue(text(r).contains("too large") && text(r).contains("book_id, status"), text(r));
        assertEquals("result_too_large", ((Map<?, ?>) r.structuredContent()).get("error_type"));
        assertFalse(call(Map.of("book_id", 7)).isError(), "the default limit is far above 2 KB");
    }

    @Test
    void theLimitIsInBytesOfUtf8NotInCharacters() {
        assertEquals(6, ToolInvoker.utf8Length("abcdef"));
        assertEquals(2 + 3 + 4, ToolInvoker.utf8Length("\u00e9\u4e2d\ud83d\ude00"), "é, 中 and an emoji");
        assertEquals(3, ToolInvoker.utf8Length("\ud800"), "a lone surrogate is written as three bytes");
    }

    @Test
    void textWithANulCharacterIsRefusedNamingTheArgument() {
        ToolException e = org.junit.jupiter.api.Assertions.assertThrows(ToolException.class,
                () -> ArgumentBinder.checkText("a\u0000b", "title"));
        assertEquals(ErrorKind.VALIDATION, e.kind());
        assertTrue(e.getMessage().contains("'title'"), e.getMessage());
        assertEquals("ab", ArgumentBinder.convert("ab", String.class, "title"));
    }

    @Test
    void toolExceptionsKeepTheirMessageAndKind() {
        McpSchema.CallToolResult r = call(Map.of("book_id", 404));
        assertTrue(r.isError());
        assertEquals("book 404 does not exist", text(r));
        assertEquals("not_found", ((Map<?, ?>) r.structuredContent()).get("error_type"));
    }

    @Test
    void unexpectedFailuresHideTheirDetailBehindAReference() {
        McpSchema.CallToolResult r = call(Map.of("book_id", 500));
        assertTrue(r.isError());
        assertFalse(text(r).contains("PSQLException"), text(r));
        assertFalse(text(r).contains("secret"), text(r));
        assertTrue(text(r).contains("reference"), text(r));
        assertEquals(List.of("get_book:internal"), observed);
    }

    @Test
    void toolAnnotationsAreDerivedFromTheDeclaration() {
        McpSchema.ToolAnnotations hints = def.tool().annotations();
        assertTrue(hints.readOnlyHint());
        assertFalse(hints.destructiveHint());
        assertTrue(hints.idempotentHint());
        assertNull(hints.title());
    }
}
