package io.mcpwriting.domain.character;

import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Reading relationship arcs and the recorded changes in their dynamics, in story order. */
@ApplicationScoped
public class RelationshipReadTools {

    /** The arc's dynamics in story order (book, chapter, scene, then recording order), with running tension. */
    private static final String DYNAMICS = """
            SELECT d.id, d.arc_id, d.chapter_id AS recorded_chapter_id, d.scene_id, d.dynamic_change, d.tension_change,
                   d.change_type, d.trigger_event, d.created_at,
                   ch.id AS chapter_id, ch.chapter_number, ch.title AS chapter_title, b.id AS book_id, b.book_number,
                   b.title AS book_title, s.scene_number,
                   sum(coalesce(d.tension_change, 0)) OVER (ORDER BY b.book_number NULLS LAST, ch.chapter_number NULLS LAST,
                       s.scene_number NULLS LAST, d.created_at, d.id ROWS UNBOUNDED PRECEDING) AS cumulative_tension,
                   row_number() OVER (ORDER BY b.book_number NULLS LAST, ch.chapter_number NULLS LAST,
                       s.scene_number NULLS LAST, d.created_at, d.id) AS step
            FROM relationship_dynamics d
            LEFT JOIN chapter_scenes s ON s.id = d.scene_id
            LEFT JOIN chapters ch ON ch.id = coalesce(d.chapter_id, s.chapter_id)
            LEFT JOIN books b ON b.id = ch.book_id
            WHERE d.arc_id = a.id""";

    /** The arc row with its plot thread, participants resolved to characters, and a dynamics summary. */
    private static final String ARC_JSON = """
            to_jsonb(a) || jsonb_build_object(
                'plot_thread', (SELECT jsonb_build_object('id', pt.id, 'title', pt.title, 'series_id', pt.series_id)
                                FROM plot_threads pt WHERE pt.id = a.plot_thread_id),
                'participants', coalesce((
                    SELECT jsonb_agg(p.value || jsonb_build_object(
                               'character_name', coalesce(c.name, p.value ->> 'character_name'),
                               'character_exists', c.id IS NOT NULL) ORDER BY p.ord)
                    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(a.participants) = 'array' THEN a.participants
                                                   ELSE '[]'::jsonb END) WITH ORDINALITY AS p(value, ord)
                    LEFT JOIN characters c ON c.id = CASE WHEN p.value ->> 'character_id' ~ '^[0-9]{1,9}$'
                                                          THEN (p.value ->> 'character_id')::int END), '[]'::jsonb),
                'dynamics_count', (SELECT count(*) FROM relationship_dynamics d WHERE d.arc_id = a.id),
                'net_tension_change', (SELECT coalesce(sum(d.tension_change), 0) FROM relationship_dynamics d
                                       WHERE d.arc_id = a.id),
                'latest_change', (SELECT to_jsonb(x) - 'arc_id' FROM (""" + DYNAMICS + """
                                  ) x ORDER BY x.step DESC LIMIT 1))""";

    @Inject
    Db db;

    @Tool(name = "get_relationship_arc", description = "Get a relationship arc: its type, current dynamic, "
            + "development factors and milestones, the plot thread it belongs to, its participants (with their "
            + "character names and roles), how many dynamics changes are recorded, the net tension change "
            + "(sum of changes, each -10..10) and the latest change in story order.", readOnly = true)
    public JsonText getRelationshipArc(@Arg(value = "arc_id", required = true, description = "Relationship arc id")
                                       int arcId) {
        String json = db.read(sql -> sql.text("SELECT " + ARC_JSON + " FROM relationship_arcs a WHERE a.id = ?", arcId));
        if (json == null) {
            throw ToolException.notFound("relationship arc", arcId);
        }
        return new JsonText(json);
    }

    @Tool(name = "get_relationship_timeline", description = "Get how a relationship arc developed: every recorded "
            + "dynamics change in story order (book, chapter, scene; changes without a chapter come last), with the "
            + "change type, tension change and the running tension total after each step, plus the arc's milestones.",
            readOnly = true)
    public JsonText getRelationshipTimeline(@Arg(value = "arc_id", required = true, description = "Relationship arc id")
                                            int arcId) {
        String json = db.read(sql -> sql.text("""
                SELECT jsonb_build_object(
                    'arc', jsonb_build_object('id', a.id, 'arc_name', a.arc_name, 'relationship_type', a.relationship_type,
                                              'current_dynamic', a.current_dynamic, 'plot_thread_id', a.plot_thread_id),
                    'participants', coalesce((
                        SELECT jsonb_agg(jsonb_build_object('character_id', c.id, 'name', c.name,
                                         'role_in_relationship', p.value ->> 'role_in_relationship') ORDER BY p.ord)
                        FROM jsonb_array_elements(CASE WHEN jsonb_typeof(a.participants) = 'array' THEN a.participants
                                                       ELSE '[]'::jsonb END) WITH ORDINALITY AS p(value, ord)
                        JOIN characters c ON c.id = CASE WHEN p.value ->> 'character_id' ~ '^[0-9]{1,9}$'
                                                         THEN (p.value ->> 'character_id')::int END), '[]'::jsonb),
                    'milestone_events', a.milestone_events,
                    'timeline', coalesce((SELECT jsonb_agg(to_jsonb(x) - 'arc_id' ORDER BY x.step) FROM (""" + DYNAMICS + """
                                          ) x), '[]'::jsonb),
                    'count', (SELECT count(*) FROM relationship_dynamics d WHERE d.arc_id = a.id),
                    'undated_count', (SELECT count(*) FROM relationship_dynamics d
                                      LEFT JOIN chapter_scenes s ON s.id = d.scene_id
                                      WHERE d.arc_id = a.id AND coalesce(d.chapter_id, s.chapter_id) IS NULL),
                    'net_tension_change', (SELECT coalesce(sum(d.tension_change), 0) FROM relationship_dynamics d
                                           WHERE d.arc_id = a.id))
                FROM relationship_arcs a WHERE a.id = ?""", arcId));
        if (json == null) {
            throw ToolException.notFound("relationship arc", arcId);
        }
        return new JsonText(json);
    }
}
