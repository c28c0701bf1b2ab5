package io.mcpwriting.domain.character;

import io.mcpwriting.domain.Checks;
import io.mcpwriting.domain.Paging;
import io.mcpwriting.mcp.db.Changes;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.db.Sql;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.ErrorKind;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Relationships between characters as arcs tied to a plot thread (romances, rivalries, mentorships, ...), and the
 * changes in their dynamic chapter by chapter.
 */
@ApplicationScoped
public class RelationshipArcTools {

    /** The kind of relationship an arc follows. */
    public enum RelationshipType {
        ROMANTIC, FAMILY, FRIENDSHIP, PROFESSIONAL, ANTAGONISTIC, MENTOR, ALLIANCE
    }

    /** What a change in a relationship's dynamic is about. */
    public enum ChangeType {
        EMOTIONAL, POWER, TRUST, COMMITMENT, CONFLICT
    }

    /** One character in a relationship arc. */
    public record Participant(
            @Arg(value = "character_id", required = true, description = "Character id") int characterId,
            @Arg(value = "role_in_relationship", required = true, description = "The character's role, e.g. "
                    + "primary, secondary, catalyst, observer") String roleInRelationship,
            @Arg(value = "character_name", description = "Optional check: the character's name, full name or an "
                    + "alias; a mismatch with character_id is rejected") String characterName) {
    }

    /** An arc with its participants' current names, its plot thread, and a summary of its recorded changes. */
    static final String ARC_JSON = """
            to_jsonb(ra) || jsonb_build_object(
                'participants', CASE WHEN jsonb_typeof(ra.participants) = 'array' THEN coalesce((
                    SELECT jsonb_agg(e.p || CASE WHEN c.id IS NULL THEN '{}'::jsonb
                                                 ELSE jsonb_build_object('character_name', c.name) END ORDER BY e.n)
                    FROM jsonb_array_elements(ra.participants) WITH ORDINALITY AS e (p, n)
                    LEFT JOIN characters c ON c.id = (e.p ->> 'character_id')::int), '[]'::jsonb)
                    ELSE ra.participants END,
                'plot_thread_title', pt.title,
                'series_id', pt.series_id,
                'dynamics_count', (SELECT count(*) FROM relationship_dynamics rd WHERE rd.arc_id = ra.id),
                'net_tension_change', (SELECT coalesce(sum(rd.tension_change), 0)
                                       FROM relationship_dynamics rd WHERE rd.arc_id = ra.id),
                'last_recorded_change', (SELECT jsonb_build_object('id', rd.id, 'change_type', rd.change_type,
                                                    'dynamic_change', rd.dynamic_change,
                                                    'tension_change', rd.tension_change, 'chapter_id', rd.chapter_id)
                                         FROM relationship_dynamics rd WHERE rd.arc_id = ra.id
                                         ORDER BY rd.id DESC LIMIT 1))""";

    private static final String ARC_FROM = " FROM relationship_arcs ra LEFT JOIN plot_threads pt ON pt.id = ra.plot_thread_id";

    @Inject
    Db db;

    @Tool(name = "create_relationship_arc", description = "Create a relationship arc between two or more "
            + "characters of a plot thread's series (romance, family, rivalry, mentorship, ...). Arc names are unique "
            + "within a plot thread (case-insensitive): a repeated create fails with the existing arc's id. "
            + "complexity_level defaults to 5.")
    public JsonText createRelationshipArc(
            @Arg(value = "plot_thread_id", required = true, description = "Plot thread the relationship belongs to")
            int plotThreadId,
            @Arg(value = "arc_name", required = true, description = "Short name, e.g. 'Ai and Estraven'; up to 255 "
                    + "characters") String arcName,
            @Arg(value = "participants", required = true, description = "At least two distinct characters of the "
                    + "plot thread's series, each with a role") List<Participant> participants,
            @Arg(value = "relationship_type", required = true, description = "Kind of relationship")
            RelationshipType relationshipType,
            @Arg(value = "current_dynamic", description = "Where the relationship stands now") String currentDynamic,
            @Arg(value = "development_factors", description = "What drives the relationship's development")
            List<String> developmentFactors,
            @Arg(value = "complexity_level", min = 1, max = 10, description = "1 (simple) to 10 (intricate); "
                    + "default 5") Integer complexityLevel) {
        checkName(arcName);
        checkParticipants(participants);
        List<String> factors = factors(developmentFactors);
        return new JsonText(db.write(sql -> {
            Long seriesId = sql.number("SELECT series_id FROM plot_threads WHERE id = ?", plotThreadId);
            if (seriesId == null) {
                throw ToolException.notFound("plot thread", plotThreadId);
            }
            String participantsJson = participantsJson(sql, seriesId, (long) plotThreadId, participants);
            CharacterTools.lock(sql, "relationship_arcs", plotThreadId);
            requireFreeName(sql, plotThreadId, arcName.strip(), null);
            long id = sql.number("""
                    INSERT INTO relationship_arcs (plot_thread_id, arc_name, participants, relationship_type,
                                                   current_dynamic, development_factors, complexity_level)
                    VALUES (?, ?, ?::jsonb, ?, ?, ?::text[], coalesce(?, 5)) RETURNING id""",
                    plotThreadId, arcName.strip(), participantsJson, relationshipType, currentDynamic, factors,
                    complexityLevel);
            return arc(sql, id);
        }));
    }

