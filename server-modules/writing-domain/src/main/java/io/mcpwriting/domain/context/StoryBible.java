package io.mcpwriting.domain.context;

import io.mcpwriting.domain.StoredJson;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/** A series' story bible: who, where and what, and the threads still open, as one Markdown page. */
@ApplicationScoped
public class StoryBible {

    private static final String BIBLE = """
            SELECT jsonb_build_object(
                'title', s.title, 'description', s.description,
                'characters', coalesce((SELECT jsonb_agg(jsonb_build_object('name', c.name, 'full_name', c.full_name,
                                            'type', c.character_type, 'status', c.status) ORDER BY c.name)
                                        FROM characters c WHERE c.series_id = s.id), '[]'::jsonb),
                'locations', coalesce((SELECT jsonb_agg(jsonb_build_object('name', l.name, 'type', l.location_type,
                                           'description', l.description) ORDER BY l.name)
                                       FROM locations l WHERE l.series_id = s.id), '[]'::jsonb),
                'world_elements', coalesce((SELECT jsonb_agg(jsonb_build_object('name', w.name, 'type', w.element_type,
                                                'description', w.description) ORDER BY w.name)
                                            FROM world_elements w WHERE w.series_id = s.id), '[]'::jsonb),
                'organizations', coalesce((SELECT jsonb_agg(jsonb_build_object('name', o.name,
                                               'type', o.organization_type, 'description', o.description) ORDER BY o.name)
                                           FROM organizations o WHERE o.series_id = s.id), '[]'::jsonb),
                'open_plot_threads', coalesce((SELECT jsonb_agg(jsonb_build_object('title', p.title,
                                                   'status', st.status_name, 'importance', p.importance_level,
                                                   'description', p.description)
                                                   ORDER BY p.importance_level DESC NULLS LAST, p.title)
                                               FROM plot_threads p
                                               LEFT JOIN plot_thread_statuses st ON st.id = p.current_status_id
                                               WHERE p.series_id = s.id
                                                 AND coalesce(st.status_name, '') NOT IN ('resolved', 'abandoned')),
                                              '[]'::jsonb))
            FROM series s WHERE s.id = ?""";

    @Inject
    Db db;

    public String markdown(int seriesId) {
        String json = db.read(sql -> sql.text(BIBLE, seriesId));
        if (json == null) {
            throw ToolException.notFound("series", seriesId);
        }
        return render(StoredJson.object(json));
    }

    static String render(Map<String, Object> bible) {
        StringBuilder out = new StringBuilder("# Story bible: ").append(bible.get("title")).append("\n\n");
        if (ChapterMarkdown.present(bible.get("description"))) {
            out.append(bible.get("description").toString().strip()).append("\n\n");
        }
        section(out, "Characters", bible.get("characters"), "full_name", "status");
        section(out, "Locations", bible.get("locations"), "description", null);
        section(out, "World", bible.get("world_elements"), "description", null);
        section(out, "Organizations", bible.get("organizations"), "description", null);
        out.append("## Open plot threads\n\n");
        List<?> threads = (List<?>) bible.get("open_plot_threads");
        if (threads.isEmpty()) {
            out.append("None.\n\n");
        }
        for (Object t : threads) {
            Map<?, ?> thread = (Map<?, ?>) t;
            out.append("- **").append(thread.get("title")).append("** (").append(thread.get("status"));
            if (thread.get("importance") != null) {
                out.append(", importance ").append(thread.get("importance"));
            }
            out.append(")");
            if (ChapterMarkdown.present(thread.get("description"))) {
                out.append(": ").append(oneLine(thread.get("description")));
            }
            out.append('\n');
        }
        return out.append('\n').toString();
    }

    private static void section(StringBuilder out, String heading, Object rows, String detail, String extra) {
        out.append("## ").append(heading).append("\n\n");
        List<?> list = (List<?>) rows;
        if (list.isEmpty()) {
            out.append("None recorded.\n\n");
            return;
        }
        for (Object r : list) {
            Map<?, ?> row = (Map<?, ?>) r;
            out.append("- **").append(row.get("name")).append("**");
            if (ChapterMarkdown.present(row.get("type"))) {
                out.append(" (").append(row.get("type")).append(")");
            }
            if (ChapterMarkdown.present(row.get(detail))) {
                out.append(": ").append(oneLine(row.get(detail)));
            }
            if (extra != null && ChapterMarkdown.present(row.get(extra))) {
                out.append(" · ").append(row.get(extra));
            }
            out.append('\n');
        }
        out.append('\n');
    }

    private static String oneLine(Object text) {
        return text.toString().strip().replaceAll("\\s*\\n\\s*", " ");
    }
}
