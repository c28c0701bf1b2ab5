package io.mcpwriting.domain.scene;

import io.mcpwriting.domain.Paging;
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
import java.util.List;

/** Scenes: the numbered units of a chapter, with their POV, cast, status, length and text. */
@ApplicationScoped
public class SceneTools {

    /** A scene row with its chapter's number and book, and its POV character's name. */
    static final String SCENE_JSON = """
            to_jsonb(s) || jsonb_build_object(
                'book_id', c.book_id,
                'chapter_number', c.chapter_number,
                'pov_character_name', (SELECT pc.name FROM characters pc WHERE pc.id = s.pov_character_id))""";

    /** The scene's POV, its listed participants and the chapter's presence records that cover the scene. */
    private static final String CHARACTERS_JSON = """
            jsonb_build_object('characters', jsonb_build_object(
                'pov', (SELECT jsonb_build_object('character_id', pc.id, 'name', pc.name)
                        FROM characters pc WHERE pc.id = s.pov_character_id),
                'participants', coalesce((
                    SELECT jsonb_agg(jsonb_build_object('character_id', u.id, 'name', pc.name) ORDER BY u.n)
                    FROM unnest(s.scene_participants) WITH ORDINALITY AS u(id, n)
                    LEFT JOIN characters pc ON pc.id = u.id), '[]'::jsonb),
                'present', coalesce((
                    SELECT jsonb_agg(jsonb_build_object('character_id', pc.id, 'name', pc.name,
                                     'presence_type', pr.presence_type, 'importance_level', pr.importance_level,
                                     'physical_state', pr.physical_state, 'emotional_state', pr.emotional_state,
                                     'enters_at_scene', pr.enters_at_scene, 'exits_at_scene', pr.exits_at_scene)
                                     ORDER BY pc.name)
                    FROM character_chapter_presence pr JOIN characters pc ON pc.id = pr.character_id
                    WHERE pr.chapter_id = s.chapter_id
                      AND (pr.scene_id = s.id
                           OR (pr.scene_id IS NULL
                               AND coalesce(pr.enters_at_scene, s.scene_number) <= s.scene_number
                               AND coalesce(pr.exits_at_scene, s.scene_number) >= s.scene_number))), '[]'::jsonb)))""";

    @Inject
    Db db;

    @Tool(name = "create_scene", description = "Add a scene to a chapter. Scene numbers are unique within a chapter: "
            + "creating a number that exists fails naming the existing scene (use update_scene to change it). "
            + "The POV character and participants must be characters of the book's series. word_count is counted "
            + "from scene_content when content is given, else 0.")
    public JsonText createScene(
            @Arg(value = "chapter_id", required = true, description = "Chapter the scene belongs to") int chapterId,
            @Arg(value = "scene_number", required = true, description = "Position in the chapter, from 1") int sceneNumber,
            @Arg(value = "scene_title", description = "Short title, up to 255 characters") String sceneTitle,
            @Arg(value = "scene_purpose", description = "What the scene does for the story, up to 100 characters, e.g. "
                    + "action, dialogue, exposition, conflict, or a story beat such as inciting_incident, midpoint, "
                    + "climax (beat names are used by validate_beat_placement)") String scenePurpose,
            @Arg(value = "scene_type", description = "One of the scene types: dramatic, comedic, romantic, suspenseful, "
                    + "action, introspective, transitional") String sceneType,
            @Arg(value = "location", description = "Where the scene takes place") String location,
            @Arg(value = "time_of_day", description = "e.g. dawn, morning, night; up to 50 characters") String timeOfDay,
            @Arg(value = "duration", description = "How long the scene lasts in story time, e.g. '20 minutes'")
            String duration,
            @Arg(value = "summary", description = "What happens in the scene") String summary,
            @Arg(value = "pov_character_id", description = "Character whose point of view the scene is told from")
            Integer povCharacterId,
            @Arg(value = "scene_participants", description = "Ids of the characters taking part")
            List<Integer> sceneParticipants,
            @Arg(value = "writing_status", defaultValue = "planned", description = "One of the writing statuses: "
                    + "planned, draft, revision, final, cut") String writingStatus,
            @Arg(value = "target_word_count", description = "Planned length in words") Integer targetWordCount,
            @Arg(value = "intensity_level", min = 1, max = 10, description = "Dramatic intensity, 1 (calm) to 10 (peak)")
            Integer intensityLevel,
            @Arg(value = "scene_elements", description = "Elements the scene contains, e.g. clue, reveal, chase")
            List<String> sceneElements,
            @Arg(value = "notes", description = "Author's notes") String notes,
            @Arg(value = "scene_outline", description = "Beat-by-beat outline") String sceneOutline,
            @Arg(value = "scene_content", description = "The scene's text") String sceneContent,
            @Arg(value = "scene_revisions", description = "Earlier versions or revision notes, oldest first")
            List<String> sceneRevisions) {
        if (sceneNumber < 1) {
            throw ToolException.invalid("scene_number", "must be at least 1");
        }
        SceneRules.notNegative("target_word_count", targetWordCount);
        String title = SceneRules.text("scene_title", sceneTitle, 255);
        String purpose = SceneRules.text("scene_purpose", scenePurpose, 100);
        String time = SceneRules.text("time_of_day", timeOfDay, 50);
        List<Integer> participants = SceneRules.distinct(sceneParticipants);
        Integer words = sceneContent == null ? 0 : SceneRules.countWords(sceneContent);
        return new JsonText(db.write(sql -> {
            int seriesId = SceneRules.seriesOfChapter(sql, chapterId);
            Long existing = sql.number("SELECT id FROM chapter_scenes WHERE chapter_id = ? AND scene_number = ?",
                    chapterId, sceneNumber);
            if (existing != null) {
                throw ToolException.conflict("Chapter " + chapterId + " already has scene number " + sceneNumber
                        + " (scene " + existing + "); use update_scene to change it or choose another number.");
            }
            String type = SceneRules.sceneType(sql, "scene_type", sceneType);
            String status = SceneRules.writingStatus(sql, "writing_status", writingStatus);
            SceneRules.requireCast(sql, seriesId, povCharacterId, participants);
            long id = sql.number("""
                    INSERT INTO chapter_scenes (chapter_id, scene_number, scene_title, scene_purpose, scene_type, location,
                                                time_of_day, duration, summary, word_count, pov_character_id,
                                                scene_participants, notes, writing_status, intensity_level,
                                                target_word_count, scene_elements, scene_outline, scene_content,
                                                scene_revisions)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::int[], ?, ?, ?, ?, ?::text[], ?, ?, ?::text[])
                    RETURNING id""",
                    chapterId, sceneNumber, title, purpose, type, location, time, duration, summary, words,
                    povCharacterId, participants, notes, status, intensityLevel, targetWordCount, sceneElements,
                    sceneOutline, sceneContent, sceneRevisions);
            return scene(sql, id, false);
        }));
    }