    @Tool(name = "update_relationship_arc", description = "Change a relationship arc; only the fields given "
            + "change. participants and development_factors, when given, replace the stored lists.", idempotent = true)
    public JsonText updateRelationshipArc(
            @Arg(value = "arc_id", required = true, description = "Relationship arc to change") int arcId,
            @Arg(value = "arc_name", description = "New name, unique within the plot thread") String arcName,
            @Arg(value = "participants", description = "The full new list of participants (at least two)")
            List<Participant> participants,
            @Arg(value = "relationship_type", description = "New kind of relationship") RelationshipType relationshipType,
            @Arg(value = "current_dynamic", description = "Where the relationship stands now") String currentDynamic,
            @Arg(value = "development_factors", description = "The full new list of development drivers")
            List<String> developmentFactors,
            @Arg(value = "complexity_level", min = 1, max = 10, description = "1 (simple) to 10 (intricate)")
            Integer complexityLevel) {
        if (arcName != null) {
            checkName(arcName);
        }
        if (participants != null) {
            checkParticipants(participants);
        }
        Changes changes = new Changes().set("arc_name", arcName == null ? null : arcName.strip())
                .set("relationship_type", relationshipType).set("current_dynamic", currentDynamic)
                .set("development_factors", factors(developmentFactors)).set("complexity_level", complexityLevel);
        if (participants == null) {
            changes.requireAny("arc_name, participants, relationship_type, current_dynamic, development_factors, "
                    + "complexity_level");
        }
        return new JsonText(db.write(sql -> {
            if (!sql.exists("SELECT 1 FROM relationship_arcs WHERE id = ? FOR UPDATE", arcId)) {
                throw ToolException.notFound("relationship arc", arcId);
            }
            Long threadId = sql.number("SELECT plot_thread_id FROM relationship_arcs WHERE id = ?", arcId);
            Long seriesId = threadId == null ? null
                    : sql.number("SELECT series_id FROM plot_threads WHERE id = ?", threadId);
            if (participants != null) {
                sql.update("UPDATE relationship_arcs SET participants = ?::jsonb WHERE id = ?",
                        participantsJson(sql, seriesId, threadId, participants), arcId);
            }
            if (arcName != null && threadId != null) {
                CharacterTools.lock(sql, "relationship_arcs", threadId);
                requireFreeName(sql, threadId, arcName.strip(), arcId);
            }
            if (!changes.isEmpty()) {
                changes.applyTo(sql, "relationship_arcs", arcId);
            }
            return arc(sql, arcId);
        }));
    }

