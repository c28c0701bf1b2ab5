package io.mcpwriting.domain.world;

import io.mcpwriting.domain.Checks;
import io.mcpwriting.domain.chapter.ChapterRefs;
import io.mcpwriting.domain.plot.PlotThreadTools;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.db.Sql;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Where locations, world elements and organizations appear in the books: one usage row per thing, book,
 * chapter (and, for organizations, activity type). Tracking the same usage again updates it.
 */
@ApplicationScoped
public class WorldUsageTools {

    @Inject
    Db db;

    @Tool(name = "world_track_location_usage", description = "Record that a location is used in a book, optionally "
            + "in one chapter of it, with notes on how. The location and book must be of the same series. Tracking "
            + "the same location, book and chapter again updates the notes (recorded: updated) instead of "
            + "adding a row.", idempotent = true)
    public JsonText trackLocationUsage(
            @Arg(value = "location_id", required = true, description = "Location id") int locationId,
            @Arg(value = "book_id", required = true, description = "Book in which it is used") int bookId,
            @Arg(value = "chapter_id", description = "Chapter of that book in which it is used") Integer chapterId,
            @Arg(value = "usage_notes", description = "How the location is used there") String usageNotes) {
        return new JsonText(db.write(sql -> {
            long seriesId = ChapterRefs.seriesOf(sql, "locations", "location", locationId);
            requireBookAndChapter(sql, seriesId, bookId, chapterId);
            return record(sql, "locations", "location", locationId, bookId, chapterId, usageNotes, null, null, null);
        }));
    }

    @Tool(name = "world_track_element_usage", description = "Record that a world element (magic, technology, "
            + "artifact, ...) is used in a book, optionally in one chapter, with notes and the power level shown "
            + "(1-10). The element and book must be of the same series. Tracking the same element, book and chapter "
            + "again updates it instead of adding a row.", idempotent = true)
    public JsonText trackElementUsage(
            @Arg(value = "element_id", required = true, description = "World element id") int elementId,
            @Arg(value = "book_id", required = true, description = "Book in which it is used") int bookId,
            @Arg(value = "chapter_id", description = "Chapter of that book in which it is used") Integer chapterId,
            @Arg(value = "usage_notes", description = "How the element is used there") String usageNotes,
            @Arg(value = "power_level", description = "Power level shown in this use, 1 (weak) to 10 (overwhelming)")
            Integer powerLevel) {
        Checks.range("power_level", powerLevel, 1, 10);
        return new JsonText(db.write(sql -> {
            long seriesId = ChapterRefs.seriesOf(sql, "world_elements", "world element", elementId);
            requireBookAndChapter(sql, seriesId, bookId, chapterId);
            return record(sql, "world_elements", "world_element", elementId, bookId, chapterId, usageNotes, powerLevel,
                    null, null);
        }));
    }

    @Tool(name = "track_organization_activity", description = "Record what an organization does in a book, "
            + "optionally in one chapter: the kind of activity (e.g. meeting, raid, recruitment), notes, and the "
            + "characters involved (character ids of the series). Tracking the same organization, book, chapter "
            + "and activity type again updates it instead of adding a row.", idempotent = true)
    public JsonText trackOrganizationActivity(
            @Arg(value = "organization_id", required = true, description = "Organization id") int organizationId,
            @Arg(value = "book_id", required = true, description = "Book in which it acts") int bookId,
            @Arg(value = "chapter_id", description = "Chapter of that book in which it acts") Integer chapterId,
            @Arg(value = "activity_type", required = true, description = "Kind of activity, e.g. meeting, raid")
            String activityType,
            @Arg(value = "activity_notes", description = "What the organization does") String activityNotes,
            @Arg(value = "involved_characters", description = "Ids of the characters involved")
            List<Integer> involvedCharacters) {
        Checks.notBlank("activity_type", activityType);
        if (activityType.strip().length() > 100) {
            throw ToolException.invalid("activity_type", "must be at most 100 characters");
        }
        return new JsonText(db.write(sql -> {
            long seriesId = ChapterRefs.seriesOf(sql, "organizations", "organization", organizationId);
            requireBookAndChapter(sql, seriesId, bookId, chapterId);
            PlotThreadTools.requireCharacters(sql, (int) seriesId, involvedCharacters);
            return record(sql, "organizations", "organization", organizationId, bookId, chapterId, activityNotes, null,
                    activityType.strip(), involvedCharacters == null ? null : List.copyOf(
                            new LinkedHashSet<>(involvedCharacters)));
        }));
    }

    private static void requireBookAndChapter(Sql sql, long seriesId, int bookId, Integer chapterId)
            throws SQLException {
        ChapterRefs.requireInSeries(sql, "books", "book", "book_id", bookId, seriesId);
        if (chapterId != null) {
            ChapterRefs.requireChapterOfBook(sql, "chapter_id", chapterId, bookId);
        }
    }

    /** Inserts or updates the usage row; {@code recorded} says which. {@code table} is a constant. */
    private static String record(Sql sql, String table, String elementType, int elementId, int bookId,
            Integer chapterId, String notes, Integer powerLevel, String activityType, List<Integer> characters)
            throws SQLException {
        return sql.text("""
                WITH u AS (
                    INSERT INTO world_element_usage (element_type, element_id, book_id, chapter_id, usage_notes,
                                                     power_level, activity_type, involved_characters)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?::int[])
                    ON CONFLICT (element_type, element_id, book_id, chapter_id, activity_type) DO UPDATE
                    SET usage_notes = coalesce(EXCLUDED.usage_notes, world_element_usage.usage_notes),
                        power_level = coalesce(EXCLUDED.power_level, world_element_usage.power_level),
                        involved_characters = coalesce(EXCLUDED.involved_characters,
                                                       world_element_usage.involved_characters)
                    RETURNING *, xmax = 0 AS inserted)
                SELECT to_jsonb(u) - 'inserted' || jsonb_build_object(
                    'recorded', CASE WHEN u.inserted THEN 'new' ELSE 'updated' END,
                    'name', (SELECT t.name FROM %1$s t WHERE t.id = u.element_id),
                    'chapter_number', (SELECT c.chapter_number FROM chapters c WHERE c.id = u.chapter_id),
                    'book_number', (SELECT b.book_number FROM books b WHERE b.id = u.book_id),
                    'uses_in_book', 1 + (SELECT count(*) FROM world_element_usage x
                                         WHERE x.element_type = u.element_type AND x.element_id = u.element_id
                                           AND x.book_id = u.book_id AND x.id <> u.id),
                    'uses_in_series', 1 + (SELECT count(*) FROM world_element_usage x
                                           WHERE x.element_type = u.element_type AND x.element_id = u.element_id
                                             AND x.id <> u.id))
                FROM u""".formatted(table), elementType, elementId, bookId, chapterId, notes, powerLevel, activityType,
                characters);
    }
}