    @Tool(name = "update_scene", description = "Change a scene; only the fields given change. Lists "
            + "(scene_participants, scene_elements, scene_revisions) replace the stored list. When scene_content is "
            + "given without word_count, word_count is recounted from the content.", idempotent = true)
    public JsonText updateScene(
            @Arg(value = "scene_id", required = true, description = "Scene to change") int sceneId,
            @Arg(value = "scene_title", description = "New title, up to 255 characters") String sceneTitle,
            @Arg(value = "scene_purpose", description = "What the scene does for the story, up to 100 characters "
                    + "(a purpose such as conflict, or a beat such as midpoint)") String scenePurpose,
            @Arg(value = "scene_type", description = "One of the scene types: dramatic, comedic, romantic, suspenseful, "
                    + "action, introspective, transitional") String sceneType,
            @Arg(value = "location", description = "Where the scene takes place") String location,
            @Arg(value = "time_of_day", description = "e.g. dawn, night; up to 50 characters") String timeOfDay,
            @Arg(value = "duration", description = "How long the scene lasts in story time") String duration,
            @Arg(value = "summary", description = "What happens in the scene") String summary,
            @Arg(value = "word_count", description = "Words written, overriding the count from scene_content")
            Integer wordCount,
            @Arg(value = "target_word_count", description = "Planned length in words") Integer targetWordCount,
            @Arg(value = "pov_character_id", description = "Character whose point of view the scene is told from")
            Integer povCharacterId,
            @Arg(value = "scene_participants", description = "Ids of the characters taking part (replaces the list)")
            List<Integer> sceneParticipants,
            @Arg(value = "writing_status", description = "One of the writing statuses: planned, draft, revision, final, "
                    + "cut") String writingStatus,
            @Arg(value = "intensity_level", min = 1, max = 10, description = "Dramatic intensity, 1 (calm) to 10 (peak)")
            Integer intensityLevel,
            @Arg(value = "scene_elements", description = "Elements the scene contains (replaces the list)")
            List<String> sceneElements,
            @Arg(value = "notes", description = "Author's notes") String notes,
            @Arg(value = "scene_outline", description = "Beat-by-beat outline") String sceneOutline,
            @Arg(value = "scene_content", description = "The scene's text") String sceneContent,
            @Arg(value = "scene_revisions", description = "Earlier versions or revision notes (replaces the list)")
            List<String> sceneRevisions) {
        SceneRules.notNegative("word_count", wordCount);
        SceneRules.notNegative("target_word_count", targetWordCount);
        String title = SceneRules.text("scene_title", sceneTitle, 255);
        String purpose = SceneRules.text("scene_purpose", scenePurpose, 100);
        String time = SceneRules.text("time_of_day", timeOfDay, 50);
        List<Integer> participants = SceneRules.distinct(sceneParticipants);
        Integer words = wordCount != null ? wordCount
                : sceneContent != null ? Integer.valueOf(SceneRules.countWords(sceneContent)) : null;
        boolean listsGiven = participants != null || sceneElements != null || sceneRevisions != null;
        return new JsonText(db.write(sql -> {
            Long chapterId = sql.number("SELECT chapter_id FROM chapter_scenes WHERE id = ?", sceneId);
            if (chapterId == null) {
                throw ToolException.notFound("scene", sceneId);
            }
            Changes changes = new Changes().set("scene_title", title).set("scene_purpose", purpose)
                    .set("scene_type", SceneRules.sceneType(sql, "scene_type", sceneType)).set("location", location)
                    .set("time_of_day", time).set("duration", duration).set("summary", summary)
                    .set("word_count", words).set("target_word_count", targetWordCount)
                    .set("pov_character_id", povCharacterId)
                    .set("writing_status", SceneRules.writingStatus(sql, "writing_status", writingStatus))
                    .set("intensity_level", intensityLevel).set("notes", notes).set("scene_outline", sceneOutline)
                    .set("scene_content", sceneContent);
            if (!listsGiven) {
                changes.requireAny("scene_title, scene_purpose, scene_type, location, time_of_day, duration, summary, "
                        + "word_count, target_word_count, pov_character_id, scene_participants, writing_status, "
                        + "intensity_level, scene_elements, notes, scene_outline, scene_content, scene_revisions");
            }
            SceneRules.requireCast(sql, SceneRules.seriesOfChapter(sql, chapterId.intValue()), povCharacterId,
                    participants);
            if (!changes.isEmpty()) {
                changes.applyTo(sql, "chapter_scenes", sceneId);
            }
            if (listsGiven) {
                sql.update("""
                        UPDATE chapter_scenes
                        SET scene_participants = CASE WHEN ? THEN ?::int[] ELSE scene_participants END,
                            scene_elements = CASE WHEN ? THEN ?::text[] ELSE scene_elements END,
                            scene_revisions = CASE WHEN ? THEN ?::text[] ELSE scene_revisions END
                        WHERE id = ?""",
                        participants != null, participants, sceneElements != null, sceneElements,
                        sceneRevisions != null, sceneRevisions, sceneId);
            }
            return scene(sql, sceneId, false);
        }));
    }

