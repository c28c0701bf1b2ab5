package io.mcpwriting.domain.manuscript;

import io.mcpwriting.mcp.resource.FileResources;
import io.mcpwriting.domain.StoredJson;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.resource.WithFiles;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.ClientChannel;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes a book's manuscript to a file, from its chapters and the written content of their scenes, and
 * records the export. Files go to MicroProfile Config {@code mcp.export.dir} (env {@code MCP_EXPORT_DIR}),
 * by default {@code ${java.io.tmpdir}/mcp-exports}.
 */
@ApplicationScoped
public class ManuscriptExportTools {

    /** The book, its series and author, and the selected chapters with the text of their scenes in order. */
    static final String CONTENT = """
            SELECT jsonb_build_object(
                'book', jsonb_build_object('id', b.id, 'title', b.title, 'subtitle', b.subtitle,
                                           'book_number', b.book_number),
                'series_title', s.title, 'author', a.name, 'author_email', a.email,
                'genres', coalesce((SELECT jsonb_agg(g.genre_name ORDER BY g.genre_name)
                                    FROM book_genres bg JOIN genres g ON g.id = bg.genre_id WHERE bg.book_id = b.id),
                                   '[]'::jsonb),
                'chapters', coalesce((
                    SELECT jsonb_agg(jsonb_build_object(
                               'id', ch.id, 'chapter_number', ch.chapter_number, 'title', ch.title, 'summary', ch.summary,
                               'scenes', coalesce((SELECT jsonb_agg(sc.scene_content ORDER BY sc.scene_number)
                                                   FROM chapter_scenes sc
                                                   WHERE sc.chapter_id = ch.id AND coalesce(sc.writing_status, '') <> 'cut'
                                                     AND nullif(btrim(sc.scene_content), '') IS NOT NULL), '[]'::jsonb))
                               ORDER BY ch.chapter_number)
                    FROM chapters ch
                    WHERE ch.book_id = b.id AND (?::int[] IS NULL OR ch.chapter_number = ANY (?::int[]))), '[]'::jsonb),
                'unknown_chapter_numbers', (SELECT string_agg(w.n::text, ', ' ORDER BY w.n)
                                            FROM unnest(?::int[]) AS w(n)
                                            WHERE NOT EXISTS (SELECT 1 FROM chapters ch WHERE ch.book_id = b.id
                                                              AND ch.chapter_number = w.n)))
            FROM books b JOIN series s ON s.id = b.series_id JOIN authors a ON a.id = s.author_id
            WHERE b.id = ?""";

    @Inject
    Db db;

    @Inject
    @ConfigProperty(name = "mcp.export.dir")
    Optional<String> exportDir;