    @Tool(name = "track_relationship_dynamics", description = "Record a change in a relationship arc's dynamic, "
            + "optionally where it happens (chapter and/or scene; a scene alone implies its chapter). "
            + "tension_change runs from -10 (much calmer) to +10 (much tenser). Recording the same change twice "
            + "returns the first record (already_recorded=true). The result includes the arc's change count and "
            + "net tension change.")
    public JsonText trackRelationshipDynamics(
            @Arg(value = "arc_id", required = true, description = "Relationship arc that changes") int arcId,
            @Arg(value = "chapter_id", description = "Chapter where the change happens (in the arc's series)")
            Integer chapterId,
            @Arg(value = "scene_id", description = "Scene where the change happens") Integer sceneId,
            @Arg(value = "dynamic_change", required = true, description = "How the dynamic changes") String dynamicChange,
            @Arg(value = "tension_change", min = -10, max = 10, description = "Change in tension, -10 to +10")
            Integer tensionChange,
            @Arg(value = "change_type", required = true, description = "What the change is about") ChangeType changeType,
            @Arg(value = "trigger_event", description = "What causes the change") String triggerEvent) {
        Checks.notBlank("dynamic_change", dynamicChange);
        return new JsonText(db.write(sql -> {
            if (!sql.exists("SELECT 1 FROM relationship_arcs WHERE id = ?", arcId)) {
                throw ToolException.notFound("relationship arc", arcId);
            }
            Long seriesId = sql.number("SELECT pt.series_id FROM relationship_arcs ra "
                    + "JOIN plot_threads pt ON pt.id = ra.plot_thread_id WHERE ra.id = ?", arcId);
            Integer chapter = chapterId;
            if (sceneId != null) {
                Long sceneChapter = sql.number("SELECT chapter_id FROM chapter_scenes WHERE id = ?", sceneId);
                if (sceneChapter == null) {
                    throw ToolException.notFound("scene", sceneId);
                }
                if (chapter != null && sceneChapter != chapter.longValue()) {
                    throw ToolException.invalid("scene_id", "scene " + sceneId + " is in chapter " + sceneChapter
                            + ", not in chapter " + chapter);
                }
                chapter = sceneChapter.intValue();
            }
            if (chapter != null) {
                Long chapterSeries = sql.number("SELECT b.series_id FROM chapters c JOIN books b ON b.id = c.book_id "
                        + "WHERE c.id = ?", chapter);
                if (chapterSeries == null) {
                    throw ToolException.notFound("chapter", chapter);
                }
                if (seriesId != null && !seriesId.equals(chapterSeries)) {
                    throw ToolException.invalid(sceneId != null && chapterId == null ? "scene_id" : "chapter_id",
                            "chapter " + chapter + " is in series " + chapterSeries + ", not in the arc's series "
                                    + seriesId);
                }
            }
            CharacterTools.lock(sql, "relationship_dynamics", arcId);
            Long existing = sql.number("""
                    SELECT id FROM relationship_dynamics
                    WHERE arc_id = ? AND chapter_id IS NOT DISTINCT FROM ?::int AND scene_id IS NOT DISTINCT FROM ?::int
                      AND dynamic_change = ? AND tension_change IS NOT DISTINCT FROM ?::int AND change_type = ?
                      AND trigger_event IS NOT DISTINCT FROM ?::text
                    ORDER BY id LIMIT 1""", arcId, chapter, sceneId, dynamicChange, tensionChange, changeType,
                    triggerEvent);
            long id = existing != null ? existing : sql.number("""
                    INSERT INTO relationship_dynamics (arc_id, chapter_id, scene_id, dynamic_change, tension_change,
                                                       change_type, trigger_event)
                    VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                    arcId, chapter, sceneId, dynamicChange, tensionChange, changeType, triggerEvent);
            return sql.text("""
                    SELECT to_jsonb(rd) || jsonb_build_object(
                               'already_recorded', ?::boolean,
                               'chapter_number', c.chapter_number, 'book_id', c.book_id, 'book_number', b.book_number,
                               'arc_name', ra.arc_name, 'relationship_type', ra.relationship_type,
                               'arc_dynamics_count', (SELECT count(*) FROM relationship_dynamics x WHERE x.arc_id = ra.id),
                               'arc_net_tension_change', (SELECT coalesce(sum(x.tension_change), 0)
                                                          FROM relationship_dynamics x WHERE x.arc_id = ra.id))
                    FROM relationship_dynamics rd
                    JOIN relationship_arcs ra ON ra.id = rd.arc_id
                    LEFT JOIN chapters c ON c.id = rd.chapter_id
                    LEFT JOIN books b ON b.id = c.book_id
                    WHERE rd.id = ?""", existing != null, id);
        }));
    }

    @Tool(name = "list_relationship_arcs", description = "List relationship arcs, optionally of one plot thread "
            + "and/or relationship type, each with its participants' current names, its plot thread and a "
            + "summary of recorded dynamic changes.", readOnly = true)
    public JsonText listRelationshipArcs(
            @Arg(value = "plot_thread_id", description = "Only arcs of this plot thread") Integer plotThreadId,
            @Arg(value = "relationship_type", description = "Only arcs of this kind") RelationshipType relationshipType,
            @Arg(value = "limit", defaultValue = "100", min = 1, max = Paging.MAX_LIMIT, description = Paging.LIMIT) int limit,
            @Arg(value = "offset", defaultValue = "0", min = 0, description = Paging.OFFSET) int offset) {
        return new JsonText(db.read(sql -> {
            if (plotThreadId != null) {
                sql.requireRow("plot_threads", plotThreadId, "plot thread");
            }
            return Paging.page(sql, "relationship_arcs", limit, offset, "SELECT jsonb_build_object('relationship_arcs', coalesce(jsonb_agg(" + ARC_JSON
                    + " ORDER BY ra.plot_thread_id, ra.id), '[]'::jsonb), 'count', count(*))" + ARC_FROM
                    + " WHERE (?::int IS NULL OR ra.plot_thread_id = ?) AND (?::text IS NULL OR ra.relationship_type = ?)",
                    plotThreadId, plotThreadId, relationshipType, relationshipType);
        }));
    }

    private static String arc(Sql sql, long id) throws SQLException {
        return sql.text("SELECT " + ARC_JSON + ARC_FROM + " WHERE ra.id = ?", id);
    }

    private static void requireFreeName(Sql sql, long threadId, String name, Integer exceptId) throws SQLException {
        Long existing = sql.number("SELECT id FROM relationship_arcs WHERE plot_thread_id = ? AND lower(arc_name) = "
                + "lower(?) AND (?::int IS NULL OR id <> ?) ORDER BY id LIMIT 1", threadId, name, exceptId, exceptId);
        if (existing != null) {
            throw ToolException.conflict("Plot thread " + threadId + " already has a relationship arc named '" + name
                    + "' (relationship arc " + existing + ")" + (exceptId == null
                    ? "; use update_relationship_arc to change it." : "; choose another name."));
        }
    }

    /**
     * Checks the participants against the characters table and returns them as stored: a JSON array of
     * {character_id, role_in_relationship, character_name}, names taken from the characters themselves.
     */
    private static String participantsJson(Sql sql, Long seriesId, Long threadId, List<Participant> participants)
            throws SQLException {
        List<Integer> ids = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Participant p : participants) {
            ids.add(p.characterId());
            roles.add(p.roleInRelationship().strip());
            names.add(p.characterName() == null ? null : p.characterName().strip());
        }
        String missing = sql.text("SELECT string_agg(w.id::text, ', ' ORDER BY w.n) FROM unnest(?::bigint[]) "
                + "WITH ORDINALITY AS w (id, n) WHERE NOT EXISTS (SELECT 1 FROM characters c WHERE c.id = w.id)", ids);
        if (missing != null) {
            throw new ToolException(ErrorKind.NOT_FOUND, "character(s) " + missing + " do not exist");
        }
        if (seriesId != null) {
            String foreign = sql.text("SELECT string_agg(format('%s (series %s)', c.id, c.series_id), ', ' ORDER BY c.id) "
                    + "FROM characters c WHERE c.id = ANY (?::bigint[]) AND c.series_id <> ?", ids, seriesId);
            if (foreign != null) {
                throw ToolException.invalid("participants", "character(s) " + foreign + " are not in series "
                        + seriesId + " of plot thread " + threadId);
            }
        }
        String mismatch = sql.text("""
                SELECT string_agg(format('character %s is named %L, not %L', c.id, c.name, w.given), '; ' ORDER BY w.n)
                FROM unnest(?::bigint[], ?::text[]) WITH ORDINALITY AS w (id, given, n)
                JOIN characters c ON c.id = w.id
                WHERE w.given IS NOT NULL
                  AND lower(w.given) <> lower(c.name) AND lower(w.given) <> lower(coalesce(c.full_name, ''))
                  AND NOT EXISTS (SELECT 1 FROM unnest(c.aliases) AS a WHERE lower(a) = lower(w.given))""", ids, names);
        if (mismatch != null) {
            throw ToolException.invalid("participants", mismatch);
        }
        return sql.text("""
                SELECT jsonb_agg(jsonb_build_object('character_id', c.id, 'role_in_relationship', w.role,
                                                    'character_name', c.name) ORDER BY w.n)
                FROM unnest(?::bigint[], ?::text[]) WITH ORDINALITY AS w (id, role, n)
                JOIN characters c ON c.id = w.id""", ids, roles);
    }

    private static void checkParticipants(List<Participant> participants) {
        if (participants.size() < 2) {
            throw ToolException.invalid("participants", "a relationship needs at least two characters");
        }
        Set<Integer> seen = new HashSet<>();
        for (Participant p : participants) {
            if (!seen.add(p.characterId())) {
                throw ToolException.invalid("participants", "character " + p.characterId() + " is listed twice");
            }
            if (p.roleInRelationship().isBlank()) {
                throw ToolException.invalid("participants", "role_in_relationship of character " + p.characterId()
                        + " must not be blank");
            }
        }
    }

    private static void checkName(String arcName) {
        Checks.notBlank("arc_name", arcName);
        if (arcName.strip().length() > 255) {
            throw ToolException.invalid("arc_name", "at most 255 characters");
        }
    }

    private static List<String> factors(List<String> factors) {
        if (factors == null) {
            return null;
        }
        List<String> clean = new ArrayList<>();
        for (String factor : factors) {
            if (factor == null || factor.isBlank()) {
                throw ToolException.invalid("development_factors", "a factor must not be blank");
            }
            clean.add(factor.strip());
        }
        return clean;
    }
}