    @Tool(name = "get_scene", description = "Get one scene with its full text, chapter number and POV name; "
            + "include_characters adds the POV character, the listed participants and the characters whose chapter "
            + "presence records cover this scene.", readOnly = true)
    public JsonText getScene(
            @Arg(value = "scene_id", required = true, description = "Scene id") int sceneId,
            @Arg(value = "include_characters", defaultValue = "false", description = "Also list the scene's characters")
            boolean includeCharacters) {
        String json = db.read(sql -> scene(sql, sceneId, includeCharacters));
        if (json == null) {
            throw ToolException.notFound("scene", sceneId);
        }
        return new JsonText(json);
    }

    @Tool(name = "list_scenes", description = "List a chapter's scenes in order, optionally only one scene_type and/or "
            + "writing_status (full text is left out; get_scene has it). include_stats adds totals: scene count, words "
            + "written and targeted, counts per status and type, average intensity, POV characters.", readOnly = true)
    public JsonText listScenes(
            @Arg(value = "chapter_id", required = true, description = "Chapter whose scenes to list") int chapterId,
            @Arg(value = "scene_type", description = "Only scenes of this scene type") String sceneType,
            @Arg(value = "writing_status", description = "Only scenes with this writing status") String writingStatus,
            @Arg(value = "include_stats", defaultValue = "false", description = "Add totals over the listed scenes")
            boolean includeStats,
            @Arg(value = "limit", defaultValue = "100", min = 1, max = Paging.MAX_LIMIT, description = Paging.LIMIT) int limit,
            @Arg(value = "offset", defaultValue = "0", min = 0, description = Paging.OFFSET) int offset) {
        return new JsonText(db.read(sql -> {
            sql.requireRow("chapters", chapterId, "chapter");
            String type = SceneRules.sceneType(sql, "scene_type", sceneType);
            String status = SceneRules.writingStatus(sql, "writing_status", writingStatus);
            // the whole list is the database function scene_list (migration V78), whose plan each backend keeps
            return Paging.page(sql, "scenes", limit, offset,
                    "SELECT l FROM scene_list(?::int, ?::text, ?::text, ?::boolean) l", chapterId, type, status, includeStats);
        }));
    }

    static String scene(Sql sql, long sceneId, boolean withCharacters) throws SQLException {
        return sql.text("SELECT " + SCENE_JSON + (withCharacters ? " || " + CHARACTERS_JSON : "")
                + " FROM chapter_scenes s JOIN chapters c ON c.id = s.chapter_id WHERE s.id = ?", sceneId);
    }
}
