package io.mcpwriting.domain.chapter;

import io.mcpwriting.domain.Checks;
import io.mcpwriting.mcp.db.Changes;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.db.Sql;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;

/** Chapters of a book: numbering, status, point of view, story time, word counts. */
@ApplicationScoped
public class ChapterTools {

    /** A chapter row with its book and point-of-view character (alias {@code c}). */
    public static final String CHAPTER_JSON = """
            to_jsonb(c) || jsonb_build_object(
                'book_title', b.title, 'book_number', b.book_number, 'series_id', b.series_id,
                'pov_character_name', (SELECT ch.name FROM characters ch WHERE ch.id = c.pov_character_id))""";

    private static final String SCENES_JSON = """
            jsonb_build_object('scenes', coalesce((
                SELECT jsonb_agg(jsonb_build_object('id', s.id, 'scene_number', s.scene_number, 'scene_title', s.scene_title,
                                 'scene_type', s.scene_type, 'location', s.location, 'summary', s.summary,
                                 'word_count', s.word_count, 'writing_status', s.writing_status,
                                 'pov_character_id', s.pov_character_id) ORDER BY s.scene_number)
                FROM chapter_scenes s WHERE s.chapter_id = c.id), '[]'::jsonb))""";

    private static final String CHARACTERS_JSON = """
            jsonb_build_object('characters', coalesce((
                SELECT jsonb_agg(jsonb_build_object('character_id', ch.id, 'name', ch.name,
                                 'presence_type', p.presence_type, 'importance_level', p.importance_level,
                                 'physical_state', p.physical_state, 'emotional_state', p.emotional_state,
                                 'enters_at_scene', p.enters_at_scene, 'exits_at_scene', p.exits_at_scene,
                                 'is_pov', ch.id IS NOT DISTINCT FROM c.pov_character_id)
                                 ORDER BY ch.id IS DISTINCT FROM c.pov_character_id, ch.name)
                FROM character_chapter_presence p JOIN characters ch ON ch.id = p.character_id
                WHERE p.chapter_id = c.id), '[]'::jsonb))""";

    private static final String CHANGEABLE = "title, subtitle, summary, word_count, target_word_count, status, "
            + "pov_character_id, primary_location, story_time_start, story_time_end, story_duration, author_notes, "
            + "writing_notes";

    @Inject
    Db db;

