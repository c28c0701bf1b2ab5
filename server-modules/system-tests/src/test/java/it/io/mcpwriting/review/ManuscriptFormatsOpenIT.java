package it.io.mcpwriting.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.mcpwriting.support.McpSession;
import it.io.mcpwriting.support.TestDb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The manuscript formats open in the tools people use: LibreOffice (headless) reads the RTF, the standard
 * manuscript and the DOCX and prints each to PDF, whose text (pdftotext) holds the story; the EPUB passes
 * epubcheck, the EPUB validator. scripts/bootstrap.sh installs all three.
 */
class ManuscriptFormatsOpenIT {

    private static McpSession review;

    @BeforeAll
    static void connect() {
        review = McpSession.open("review");
    }

    @AfterAll
    static void disconnect() {
        review.close();
    }

    private static long book() {
        long author = TestDb.insertReturningId("INSERT INTO authors (name, email) VALUES ('Ines Marlow', ?) RETURNING id",
                TestDb.unique("ines").replace(' ', '-') + "@example.com");
        long series = TestDb.insertReturningId("INSERT INTO series (author_id, title) VALUES (?, ?) RETURNING id",
                author, TestDb.unique("Tide Books"));
        long book = TestDb.newStoryBook(series, 1, "The Lantern Coast");
        long first = TestDb.newStoryChapter(book, 1, "Landfall", null);
        long second = TestDb.newStoryChapter(book, 2, "Ashore", null);
        TestDb.newWrittenScene(first, 1, "The keeper counted eleven lamps along the quay.\n\nNone of them were lit.",
                null, null);
        TestDb.newWrittenScene(first, 2, "By morning the fog had lifted from the naïve town.", null, null);
        TestDb.newWrittenScene(second, 1, "She climbed the seawall & did not look back.", null, null);
        return book;
    }

    private static Path export(long book, String format) {
        return Path.of((String) review.call("export_manuscript", "book_id", book, "export_format", format).ok()
                .get("file_path"));
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
        return out;
    }

    @Test
    void libreOfficeReadsTheRtfTheStandardManuscriptAndTheDocx() throws Exception {
        long book = book();
        Map<String, Path> files = new LinkedHashMap<>();
        for (String format : List.of("rtf", "standard_manuscript", "docx")) {
            files.put(format, export(book, format));
        }
        Path work = Files.createTempDirectory("manuscript-formats");
        List<String> command = new ArrayList<>(List.of("soffice", "-env:UserInstallation=file://" + work.resolve("profile"),
                "--headless", "--convert-to", "pdf", "--outdir", work.toString()));
        files.values().forEach(f -> command.add(f.toString()));
        run(work, command.toArray(String[]::new));
        for (Map.Entry<String, Path> e : files.entrySet()) {
            String name = e.getValue().getFileName().toString();
            Path pdf = work.resolve(name.substring(0, name.lastIndexOf('.')) + ".pdf");
            assertTrue(Files.size(pdf) > 1000, e.getKey() + ": LibreOffice printed it to PDF");
            String text = run(work, "pdftotext", "-layout", pdf.toString(), "-").replaceAll("\\s+", " ");
            assertTrue(text.contains("The keeper counted eleven lamps along the quay."), e.getKey() + ": " + text);
            assertTrue(text.contains("naïve town") && text.contains("seawall & did not"), e.getKey() + ": " + text);
            assertTrue(text.contains("Landfall") && text.contains("Ashore"), e.getKey() + ": chapter titles");
            Files.delete(e.getValue());
        }
        String docx = run(work, "pdftotext", work.resolve(files.get("docx").getFileName().toString()
                .replace(".docx", ".pdf")).toString(), "-");
        assertTrue(docx.contains("Marlow / LANTERN /"), "the DOCX's running header: " + docx);
        assertTrue(docx.contains("END"));
    }

    @Test
    void theEpubPassesTheEpubValidator() throws Exception {
        Path epub = export(book(), "epub");
        // Debian's epubcheck is the validator's jar itself (run through binfmt where the host has it): run it with java
        String report = run(epub.getParent(), "java", "-jar", "/usr/bin/epubcheck", epub.toString());
        assertTrue(report.contains("No errors or warnings detected"), report);
        Files.delete(epub);
    }
}
