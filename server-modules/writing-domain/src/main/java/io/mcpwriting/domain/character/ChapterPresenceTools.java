package io.mcpwriting.domain.character;

import io.mcpwriting.domain.Checks;
import io.mcpwriting.domain.chapter.ChapterRefs;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** Which characters are in which chapter, how, and in what state: one record per character and chapter. */
@ApplicationScoped
public class ChapterPresenceTools {

    /** How a character is in a chapter. */
    public enum PresenceType {
        PRESENT, MENTIONED, FLASHBACK, DREAM, PHONE_CALL
    }

    /** How much the character matters in the chapter. */
    public enum ImportanceLevel {
        MAJOR, MINOR, CAMEO, BACKGROUND
    }

    @Inject
    Db db;

    @Tool(name = "track_character_presence", description = "Record how a character is in a chapter (present, "
            + "mentioned, flashback, dream, phone call), how important, their physical and emotional state, the "
            + "scene numbers where they enter and exit, what they learn and reveal, and how they grow. The character "
            + "and chapter must be of the same series; scene_id must be a scene of the chapter. One record per "
            + "character and chapter: tracking again updates it (recorded: updated), changing only the fields given "
            + "besides presence_type. The result carries warnings about scene numbers past the chapter's scenes "
            + "and a point-of-view character not tracked as present.", idempotent = true)
    public JsonText trackPresence(
            @Arg(value = "character_id", required = true, description = "Character id") int characterId,
            @Arg(value = "chapter_id", required = true, description = "Chapter id") int chapterId,
            @Arg(value = "scene_id", description = "Scene (chapter_scenes id) of this chapter where the character "
                    + "mainly appears") Integer sceneId,
            @Arg(value = "presence_type", required = true, description = "How the character is in the chapter")
            PresenceType presenceType,
            @Arg(value = "importance_level", description = "How much the character matters in the chapter")
            ImportanceLevel importanceLevel,
            @Arg(value = "physical_state", description = "Physical condition in this chapter (injuries, fatigue, ...)")
            String physicalState,
            @Arg(value = "emotional_state", description = "Emotional state in this chapter") String emotionalState,
            @Arg(value = "enters_at_scene", description = "Scene number where the character enters, from 1")
            Integer entersAtScene,
            @Arg(value = "exits_at_scene", description = "Scene number where the character leaves, from 1")
            Integer exitsAtScene,
            @Arg(value = "learns_this_chapter", description = "What the character learns here (replaces the list)")
            List<String> learnsThisChapter,
            @Arg(value = "reveals_this_chapter", description = "What the character reveals here (replaces the list)")
            List<String> revealsThisChapter,
            @Arg(value = "character_growth", description = "How the character changes in this chapter")
            String characterGrowth) {
        Checks.atLeast("enters_at_scene", entersAtScene, 1);
        Checks.atLeast("exits_at_scene", exitsAtScene, 1);
        return new JsonText(db.write(sql -> {
            long seriesId = ChapterRefs.seriesOf(sql, "characters", "character", characterId);
            ChapterRefs.requireChapterInSeries(sql, "chapter_id", chapterId, seriesId);
            if (sceneId != null) {
                Long sceneChapter = sql.number("SELECT chapter_id FROM chapter_scenes WHERE id = ?", sceneId);
                if (sceneChapter == null) {
                    throw ToolException.notFound("scene", sceneId);
                }
                if (sceneChapter != chapterId) {
                    throw ToolException.invalid("scene_id", "scene " + sceneId + " belongs to chapter " + sceneChapter
                            + ", not to chapter " + chapterId);
                }
            }
            Long enters = entersAtScene != null ? Long.valueOf(entersAtScene) : sql.number(
                    "SELECT enters_at_scene FROM character_chapter_presence WHERE chapter_id = ? AND character_id = ?",
                    chapterId, characterId);
            Long exits = exitsAtScene != null ? Long.valueOf(exitsAtScene) : sql.number(
                    "SELECT exits_at_scene FROM character_chapter_presence WHERE chapter_id = ? AND character_id = ?",
                    chapterId, characterId);
            if (enters != null && exits != null && exits < enters) {
                throw ToolException.invalid(exitsAtScene != null ? "exits_at_scene" : "enters_at_scene",
                        "the character would exit at scene " + exits + " before entering at scene " + enters);
            }
            return sql.text("""
                    WITH p AS (
                        INSERT INTO character_chapter_presence (character_id, chapter_id, scene_id, presence_type,
                                    importance_level, physical_state, emotional_state, enters_at_scene, exits_at_scene,
                                    learns_this_chapter, reveals_this_chapter, character_growth)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?::text[], ?)
                        ON CONFLICT (chapter_id, character_id) DO UPDATE SET
                            presence_type = EXCLUDED.presence_type,
                            scene_id = coalesce(EXCLUDED.scene_id, character_chapter_presence.scene_id),
                            importance_level = coalesce(EXCLUDED.importance_level, character_chapter_presence.importance_level),
                            physical_state = coalesce(EXCLUDED.physical_state, character_chapter_presence.physical_state),
                            emotional_state = coalesce(EXCLUDED.emotional_state, character_chapter_presence.emotional_state),
                            enters_at_scene = coalesce(EXCLUDED.enters_at_scene, character_chapter_presence.enters_at_scene),
                            exits_at_scene = coalesce(EXCLUDED.exits_at_scene, character_chapter_presence.exits_at_scene),
                            learns_this_chapter = coalesce(EXCLUDED.learns_this_chapter,
                                                           character_chapter_presence.learns_this_chapter),
                            reveals_this_chapter = coalesce(EXCLUDED.reveals_this_chapter,
                                                            character_chapter_presence.reveals_this_chapter),
                            character_growth = coalesce(EXCLUDED.character_growth, character_chapter_presence.character_growth)
                        RETURNING *, xmax = 0 AS inserted)
                    SELECT to_jsonb(p) - 'inserted' || jsonb_build_object(
                        'recorded', CASE WHEN p.inserted THEN 'new' ELSE 'updated' END,
                        'character_name', ch.name, 'chapter_number', c.chapter_number, 'book_id', c.book_id,
                        'characters_in_chapter', 1 + (SELECT count(*) FROM character_chapter_presence o
                                                      WHERE o.chapter_id = p.chapter_id AND o.id <> p.id),
                        'warnings', to_jsonb(array_remove(ARRAY[
                            CASE WHEN sc.last_scene IS NOT NULL AND p.enters_at_scene > sc.last_scene
                                 THEN 'enters_at_scene ' || p.enters_at_scene || ' is past the chapter''s last scene ('
                                      || sc.last_scene || ')' END,
                            CASE WHEN sc.last_scene IS NOT NULL AND p.exits_at_scene > sc.last_scene
                                 THEN 'exits_at_scene ' || p.exits_at_scene || ' is past the chapter''s last scene ('
                                      || sc.last_scene || ')' END,
                            CASE WHEN c.pov_character_id = p.character_id AND p.presence_type <> 'present'
                                 THEN 'the character is the chapter''s point of view but is tracked as '
                                      || p.presence_type END]::text[], NULL)))
                    FROM p JOIN characters ch ON ch.id = p.character_id JOIN chapters c ON c.id = p.chapter_id
                    CROSS JOIN LATERAL (SELECT max(s.scene_number) AS last_scene FROM chapter_scenes s
                                        WHERE s.chapter_id = p.chapter_id) sc""",
                    characterId, chapterId, sceneId, presenceType, importanceLevel, physicalState, emotionalState,
                    entersAtScene, exitsAtScene, learnsThisChapter, revealsThisChapter, characterGrowth);
        }));
    }
}
