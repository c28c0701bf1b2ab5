package io.mcpwriting.domain.manuscript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.domain.testing.DomainTest;
import io.mcpwriting.domain.testing.ToolReply;
import io.mcpwriting.mcp.tool.Cancellation;
import io.mcpwriting.mcp.tool.ClientChannel;
import io.mcpwriting.mcp.tool.ErrorKind;
import io.mcpwriting.mcp.tool.ToolException;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** export_manuscript in every format: the file, its record, its resource link and the resource itself. */
class ManuscriptExportToolsTest extends DomainTest {

    private static long writtenBook() {
        long book = book();
        long one = chapter(book, 1);
        chapter(book, 2);
        ok("create_scene", "chapter_id", one, "scene_number", 1, "scene_content", "The wind rose over Gont.");
        ok("create_scene", "chapter_id", one, "scene_number", 2, "scene_content", "Cut text", "writing_status", "cut");
        return book;
    }

    @Test
    void everyFormatIsWrittenRecordedAndLinked() throws IOException {
        long book = writtenBook();
        for (String format : List.of("txt", "md", "rtf", "standard_manuscript", "docx", "epub")) {
            ToolReply reply = call("export_manuscript", "book_id", book, "export_format", format,
                    "export_purpose", "beta_review");
            JsonNode export = reply.json();
            Path file = Path.of(export.get("file_path").asText());
            assertTrue(Files.isRegularFile(file), format);
            assertEquals(Files.size(file), export.get("file_size_bytes").asLong(), format);
            assertEquals(List.of(2), List.of(export.at("/chapters_without_content/0").asInt()), format);
            assertTrue(reply.contents().stream().anyMatch(c -> c instanceof McpSchema.ResourceLink link
                    && link.uri().equals("writing://exports/" + file.getFileName())), format);
            if (format.equals("txt") || format.equals("md")) {
                String text = Files.readString(file);
                assertTrue(text.contains("The wind rose over Gont."), text);
                assertTrue(!text.contains("Cut text"), "cut scenes are left out");
            }
        }
        String name = Path.of(ok("export_manuscript", "book_id", book, "export_format", "md").get("file_path").asText())
                .getFileName().toString();
        assertTrue(TOOLS.read("writing://exports/" + name).text().contains("The wind rose over Gont."),
                "the file is the resource writing://exports/{file_name}");
        JsonNode chosen = ok("export_manuscript", "book_id", book, "chapters_to_include", List.of(1));
        assertEquals("selected_chapters", chosen.get("export_type").asText());
        assertEquals(8L, DB.number("SELECT count(*) FROM manuscript_exports WHERE book_id = ?", book));
        JsonNode exports = ok("word_count_tracking", "book_id", book, "include_exports", true).get("exports");
        assertEquals(8, exports.size(), "word_count_tracking lists the book's exports: " + exports);
        assertEquals(chosen.get("export_id").asLong(), exports.at("/0/export_id").asLong(), "newest first");
        assertEquals(chosen.get("filename").asText(), exports.at("/0/filename").asText());
        assertEquals("writing://exports/" + chosen.get("filename").asText(), exports.at("/0/uri").asText());
        assertEquals(chosen.get("file_size_bytes").asLong(), exports.at("/0/file_size_bytes").asLong());
        assertEquals("txt", exports.at("/0/export_format").asText());
        assertTrue(exports.at("/0/export_date").isTextual(), exports.toString());
        assertTrue(ok("word_count_tracking", "book_id", book).get("exports") == null, "exports only when asked");
    }

    @Test
    void errorsNameTheArgumentOrTheMissingRow() {
        long book = writtenBook();
        notFound(MISSING, "export_manuscript", "book_id", MISSING);
        invalid("chapters_to_include", "export_manuscript", "book_id", book, "chapters_to_include", List.of(9));
        invalid("chapters_to_include", "export_manuscript", "book_id", book, "chapters_to_include", List.of());
        invalid("export_format", "export_manuscript", "book_id", book, "export_format", "pdf");
        invalid("book_id", "export_manuscript", "book_id", book());
        invalid("include_exports", "word_count_tracking", "book_id", book, "include_exports", 1);
        notFound(MISSING, "word_count_tracking", "book_id", MISSING, "include_exports", true);
        ToolException missing = assertThrows(ToolException.class, () -> TOOLS.read("writing://exports/none.txt"));
        assertEquals(ErrorKind.NOT_FOUND, missing.kind());
        ToolException outside = assertThrows(ToolException.class, () -> TOOLS.read("writing://exports/..%2Fx.txt"));
        assertEquals(ErrorKind.VALIDATION, outside.kind());
        assertTrue(outside.getMessage().contains("file_name"), outside.getMessage());
    }

    @Test
    void aCancelledExportLeavesNoFileAndNoRecord() throws IOException {
        long book = writtenBook();
        Path exports = TOOLS.files().resolve("exports");
        Files.createDirectories(exports);
        List<String> before = names(exports);
        Cancellation cancellation = new Cancellation();
        ToolReply reply;
        try (Cancellation.Registration bound = Cancellation.bind(cancellation)) {
            // the client cancels as the file is written, before the export's last UPDATE and its commit
            reply = ClientChannel.during(cancellingAt("writing", cancellation),
                    () -> call("export_manuscript", "book_id", book, "export_format", "md"));
        }
        assertEquals("cancelled", reply.errorType(), reply::text);
        assertEquals(before, names(exports), "no export file is left, partial or whole");
        assertEquals(0L, DB.number("SELECT count(*) FROM manuscript_exports WHERE book_id = ?", book));
    }

    /** A client that cancels the call when a progress message starts with {@code step}. */
    private static ClientChannel cancellingAt(String step, Cancellation cancellation) {
        return new ClientChannel.Silent() {
            @Override
            public void progress(double done, Double total, String message) {
                if (message.startsWith(step)) {
                    cancellation.cancel();
                }
            }
        };
    }

    /** Every name in the directory, dot-files included. */
    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
