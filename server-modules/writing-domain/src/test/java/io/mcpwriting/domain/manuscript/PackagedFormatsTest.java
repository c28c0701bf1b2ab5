package io.mcpwriting.domain.manuscript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** DOCX and EPUB are ZIP packages with the parts their readers look for, and the story's text inside. */
class PackagedFormatsTest {

    private static final Manuscript BOOK = new Manuscript("The Lantern Coast", null, "Ines Marlow", "ines@example.com",
            "Tide Books", 1, List.of("mystery"), "submission", "2026-12-06", List.of(
                    new Manuscript.Chapter(1, "Landfall", "The keeper arrives.", List.of(
                            List.of("The keeper counted <eleven> lamps & sighed."), List.of("Morning came."))),
                    new Manuscript.Chapter(2, null, null, List.of())));

    private static Map<String, String> entries(byte[] zip) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Test
    void docxHoldsTheStandardManuscriptParts() throws IOException {
        byte[] docx = ExportFormat.DOCX.render(BOOK, true);
        Map<String, String> parts = entries(docx);
        assertTrue(parts.keySet().containsAll(List.of("[Content_Types].xml", "_rels/.rels", "word/document.xml",
                "word/styles.xml", "word/header1.xml", "word/_rels/document.xml.rels", "docProps/core.xml")));
        String body = parts.get("word/document.xml");
        assertTrue(body.contains("The keeper counted &lt;eleven&gt; lamps &amp; sighed."), "text escaped");
        assertTrue(body.contains(">#<"), "scene break");
        assertTrue(body.contains("Summary: The keeper arrives."), "summaries with metadata");
        assertTrue(body.contains("[Chapter 2 has no written scenes yet]"));
        assertTrue(parts.get("word/header1.xml").contains("Marlow / LANTERN / "));
        assertTrue(parts.get("word/styles.xml").contains("w:line=\"480\""), "double-spaced");
        Path out = Path.of("target", "lantern-coast.docx"); // kept for a look in a word processor
        Files.write(out, docx);
    }

    @Test
    void epubStartsWithAStoredMimetypeAndListsEveryChapter() throws IOException {
        byte[] epub = ExportFormat.EPUB.render(BOOK, false);
        assertEquals("mimetype", new String(epub, 30, 8, StandardCharsets.US_ASCII), "the first entry, stored");
        Map<String, String> parts = entries(epub);
        assertEquals("application/epub+zip", parts.get("mimetype"));
        assertTrue(parts.get("OEBPS/content.opf").contains("<dc:creator>Ines Marlow</dc:creator>"));
        assertTrue(parts.get("OEBPS/nav.xhtml").contains("Chapter 1: Landfall") && parts.get("OEBPS/nav.xhtml")
                .contains("chapter-2.xhtml"));
        assertTrue(parts.get("OEBPS/chapter-1.xhtml").contains("<p class=\"break\">* * *</p>"));
        assertTrue(!parts.get("OEBPS/chapter-1.xhtml").contains("Summary"), "no summaries without metadata");
        Files.write(Path.of("target", "lantern-coast.epub"), epub);
    }
}
