package io.mcpwriting.domain.context;

import io.mcpwriting.domain.StoredJson;
import io.mcpwriting.domain.book.BookTools;
import io.mcpwriting.domain.scene.SceneTools;
import io.mcpwriting.domain.series.SeriesTools;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.resource.Resource;
import io.mcpwriting.mcp.resource.ResourceBody;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The story as resources an assistant attaches as context: series, books, chapters (Markdown with their
 * written scenes), scenes, characters (with their details, knowledge and arcs) and a series' story bible. Each is
 * read through the same operations as the tools that return it.
 */
@ApplicationScoped
public class StoryResources {

    static final String MARKDOWN = "text/markdown; charset=utf-8";

    private static final String CHAPTER = """
            SELECT jsonb_build_object(
                'id', ch.id, 'chapter_number', ch.chapter_number, 'title', ch.title, 'summary', ch.summary,
                'status', ch.status, 'book_id', b.id, 'book_title', b.title, 'pov', pov.name,
                'scenes', coalesce((SELECT jsonb_agg(jsonb_build_object('scene_number', sc.scene_number,
                                        'title', sc.scene_title, 'summary', sc.summary, 'content', sc.scene_content,
                                        'status', sc.writing_status) ORDER BY sc.scene_number)
                                    FROM chapter_scenes sc WHERE sc.chapter_id = ch.id), '[]'::jsonb))
            FROM chapters ch JOIN books b ON b.id = ch.book_id LEFT JOIN characters pov ON pov.id = ch.pov_character_id
            WHERE ch.id = ?""";

    private static final String CHARACTER = """
            SELECT jsonb_build_object(
                'id', c.id, 'series_id', c.series_id, 'name', c.name, 'full_name', c.full_name,
                'aliases', to_jsonb(c.aliases), 'character_type', c.character_type, 'status', c.status,
                'details', coalesce((SELECT jsonb_agg(jsonb_build_object('category', d.category,
                                        'attribute', d.attribute, 'value', d.value) ORDER BY d.category, d.attribute)
                                     FROM character_details d WHERE d.character_id = c.id), '[]'::jsonb),
                'knowledge', coalesce((SELECT jsonb_agg(jsonb_build_object('category', k.knowledge_category,
                                        'item', k.knowledge_item, 'level', k.knowledge_level,
                                        'learned_book_id', k.learned_book_id, 'learned_chapter_id', k.learned_chapter_id)
                                        ORDER BY k.learned_book_id NULLS FIRST, k.learned_chapter_id NULLS FIRST, k.id)
                                       FROM character_knowledge k WHERE k.character_id = c.id), '[]'::jsonb),
                'arcs', coalesce((SELECT jsonb_agg(jsonb_build_object('book_id', b.id, 'book_number', b.book_number,
                                      'book_title', b.title, 'arc_name', a.arc_name, 'arc', a.arc_description,
                                      'starting_state', a.starting_state, 'ending_state', a.ending_state,
                                      'key_events', to_jsonb(a.key_events), 'growth_areas', to_jsonb(a.growth_areas))
                                      ORDER BY b.book_number, a.id)
                                  FROM character_arcs a JOIN books b ON b.id = a.book_id
                                  WHERE a.character_id = c.id), '[]'::jsonb))
            FROM characters c WHERE c.id = ?""";

    @Inject
    Db db;

    @Inject
    SeriesTools series;

    @Inject
    BookTools books;

    @Inject
    SceneTools scenes;

    @Inject
    StoryBible bible;

    @Resource(uri = "writing://series/{series_id}", name = "series", title = "Series",
            description = "A series: its author, genres and books (JSON, as get_series).")
    public JsonText series(@Arg(value = "series_id", required = true, description = "Series id") int seriesId) {
        return series.getSeries(seriesId);
    }

    @Resource(uri = "writing://series/{series_id}/bible", name = "series_bible", title = "Story bible",
            description = "A series' story bible in Markdown: its characters, locations, world elements, "
                    + "organizations and open plot threads.", mimeType = MARKDOWN)
    public ResourceBody seriesBible(@Arg(value = "series_id", required = true, description = "Series id") int seriesId) {
        return ResourceBody.text(MARKDOWN, bible.markdown(seriesId));
    }

    @Resource(uri = "writing://books/{book_id}", name = "book", title = "Book",
            description = "A book with its series, genres and chapters (JSON, as get_book with include_chapters).")
    public JsonText book(@Arg(value = "book_id", required = true, description = "Book id") int bookId) {
        return books.getBook(bookId, true);
    }

    @Resource(uri = "writing://chapters/{chapter_id}", name = "chapter", title = "Chapter",
            description = "A chapter in Markdown: its summary and the written text of its scenes in order.",
            mimeType = MARKDOWN)
    public ResourceBody chapter(@Arg(value = "chapter_id", required = true, description = "Chapter id") int chapterId) {
        String json = db.read(sql -> sql.text(CHAPTER, chapterId));
        if (json == null) {
            throw ToolException.notFound("chapter", chapterId);
        }
        return ResourceBody.text(MARKDOWN, ChapterMarkdown.render(StoredJson.object(json)));
    }

    @Resource(uri = "writing://scenes/{scene_id}", name = "scene", title = "Scene",
            description = "A scene with its full text, POV and characters (JSON, as get_scene with include_characters).")
    public JsonText scene(@Arg(value = "scene_id", required = true, description = "Scene id") int sceneId) {
        return scenes.getScene(sceneId, true);
    }

    @Resource(uri = "writing://characters/{character_id}", name = "character", title = "Character",
            description = "A character with the recorded details, what they know in the order they learned it, "
                    + "and their arc in each book, in book order (JSON).")
    public JsonText character(@Arg(value = "character_id", required = true, description = "Character id")
            int characterId) {
        String json = db.read(sql -> sql.text(CHARACTER, characterId));
        if (json == null) {
            throw ToolException.notFound("character", characterId);
        }
        return new JsonText(json);
    }
}
