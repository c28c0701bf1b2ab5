package io.mcpwriting.domain.scene;

import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.ErrorKind;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Who is in a chapter: its presence records together with the POV characters and participants of its scenes. */
@ApplicationScoped
public class ChapterCastTools {

    @Inject
    Db db;

    @Tool(name = "get_characters_in_chapter", description = "List the characters in a chapter: those with a presence "
            + "record for it (presence type, importance, state, entry/exit scenes) and those who are a POV character or "
            + "participant of its scenes, with the scene numbers of each role. scene_number narrows to one scene: "
            + "presence records tied to that scene, or whose entry/exit range covers it, or that name no scene at all. "
            + "presence_type and importance_level filter on presence records, so characters without a matching record "
            + "are left out.", readOnly = true)
    public JsonText getCharactersInChapter(
            @Arg(value = "chapter_id", required = true, description = "Chapter id") int chapterId,
            @Arg(value = "scene_number", description = "Only the characters of this scene of the chapter")
            Integer sceneNumber,
            @Arg(value = "presence_type", description = "Only characters present in this way") PresenceType presenceType,
            @Arg(value = "importance_level", description = "Only characters of this importance in the chapter")
            PresenceImportance importanceLevel) {
        boolean filtered = presenceType != null || importanceLevel != null;
        return new JsonText(db.read(sql -> {
            sql.requireRow("chapters", chapterId, "chapter");
            if (sceneNumber != null && !sql.exists("SELECT 1 FROM chapter_scenes WHERE chapter_id = ? AND scene_number = ?",
                    chapterId, sceneNumber)) {
                throw new ToolException(ErrorKind.NOT_FOUND, "scene number " + sceneNumber + " does not exist in chapter "
                        + chapterId + "; list_scenes shows its scenes");
            }
            return sql.text("""
                    WITH p AS (SELECT ?::int AS chapter_id, ?::int AS scene_number, ?::text AS presence_type,
                                      ?::text AS importance_level, ?::boolean AS filtered),
                    sc AS (SELECT s.id, s.scene_number, s.pov_character_id, s.scene_participants
                           FROM chapter_scenes s, p
                           WHERE s.chapter_id = p.chapter_id AND (p.scene_number IS NULL OR s.scene_number = p.scene_number)),
                    pres AS (SELECT pr.* FROM character_chapter_presence pr, p
                             WHERE pr.chapter_id = p.chapter_id
                               AND (p.scene_number IS NULL
                                    OR pr.scene_id IN (SELECT id FROM sc)
                                    OR (pr.scene_id IS NULL
                                        AND coalesce(pr.enters_at_scene, p.scene_number) <= p.scene_number
                                        AND coalesce(pr.exits_at_scene, p.scene_number) >= p.scene_number))
                               AND (p.presence_type IS NULL OR pr.presence_type = p.presence_type)
                               AND (p.importance_level IS NULL OR pr.importance_level = p.importance_level)),
                    roles AS (SELECT pov_character_id AS character_id, scene_number, 'pov' AS role
                              FROM sc WHERE pov_character_id IS NOT NULL
                              UNION ALL
                              SELECT u.id, sc.scene_number, 'participant' FROM sc, unnest(sc.scene_participants) AS u(id)),
                    cast_ids AS (SELECT character_id FROM pres
                                 UNION
                                 SELECT r.character_id FROM roles r, p WHERE NOT p.filtered),
                    listed AS (
                        SELECT c.name, pr.importance_level, jsonb_build_object(
                            'character_id', c.id, 'name', c.name, 'character_type', c.character_type, 'status', c.status,
                            'presence', CASE WHEN pr.id IS NOT NULL
                                             THEN jsonb_strip_nulls(to_jsonb(pr) - 'chapter_id' - 'character_id'
                                                                    - 'created_at' - 'updated_at') END,
                            'pov_in_scenes', coalesce((SELECT jsonb_agg(DISTINCT r.scene_number ORDER BY r.scene_number)
                                                       FROM roles r WHERE r.character_id = c.id AND r.role = 'pov'),
                                                      '[]'::jsonb),
                            'participant_in_scenes', coalesce((SELECT jsonb_agg(DISTINCT r.scene_number ORDER BY r.scene_number)
                                                               FROM roles r
                                                               WHERE r.character_id = c.id AND r.role = 'participant'),
                                                              '[]'::jsonb),
                            'has_presence_record', pr.id IS NOT NULL) AS j
                        FROM cast_ids ci JOIN characters c ON c.id = ci.character_id
                        LEFT JOIN pres pr ON pr.character_id = c.id)
                    SELECT jsonb_build_object(
                        'chapter_id', p.chapter_id,
                        'chapter_number', (SELECT chapter_number FROM chapters WHERE id = p.chapter_id),
                        'filters', jsonb_strip_nulls(jsonb_build_object('scene_number', p.scene_number,
                                       'presence_type', p.presence_type, 'importance_level', p.importance_level)),
                        'characters', coalesce((SELECT jsonb_agg(l.j ORDER BY coalesce(array_position(
                                           ARRAY['major', 'minor', 'cameo', 'background'], l.importance_level::text), 5),
                                           l.name) FROM listed l), '[]'::jsonb),
                        'count', (SELECT count(*) FROM listed),
                        'without_presence_record', (SELECT count(*) FROM listed l WHERE NOT (l.j ->> 'has_presence_record')::boolean))
                    FROM p""", chapterId, sceneNumber, presenceType, importanceLevel, filtered);
        }));
    }
}
