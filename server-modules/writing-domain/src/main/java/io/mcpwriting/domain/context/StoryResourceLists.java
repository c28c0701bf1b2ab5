package io.mcpwriting.domain.context;

import io.mcpwriting.domain.StoredJson;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.resource.ResourceEntry;
import io.mcpwriting.mcp.resource.ResourceList;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * The story's records as {@code resources/list} lists them, one page at a time, for the templates of
 * {@link StoryResources} and the manuscript: series (and their bibles), books (and their manuscripts), chapters,
 * scenes and characters. Each page is one statement over the table's primary key
 * ({@code id > ? ORDER BY id LIMIT ?}), then joined to the parents by their primary keys for the page's rows only
 * (outer joins: a page never loses a row, or the listing would end early), so a page costs the same anywhere in a
 * table of thousands of scenes. Names and titles come from the rows; sizes are left out (a chapter's Markdown is
 * only known by rendering it).
 */
@ApplicationScoped
public class StoryResourceLists {

    static final String SERIES = page("SELECT id, title FROM series WHERE id > ? ORDER BY id LIMIT ?",
            "r.title", "'Series: ' || r.title");

    static final String SERIES_BIBLES = page("SELECT id, title FROM series WHERE id > ? ORDER BY id LIMIT ?",
            "r.title", "'Story bible: ' || r.title");

    static final String BOOKS = page("SELECT id, title, book_number FROM books WHERE id > ? ORDER BY id LIMIT ?",
            "r.title", "'Book ' || r.book_number || ': ' || r.title");

    static final String MANUSCRIPTS = page("SELECT id, title FROM books WHERE id > ? ORDER BY id LIMIT ?",
            "r.title", "'Manuscript: ' || r.title");

    static final String CHAPTERS = page("""
            SELECT c.id, c.chapter_number, nullif(btrim(c.title), '') AS title, b.title AS book_title
            FROM (SELECT id, book_id, chapter_number, title FROM chapters WHERE id > ? ORDER BY id LIMIT ?) c
            LEFT JOIN books b ON b.id = c.book_id""",
            "coalesce(r.title, 'Chapter ' || r.chapter_number)",
            "r.book_title || ', chapter ' || r.chapter_number || coalesce(': ' || r.title, '')");

    static final String SCENES = page("""
            SELECT s.id, s.scene_number, nullif(btrim(s.scene_title), '') AS title, c.chapter_number,
                   b.title AS book_title
            FROM (SELECT id, chapter_id, scene_number, scene_title FROM chapter_scenes WHERE id > ? ORDER BY id LIMIT ?) s
            LEFT JOIN chapters c ON c.id = s.chapter_id LEFT JOIN books b ON b.id = c.book_id""",
            "coalesce(r.title, 'Scene ' || r.scene_number)",
            "r.book_title || ', chapter ' || r.chapter_number || ', scene ' || r.scene_number"
                    + " || coalesce(': ' || r.title, '')");

    static final String CHARACTERS = page("SELECT id, name, full_name FROM characters WHERE id > ? ORDER BY id LIMIT ?",
            "r.name", "coalesce(nullif(btrim(r.full_name), ''), r.name)");

    @Inject
    Db db;

    /** The page's rows ({@code r}: an id and what the name and title are made of) as JSON, in id order. */
    private static String page(String rows, String name, String title) {
        return "SELECT coalesce(jsonb_agg(jsonb_build_object('id', r.id, 'name', " + name + ", 'title', " + title
                + ") ORDER BY r.id), '[]') FROM (" + rows + ") r";
    }

    private List<ResourceEntry> entries(String query, long afterId, int limit) {
        String json = db.read(sql -> sql.text(query, afterId, limit));
        return StoredJson.objects(json).stream().map(StoryResourceLists::entry).toList();
    }

    private static ResourceEntry entry(Map<String, Object> row) {
        return ResourceEntry.row(((Number) row.get("id")).longValue(), (String) row.get("name"), (String) row.get("title"));
    }

    @ResourceList("series")
    public List<ResourceEntry> series(long afterId, int limit) {
        return entries(SERIES, afterId, limit);
    }

    @ResourceList("series_bible")
    public List<ResourceEntry> seriesBibles(long afterId, int limit) {
        return entries(SERIES_BIBLES, afterId, limit);
    }

    @ResourceList("book")
    public List<ResourceEntry> books(long afterId, int limit) {
        return entries(BOOKS, afterId, limit);
    }

    @ResourceList("book_manuscript")
    public List<ResourceEntry> manuscripts(long afterId, int limit) {
        return entries(MANUSCRIPTS, afterId, limit);
    }

    @ResourceList("chapter")
    public List<ResourceEntry> chapters(long afterId, int limit) {
        return entries(CHAPTERS, afterId, limit);
    }

    @ResourceList("scene")
    public List<ResourceEntry> scenes(long afterId, int limit) {
        return entries(SCENES, afterId, limit);
    }

    @ResourceList("character")
    public List<ResourceEntry> characters(long afterId, int limit) {
        return entries(CHARACTERS, afterId, limit);
    }
}
