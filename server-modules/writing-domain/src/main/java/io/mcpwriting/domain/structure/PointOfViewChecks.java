package io.mcpwriting.domain.structure;

import static io.mcpwriting.domain.structure.Severity.INFO;
import static io.mcpwriting.domain.structure.Severity.WARNING;

import java.util.List;

/**
 * Checks of point of view: every scene has a POV character, who is present in the chapter and takes part in the
 * scene; scenes follow their chapter's POV; timeline events mapped to a scene share its POV.
 */
final class PointOfViewChecks {

    /** Point of view. */
    static final StructureChecks.Section POINT_OF_VIEW = new StructureChecks.Section();

    static final StructureCheck SCENE_WITHOUT_POV = POINT_OF_VIEW.add(ValidationLevel.DETAILED,
            List.of(ViolationType.POV_CONSISTENCY),
            new StructureCheck("scene_without_pov", WARNING,
                    "Every scene has a POV character, its own or its chapter's", """
                    SELECT sc.chapter_id, sc.id, NULL,
                           format('Scene %s of chapter %s has no POV character (neither the scene nor the chapter names one)',
                                  sc.scene_number, sc.chapter_number)
                    FROM sc JOIN ch ON ch.id = sc.chapter_id
                    WHERE sc.pov_character_id IS NULL AND ch.pov_character_id IS NULL"""));

    static final StructureCheck POV_NOT_PRESENT = POINT_OF_VIEW.add(ValidationLevel.DETAILED,
            List.of(ViolationType.POV_CONSISTENCY, ViolationType.CHARACTER_CONTINUITY),
            new StructureCheck("pov_not_present", WARNING,
                    "Every POV character (of a scene or a chapter) has a presence record in that chapter, and is not "
                            + "recorded as merely mentioned", """
                    SELECT v.chapter_id, v.scene_id, v.character_id,
                           CASE WHEN pr.id IS NULL
                                THEN format('POV character %s of %s has no presence record in chapter %s',
                                            c.name, v.label, v.chapter_number)
                                ELSE format('POV character %s of %s is only recorded as mentioned in chapter %s',
                                            c.name, v.label, v.chapter_number) END
                    FROM (SELECT sc.chapter_id, sc.chapter_number, sc.pov_character_id AS character_id,
                                 CASE WHEN count(*) = 1 THEN min(sc.id) END AS scene_id,
                                 CASE WHEN count(*) = 1 THEN 'scene ' ELSE 'scenes ' END
                                     || string_agg(sc.scene_number::text, ', ' ORDER BY sc.scene_number) AS label
                          FROM sc WHERE sc.pov_character_id IS NOT NULL
                          GROUP BY sc.chapter_id, sc.chapter_number, sc.pov_character_id
                          UNION ALL
                          SELECT ch.id, ch.chapter_number, ch.pov_character_id, NULL, 'the chapter'
                          FROM ch
                          WHERE ch.pov_character_id IS NOT NULL
                            AND NOT EXISTS (SELECT 1 FROM sc WHERE sc.chapter_id = ch.id
                                                                AND sc.pov_character_id = ch.pov_character_id)) v
                    JOIN characters c ON c.id = v.character_id
                    LEFT JOIN character_chapter_presence pr ON pr.chapter_id = v.chapter_id
                                                           AND pr.character_id = v.character_id
                    WHERE pr.id IS NULL OR pr.presence_type = 'mentioned'"""));

    static final StructureCheck CHAPTER_POV_MISMATCH = POINT_OF_VIEW.add(ValidationLevel.DETAILED,
            List.of(ViolationType.POV_CONSISTENCY),
            new StructureCheck("chapter_pov_mismatch", WARNING,
                    "Scenes of a chapter with a POV character are told by that character", """
                    SELECT sc.chapter_id, sc.id, sc.pov_character_id,
                           format('Scene %s of chapter %s is told by %s, but the chapter''s POV character is %s',
                                  sc.scene_number, sc.chapter_number, a.name, b.name)
                    FROM sc JOIN ch ON ch.id = sc.chapter_id
                    JOIN characters a ON a.id = sc.pov_character_id
                    JOIN characters b ON b.id = ch.pov_character_id
                    WHERE sc.pov_character_id <> ch.pov_character_id"""));

    static final StructureCheck POV_NOT_PARTICIPANT = POINT_OF_VIEW.add(ValidationLevel.COMPREHENSIVE,
            List.of(ViolationType.POV_CONSISTENCY),
            new StructureCheck("pov_not_participant", INFO,
                    "A scene that lists participants lists its POV character among them", """
                    SELECT sc.chapter_id, sc.id, sc.pov_character_id,
                           format('POV character %s of scene %s in chapter %s is not among the scene''s participants',
                                  c.name, sc.scene_number, sc.chapter_number)
                    FROM sc JOIN characters c ON c.id = sc.pov_character_id
                    WHERE cardinality(sc.scene_participants) > 0
                      AND NOT sc.pov_character_id = ANY (sc.scene_participants)"""));

    static final StructureCheck POV_SWITCH = POINT_OF_VIEW.add(null, List.of(ViolationType.POV_CONSISTENCY),
            new StructureCheck("pov_switch_within_chapter", INFO,
                    "A chapter without a chapter POV that switches between POV characters across its scenes", """
                    SELECT ch.id, NULL, NULL,
                           format('Chapter %s switches between %s POV characters (%s) and names no chapter POV',
                                  ch.chapter_number, count(DISTINCT sc.pov_character_id),
                                  string_agg(DISTINCT c.name, ', '))
                    FROM ch JOIN sc ON sc.chapter_id = ch.id JOIN characters c ON c.id = sc.pov_character_id
                    WHERE ch.pov_character_id IS NULL
                    GROUP BY ch.id, ch.chapter_number
                    HAVING count(DISTINCT sc.pov_character_id) > 1"""));

    static final StructureCheck EVENT_POV_MISMATCH = POINT_OF_VIEW.add(null, List.of(ViolationType.POV_CONSISTENCY),
            new StructureCheck("event_pov_mismatch", WARNING,
                    "A timeline event mapped to a scene with a POV character has the scene's POV", """
                    SELECT s.chapter_id, s.id, ecm.pov_character_id,
                           format('Event "%s" is mapped to scene %s of chapter %s with POV %s, but the scene is told by %s',
                                  e.event_name, s.scene_number, ch.chapter_number, mc.name, sp.name)
                    FROM event_chapter_mappings ecm
                    JOIN ch ON ch.id = ecm.chapter_id
                    JOIN timeline_events e ON e.id = ecm.event_id
                    JOIN chapter_scenes s ON s.chapter_id = ecm.chapter_id AND s.scene_number = ecm.scene_number
                    JOIN characters mc ON mc.id = ecm.pov_character_id
                    JOIN characters sp ON sp.id = s.pov_character_id
                    WHERE ecm.pov_character_id <> s.pov_character_id"""));

    private PointOfViewChecks() {
    }
}
