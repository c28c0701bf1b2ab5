package io.mcpwriting.domain.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.domain.testing.DomainTest;
import io.mcpwriting.mcp.resource.ResourceEntry;
import io.mcpwriting.mcp.resource.ResourcePages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * resources/list over the files the servers write: manuscript exports, table exports and backups, listed from their
 * directories by name, with their MIME types and sizes; what the templates would not read is not listed.
 */
class FileResourceListsTest extends DomainTest {

    private static final Path EXPORTS = TOOLS.files().resolve("exports");
    private static final Path BACKUPS = TOOLS.files().resolve("backups");
    private static final Path TABLE_EXPORTS = BACKUPS.resolve("exports");

    @BeforeAll
    static void directoriesOfKnownFiles() throws IOException {
        for (Path dir : List.of(EXPORTS, BACKUPS, TABLE_EXPORTS)) {
            emptied(dir); // what the tests before wrote there
        }
        write(EXPORTS, "wizard-review.md", "# A Wizard\n");
        write(EXPORTS, "wizard.epub", "PK....");
        write(EXPORTS, "Wizard.txt", "A"); // upper case sorts first
        write(EXPORTS, ".hidden.md", "not listed");
        write(EXPORTS, ".wizard_b1_e9.md.partial", "an export not yet committed");
        Files.createDirectories(EXPORTS.resolve("subdir.md"));
        write(TABLE_EXPORTS, "export-books-20250101T000000Z-aaaa.csv", "id\n1\n");
        write(TABLE_EXPORTS, "export-books-20250101T000000Z-bbbb.json", "[]");
        write(BACKUPS, "full-20250101T000000Z-aaaa.dump", "dump");
        write(BACKUPS, "full-20250101T000000Z-aaaa.dump.manifest.json", "{}");
        write(BACKUPS, "full-20250101T000000Z-aaaa.dump.sha256", "0");
        write(BACKUPS, "incremental-20250102T000000Z-bbbb.sql.gz", "gz");
        write(BACKUPS, "incremental-20250102T000000Z-bbbb.sql.gz.manifest.json", "{}");
        write(BACKUPS, "stray-without-manifest.dump", "?");
        write(BACKUPS, ".full-20250103T000000Z-cccc.dump.partial", "half");
    }

    @Test
    void manuscriptExportsAreListedByNameWithTheirTypesAndSizes() {
        assertEquals(List.of(
                file("writing://exports/Wizard.txt", "Wizard.txt", "text/plain; charset=utf-8", 1),
                file("writing://exports/wizard-review.md", "wizard-review.md", "text/markdown; charset=utf-8", 11),
                file("writing://exports/wizard.epub", "wizard.epub", "application/epub+zip", 6)),
                all("manuscript_export"));
        for (ResourcePages.Listed r : all("manuscript_export")) {
            assertEquals(r.size().longValue(), TOOLS.read(r.uri()).isText() ? TOOLS.read(r.uri()).text().length()
                    : TOOLS.read(r.uri()).blob().length, "a listed URI reads: " + r.uri());
        }
    }

    @Test
    void tableExportsAndBackupsAreTheFilesTheirTemplatesRead() {
        assertEquals(List.of(
                file("writing://admin/exports/export-books-20250101T000000Z-aaaa.csv",
                        "export-books-20250101T000000Z-aaaa.csv", "text/csv; charset=utf-8", 5),
                file("writing://admin/exports/export-books-20250101T000000Z-bbbb.json",
                        "export-books-20250101T000000Z-bbbb.json", "application/json", 2)),
                all("table_export"));
        assertEquals(List.of(
                file("writing://backups/full-20250101T000000Z-aaaa.dump", "full-20250101T000000Z-aaaa.dump",
                        "application/octet-stream", 4),
                file("writing://backups/incremental-20250102T000000Z-bbbb.sql.gz",
                        "incremental-20250102T000000Z-bbbb.sql.gz", "application/octet-stream", 2)),
                all("backup"), "backups with a manifest: not manifests, checksums, strays, partial files or directories");
        for (ResourcePages.Listed r : all("backup")) {
            assertEquals(r.size().intValue(), TOOLS.read(r.uri()).blob().length, r.uri());
        }
        for (ResourcePages.Listed r : all("table_export")) {
            assertEquals(r.mimeType(), TOOLS.read(r.uri()).mimeType(), "read as listed: " + r.uri());
        }
    }

    @Test
    void templatesOfFilesOfSeveralTypesDeclareNone() {
        // the protocol: a template's MIME type only when every resource it matches has it
        assertNull(TOOLS.resources().get("table_export").mimeType(), "CSV and JSON files");
        assertNull(TOOLS.resources().get("manuscript_export").mimeType(), "txt, md, rtf, docx, epub");
        assertEquals("application/octet-stream", TOOLS.resources().get("backup").mimeType());
    }

    @Test
    void fileListsPageByNameAcrossTheDatabaseAdminsTemplates() {
        assertEquals(List.of("wizard-review.md"), keys(TOOLS.list("manuscript_export", "Wizard.txt", 1)));
        assertEquals(List.of(), TOOLS.list("manuscript_export", "wizard.epub", 10), "after the last");
        assertEquals(List.of(), TOOLS.list("backup", "zzz", 10));
        List<String> expected = new ArrayList<>();
        all("table_export").forEach(r -> expected.add(r.uri()));
        all("backup").forEach(r -> expected.add(r.uri()));
        for (int size = 1; size <= 5; size++) {
            ResourcePages pages = TOOLS.pages(size, "table_export", "backup");
            List<String> walked = new ArrayList<>();
            String cursor = null;
            do {
                ResourcePages.Page page = pages.page(cursor);
                page.resources().forEach(r -> walked.add(r.uri()));
                cursor = page.nextCursor();
            } while (cursor != null && walked.size() <= expected.size());
            assertEquals(expected, walked, size + " a page");
        }
    }

    @Test
    void aMissingDirectoryListsNothing() throws IOException {
        Path moved = TOOLS.files().resolve("exports-away");
        Files.move(EXPORTS, moved);
        try {
            ResourcePages.Page page = TOOLS.pages(10, "manuscript_export").page(null);
            assertEquals(List.of(), page.resources());
            assertNull(page.nextCursor());
        } finally {
            Files.move(moved, EXPORTS);
        }
        assertTrue(Files.isDirectory(EXPORTS));
    }

    private static ResourcePages.Listed file(String uri, String name, String mimeType, long size) {
        return new ResourcePages.Listed(uri, name, name, null, mimeType, size); // titled by their names
    }

    private static List<ResourcePages.Listed> all(String template) {
        ResourcePages.Page page = TOOLS.pages(1000, template).page(null);
        assertNull(page.nextCursor());
        return page.resources();
    }

    private static List<String> keys(List<ResourceEntry> entries) {
        return entries.stream().map(ResourceEntry::key).toList();
    }

    private static void write(Path dir, String name, String content) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name), content);
    }

    private static void emptied(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.delete(f);
            }
        }
    }
}
