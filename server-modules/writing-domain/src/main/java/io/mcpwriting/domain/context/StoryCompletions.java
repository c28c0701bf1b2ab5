package io.mcpwriting.domain.context;

import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.prompt.Completion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * Completes the ids of prompt arguments and resource-template variables from the database: by the id's digits,
 * or by a title or name (its start or any word's start), narrowed by the series, book or chapter already chosen.
 * Bounded by {@link Completion#LIMIT} (one more is read, to tell whether there are more); each is one indexed or
 * small scan.
 */
@ApplicationScoped
public class StoryCompletions {

    @Inject
    Db db;

    @Completion("series_id")
    public List<String> series(String prefix, Map<String, String> context) {
        return ids("SELECT id FROM series s WHERE " + MATCH.formatted("s.title") + " ORDER BY s.id LIMIT ?",
                prefix);
    }

    @Completion("book_id")
    public List<String> books(String prefix, Map<String, String> context) {
        return ids("SELECT id FROM books b WHERE " + MATCH.formatted("b.title")
                + " AND (?::int IS NULL OR b.series_id = ?) ORDER BY b.series_id, b.book_number, b.id LIMIT ?",
                prefix, number(context, "series_id"));
    }

    @Completion("chapter_id")
    public List<String> chapters(String prefix, Map<String, String> context) {
        return ids("SELECT id FROM chapters ch WHERE " + MATCH.formatted("ch.title")
                + " AND (?::int IS NULL OR ch.book_id = ?) ORDER BY ch.book_id, ch.chapter_number LIMIT ?",
                prefix, number(context, "book_id"));
    }

    @Completion("scene_id")
    public List<String> scenes(String prefix, Map<String, String> context) {
        return ids("SELECT id FROM chapter_scenes sc WHERE " + MATCH.formatted("sc.scene_title")
                + " AND (?::int IS NULL OR sc.chapter_id = ?) ORDER BY sc.chapter_id, sc.scene_number LIMIT ?",
                prefix, number(context, "chapter_id"));
    }

    @Completion("character_id")
    public List<String> characters(String prefix, Map<String, String> context) {
        return ids("SELECT id FROM characters c WHERE " + MATCH.formatted("c.name")
                + " AND (?::int IS NULL OR c.series_id = ?) ORDER BY c.name, c.id LIMIT ?",
                prefix, number(context, "series_id"));
    }

    /** The id's digits, or the text's start or a word's start; the prefix is a bound, escaped LIKE pattern. */
    private static final String MATCH = "(id::text LIKE ? || '%%' OR %1$s ILIKE ? || '%%' OR %1$s ILIKE '%% ' || ? || '%%')";

    private List<String> ids(String query, String prefix, Integer... scope) {
        String pattern = prefix.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        Object[] params = new Object[3 + scope.length * 2 + 1];
        params[0] = pattern;
        params[1] = pattern;
        params[2] = pattern;
        int i = 3;
        for (Integer s : scope) {
            params[i++] = s;
            params[i++] = s;
        }
        params[i] = Completion.LIMIT + 1;
        return db.read(sql -> sql.numbers(query, params)).stream().map(String::valueOf).toList();
    }

    private static Integer number(Map<String, String> context, String name) {
        String value = context.get(name);
        return value != null && value.strip().matches("\\d{1,9}") ? Integer.valueOf(value.strip()) : null;
    }
}