    @Tool(name = "export_manuscript", description = "Export a book's manuscript to a file built from its chapters "
            + "(in chapter order) and the written content of their scenes (scenes marked cut are left out; scene "
            + "breaks between scenes). Formats: txt (plain UTF-8), md (Markdown, metadata as YAML front matter), rtf "
            + "(book layout), standard_manuscript (submission format as RTF: Courier 12 pt, double-spaced, running "
            + "header, rounded word count), docx (the standard manuscript as a Word document) and epub (EPUB 3 e-book). "
            + "include_metadata adds each chapter's summary under its heading. Records the export and returns the file path, file size in bytes, word "
            + "count, estimated manuscript pages (250 words each) and any chapters that have no written scenes yet; "
            + "the file itself as a resource link (writing://exports/{file_name}, read with resources/read), embedded "
            + "when small.")
    public WithFiles exportManuscript(
            @Arg(value = "book_id", required = true, description = "Book to export") int bookId,
            @Arg(value = "export_format", defaultValue = "txt", description = "File format") ExportFormat exportFormat,
            @Arg(value = "include_metadata", defaultValue = "true", description = "Add series, author, genres, word "
                    + "count and export date to the front matter") boolean includeMetadata,
            @Arg(value = "chapters_to_include", description = "Chapter numbers (within the book) to export; all "
                    + "chapters when omitted") List<Integer> chaptersToInclude,
            @Arg(value = "export_purpose", defaultValue = "backup", description = "What the export is for")
            ExportPurpose exportPurpose) {
        if (chaptersToInclude != null) {
            if (chaptersToInclude.isEmpty()) {
                throw ToolException.invalid("chapters_to_include", "must not be empty; omit it to export every chapter");
            }
            if (chaptersToInclude.stream().anyMatch(n -> n == null || n < 1)) {
                throw ToolException.invalid("chapters_to_include", "chapter numbers start at 1");
            }
        }
        String purpose = exportPurpose.name().toLowerCase(Locale.ROOT);
        ClientChannel client = ClientChannel.current();
        client.progress(0, 3.0, "reading the manuscript");
        Path[] written = new Path[1];
        String[] placeholderWarning = new String[1];
        JsonText result = committed(written, () -> new JsonText(db.write(sql -> {
            String content = sql.text(CONTENT, chaptersToInclude, chaptersToInclude, chaptersToInclude, bookId);
            if (content == null) {
                throw ToolException.notFound("book", bookId);
            }
            Map<String, Object> data = StoredJson.object(content);
            if (data.get("unknown_chapter_numbers") != null) {
                throw ToolException.invalid("chapters_to_include", "book " + bookId + " has no chapter number(s) "
                        + data.get("unknown_chapter_numbers"));
            }
            Manuscript manuscript = Manuscript.from(data, purpose, LocalDate.now().toString());
            if (manuscript.chapters().isEmpty()) {
                throw ToolException.invalid("book_id", "book " + bookId + " has no chapters to export; "
                        + "create chapters and scenes first");
            }
            client.progress(1, 3.0, "rendering " + manuscript.chapters().size() + " chapters as " + exportFormat.extension);
            byte[] bytes = exportFormat.render(manuscript, includeMetadata);
            List<Integer> numbers = new ArrayList<>();
            List<Integer> unwritten = new ArrayList<>();
            for (Manuscript.Chapter chapter : manuscript.chapters()) {
                numbers.add(chapter.number());
                if (!chapter.hasContent()) {
                    unwritten.add(chapter.number());
                }
            }
            String warning = unwritten.isEmpty() ? null
                    : "chapter(s) " + unwritten.toString().replaceAll("[\\[\\]]", "") + " have no written scenes; "
                    + "the export shows a placeholder for each";
            long exportId = sql.number("""
                    INSERT INTO manuscript_exports (book_id, export_format, export_type, chapters_included,
                                                    total_word_count, total_pages, include_metadata, formatting_template,
                                                    intended_use, export_notes, file_size)
                    VALUES (?, ?, ?, ?::int[], ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                    bookId, exportFormat, chaptersToInclude == null ? "full" : "selected_chapters", numbers,
                    manuscript.wordCount(), manuscript.estimatedPages(), includeMetadata, exportFormat.template,
                    purpose, warning, bytes.length);
            client.progress(2, 3.0, "writing " + bytes.length + " bytes");
            Path file = ExportFiles.directory(exportDir).resolve(fileName(manuscript.title(), bookId, exportFormat,
                    exportId)).toAbsolutePath();
            written[0] = file;
            writePartial(file, bytes);
            placeholderWarning[0] = warning;
            return sql.text("""
                    UPDATE manuscript_exports SET filename = ?, file_path = ? WHERE id = ?
                    RETURNING jsonb_build_object(
                        'export_id', id, 'book_id', book_id, 'book_title', ?::text, 'export_format', export_format,
                        'export_purpose', intended_use, 'export_type', export_type, 'include_metadata', include_metadata,
                        'file_path', file_path, 'filename', filename, 'file_size_bytes', file_size,
                        'total_word_count', total_word_count, 'estimated_pages', total_pages,
                        'chapters_included', to_jsonb(chapters_included), 'chapter_count', cardinality(chapters_included),
                        'scene_count', ?::int, 'chapters_without_content', ?::jsonb, 'warning', export_notes,
                        'export_date', export_date)""",
                    file.getFileName().toString(), file.toString(), exportId, manuscript.title(),
                    manuscript.sceneCount(), StoredJson.write(unwritten));
        })));
        client.progress(3, 3.0, "exported");
        if (placeholderWarning[0] != null) {
            client.log("warning", "export_manuscript: " + placeholderWarning[0]);
        }
        return WithFiles.of(result, FileResources.link(ExportFiles.URI_PREFIX, written[0], "Manuscript export"));
    }

    /**
     * Runs the export's transaction, then moves the file it wrote into {@code file[0]}: only a committed export
     * becomes a file of the exports folder (a writing://exports/ resource). Cancelled, or failed in its UPDATE or
     * commit, the export's row rolled back and its partial file is deleted.
     */
    private static JsonText committed(Path[] file, Supplier<JsonText> transaction) {
        try {
            JsonText result = transaction.get();
            Files.move(partial(file[0]), file[0], StandardCopyOption.ATOMIC_MOVE);
            return result;
        } catch (IOException e) {
            deletePartial(file[0]);
            throw new UncheckedIOException("cannot move the export into place in " + file[0].getParent(), e);
        } catch (RuntimeException e) {
            deletePartial(file[0]);
            throw e;
        }
    }

    /** Writes the export beside its final name, as a dot-file the exports listing leaves out. */
    private static void writePartial(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(partial(file), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export to " + file.getParent(), e);
        }
    }

    private static Path partial(Path file) {
        return file.resolveSibling("." + file.getFileName() + ".partial");
    }

    private static void deletePartial(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(partial(file));
        } catch (IOException e) {
            // a dot-file that is never listed nor read as a resource; nothing else writes that name again
        }
    }

    /** e.g. {@code the-left-hand-of-darkness_b12_e34.rtf}; standard manuscripts end in {@code _manuscript.rtf}. */
    static String fileName(String title, int bookId, ExportFormat format, long exportId) {
        String slug = Normalizer.normalize(title, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60).replaceAll("-+$", "");
        }
        if (slug.isEmpty()) {
            slug = "book";
        }
        String suffix = format == ExportFormat.STANDARD_MANUSCRIPT ? "_manuscript" : "";
        return slug + "_b" + bookId + "_e" + exportId + suffix + "." + format.extension;
    }
}