    @Tool(name = "book_create_chapter", description = "Create a chapter in a book. Chapter numbers are unique within "
            + "a book: creating a number that exists fails naming the existing chapter (use book_update_chapter). "
            + "status is a writing status: planned, draft, revision, final or cut.")
    public JsonText createChapter(
            @Arg(value = "book_id", required = true, description = "Book the chapter belongs to") int bookId,
            @Arg(value = "chapter_number", required = true, description = "Position in the book, from 1") int chapterNumber,
            @Arg(value = "title", description = "Chapter title") String title,
            @Arg(value = "subtitle", description = "Chapter subtitle") String subtitle,
            @Arg(value = "summary", description = "What happens in the chapter") String summary,
            @Arg(value = "target_word_count", description = "Planned length in words") Integer targetWordCount,
            @Arg(value = "status", defaultValue = "planned", description = "Writing status: planned, draft, revision, "
                    + "final or cut") String status,
            @Arg(value = "pov_character_id", description = "Point-of-view character (a character of the book's series)")
            Integer povCharacterId,
            @Arg(value = "primary_location", description = "Main place where the chapter is set, free text")
            String primaryLocation,
            @Arg(value = "story_time_start", description = "When the chapter starts, in story time (free text)")
            String storyTimeStart,
            @Arg(value = "story_time_end", description = "When the chapter ends, in story time (free text)")
            String storyTimeEnd,
            @Arg(value = "story_duration", description = "How much story time passes, e.g. '3 hours'") String storyDuration,
            @Arg(value = "author_notes", description = "Notes for the author") String authorNotes) {
        Checks.atLeast("chapter_number", chapterNumber, 1);
        Checks.atLeast("target_word_count", targetWordCount, 0);
        if (title != null) {
            Checks.notBlank("title", title);
        }
        return new JsonText(db.write(sql -> {
            long seriesId = ChapterRefs.seriesOfBook(sql, bookId);
            String statusName = writingStatus(sql, status);
            if (povCharacterId != null) {
                ChapterRefs.requireInSeries(sql, "characters", "character", "pov_character_id", povCharacterId, seriesId);
            }
            String existing = sql.text("SELECT id || coalesce(' (''' || title || ''')', '') FROM chapters "
                    + "WHERE book_id = ? AND chapter_number = ?", bookId, chapterNumber);
            if (existing != null) {
                throw ToolException.conflict("Book " + bookId + " already has chapter number " + chapterNumber
                        + ": chapter " + existing + "; use book_update_chapter to change it.");
            }
            long id = sql.number("""
                    INSERT INTO chapters (book_id, chapter_number, title, subtitle, summary, target_word_count, status,
                                          pov_character_id, primary_location, story_time_start, story_time_end,
                                          story_duration, author_notes)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                    bookId, chapterNumber, title == null ? null : title.strip(), subtitle, summary, targetWordCount,
                    statusName, povCharacterId, primaryLocation, storyTimeStart, storyTimeEnd, storyDuration, authorNotes);
            return chapter(sql, id, false, false);
        }));
    }

    @Tool(name = "book_update_chapter", description = "Change a chapter; only the fields given change. status is a "
            + "writing status: planned, draft, revision, final or cut.", idempotent = true)
    public JsonText updateChapter(
            @Arg(value = "chapter_id", required = true, description = "Chapter to change") int chapterId,
            @Arg(value = "title", description = "New title") String title,
            @Arg(value = "subtitle", description = "New subtitle") String subtitle,
            @Arg(value = "summary", description = "What happens in the chapter") String summary,
            @Arg(value = "word_count", description = "Words written so far") Integer wordCount,
            @Arg(value = "target_word_count", description = "Planned length in words") Integer targetWordCount,
            @Arg(value = "status", description = "Writing status: planned, draft, revision, final or cut") String status,
            @Arg(value = "pov_character_id", description = "Point-of-view character (a character of the book's series)")
            Integer povCharacterId,
            @Arg(value = "primary_location", description = "Main place where the chapter is set, free text")
            String primaryLocation,
            @Arg(value = "story_time_start", description = "When the chapter starts, in story time (free text)")
            String storyTimeStart,
            @Arg(value = "story_time_end", description = "When the chapter ends, in story time (free text)")
            String storyTimeEnd,
            @Arg(value = "story_duration", description = "How much story time passes, e.g. '3 hours'") String storyDuration,
            @Arg(value = "author_notes", description = "Notes for the author") String authorNotes,
            @Arg(value = "writing_notes", description = "Notes on the writing itself (style, pacing, to-dos)")
            String writingNotes) {
        if (title != null) {
            Checks.notBlank("title", title);
        }
        Checks.atLeast("word_count", wordCount, 0);
        Checks.atLeast("target_word_count", targetWordCount, 0);
        Changes changes = new Changes().set("title", title == null ? null : title.strip()).set("subtitle", subtitle)
                .set("summary", summary).set("word_count", wordCount).set("target_word_count", targetWordCount)
                .set("pov_character_id", povCharacterId).set("primary_location", primaryLocation)
                .set("story_time_start", storyTimeStart).set("story_time_end", storyTimeEnd)
                .set("story_duration", storyDuration).set("author_notes", authorNotes).set("writing_notes", writingNotes);
        if (status == null) {
            changes.requireAny(CHANGEABLE);
        }
        return new JsonText(db.write(sql -> {
            ChapterRefs.Place place = ChapterRefs.chapter(sql, chapterId);
            changes.set("status", writingStatus(sql, status));
            if (povCharacterId != null) {
                ChapterRefs.requireInSeries(sql, "characters", "character", "pov_character_id", povCharacterId,
                        place.seriesId());
            }
            changes.applyTo(sql, "chapters", chapterId);
            return chapter(sql, chapterId, false, false);
        }));
    }

    @Tool(name = "book_get_chapter", description = "Get one chapter with its book and point-of-view character; "
            + "optionally its scenes (in order) and the characters present in it.", readOnly = true)
    public JsonText getChapter(
            @Arg(value = "chapter_id", required = true, description = "Chapter id") int chapterId,
            @Arg(value = "include_scenes", defaultValue = "false", description = "Also list the chapter's scenes")
            boolean includeScenes,
            @Arg(value = "include_characters", defaultValue = "false",
                    description = "Also list the characters tracked as present or mentioned in the chapter")
            boolean includeCharacters) {
        String json = db.read(sql -> chapter(sql, chapterId, includeScenes, includeCharacters));
        if (json == null) {
            throw ToolException.notFound("chapter", chapterId);
        }
        return new JsonText(json);
    }

    @Tool(name = "book_list_chapters", description = "List a book's chapters in order, optionally only one status. "
            + "With include_stats: per-chapter scene, word and character counts, and book totals (words written "
            + "against target, chapters by status, gaps in the chapter numbering).", readOnly = true)
    public JsonText listChapters(
            @Arg(value = "book_id", required = true, description = "Book id") int bookId,
            @Arg(value = "status", description = "Only chapters with this writing status") String status,
            @Arg(value = "include_stats", defaultValue = "false", description = "Add counts per chapter and book totals")
            boolean includeStats) {
        return new JsonText(db.read(sql -> {
            ChapterRefs.seriesOfBook(sql, bookId);
            String statusName = writingStatus(sql, status);
            // the listing is the database function book_chapter_list (migration V72), whose plan each backend keeps
            return sql.text("SELECT book_chapter_list(?, ?, ?)", bookId, statusName, includeStats);
        }));
    }

    /** The chapter as JSON, or null when it does not exist. */
    static String chapter(Sql sql, long chapterId, boolean withScenes, boolean withCharacters) throws SQLException {
        return sql.text("SELECT " + CHAPTER_JSON + (withScenes ? " || " + SCENES_JSON : "")
                + (withCharacters ? " || " + CHARACTERS_JSON : "")
                + " FROM chapters c JOIN books b ON b.id = c.book_id WHERE c.id = ?", chapterId);
    }

    /** The stored name of a writing status given in any case; null stays null; unknown ones fail listing the known. */
    static String writingStatus(Sql sql, String status) throws SQLException {
        if (status == null) {
            return null;
        }
        String name = sql.text("SELECT status_name FROM writing_statuses WHERE status_name = lower(trim(?)) AND is_active",
                status);
        if (name == null) {
            throw ToolException.invalid("status", "unknown status '" + status + "'; known statuses: " + sql.text(
                    "SELECT string_agg(status_name, ', ' ORDER BY id) FROM writing_statuses WHERE is_active"));
        }
        return name;
    }
}
