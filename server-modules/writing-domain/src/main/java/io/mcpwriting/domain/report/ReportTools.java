package io.mcpwriting.domain.report;

import io.mcpwriting.domain.Checks;
import io.mcpwriting.domain.StoredJson;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.db.Sql;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.ClientChannel;
import io.mcpwriting.mcp.tool.ErrorKind;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reports on a whole series or one book: every entity recorded for it, as JSON sections and as markdown. */
@ApplicationScoped
public class ReportTools {

    /** Binds (series id, book id or null): the scope every section query reads from. */
    static final String PARAMS = """
            WITH params AS (SELECT ?::int AS sid, ?::int AS bid),
            scope_book AS (SELECT b.* FROM books b WHERE b.id = (SELECT bid FROM params)),
            scope_chapters AS (
                SELECT ch.* FROM chapters ch JOIN books b ON b.id = ch.book_id
                WHERE b.series_id = (SELECT sid FROM params)
                  AND ((SELECT bid FROM params) IS NULL OR b.id = (SELECT bid FROM params))),
            scope_usage AS (
                SELECT u.element_id, CASE lower(btrim(u.element_type))
                                         WHEN 'location' THEN 'location' WHEN 'locations' THEN 'location'
                                         WHEN 'organization' THEN 'organization' WHEN 'organizations' THEN 'organization'
                                         WHEN 'organisation' THEN 'organization'
                                         WHEN 'world_element' THEN 'world_element' WHEN 'world_elements' THEN 'world_element'
                                         WHEN 'element' THEN 'world_element' END AS kind
                FROM world_element_usage u JOIN books b ON b.id = u.book_id
                WHERE b.series_id = (SELECT sid FROM params)
                  AND ((SELECT bid FROM params) IS NULL OR u.book_id = (SELECT bid FROM params)))
            """;

    @Inject
    Db db;

    @Tool(name = "generate_report", description = "Generate a complete report of a series or of one book, chosen "
            + "by exactly one of series_id, book_id, series_name or book_name (names match case-insensitively, "
            + "exactly or else as a unique part of the title). Sections (all by default): series_info, books, "
            + "characters, locations, organizations, plot_threads, world_elements, timeline_events, "
            + "relationship_arcs; for a book, each section keeps what the book contains or uses (its chapters, the "
            + "characters on its pages, elements used in it, threads running through it). Returns the sections as "
            + "JSON with counts, plus the whole report rendered as markdown.", readOnly = true,
            exactlyOneOf = {"series_id", "book_id", "series_name", "book_name"})
    public JsonText generateReport(
            @Arg(value = "series_id", description = "Series to report on") Integer seriesId,
            @Arg(value = "book_id", description = "Book to report on") Integer bookId,
            @Arg(value = "series_name", description = "Title of the series to report on") String seriesName,
            @Arg(value = "book_name", description = "Title of the book to report on") String bookName,
            @Arg(value = "include_sections", description = "Sections to include, in any order; all when omitted")
            List<ReportSection> includeSections) {
        long given = Stream.of(seriesId, bookId, seriesName, bookName).filter(v -> v != null).count();
        if (given != 1) {
            throw ToolException.invalid("series_id", "give exactly one of series_id, book_id, series_name, book_name");
        }
        Checks.notBlank("series_name", seriesName);
        Checks.notBlank("book_name", bookName);
        if (includeSections != null && includeSections.isEmpty()) {
            throw ToolException.invalid("include_sections", "must name at least one section; omit it for all");
        }
        Set<ReportSection> wanted = includeSections == null ? EnumSet.allOf(ReportSection.class)
                : EnumSet.copyOf(includeSections);
        String json = db.read(sql -> {
            Scope scope = resolve(sql, seriesId, bookId, seriesName, bookName);
            StringBuilder sections = new StringBuilder("{");
            int done = 0;
            for (ReportSection section : wanted) {
                ClientChannel.current().progress(done++, (double) wanted.size(), "section " + section.key());
                String value = sql.text(PARAMS + section.query, scope.seriesId, scope.bookId);
                sections.append(sections.length() > 1 ? "," : "").append('"').append(section.key()).append("\":")
                        .append(value);
            }
            sections.append('}');
            return sql.text("""
                    SELECT jsonb_build_object(
                        'scope', jsonb_build_object(
                            'type', CASE WHEN b.id IS NULL THEN 'series' ELSE 'book' END, 'chosen_by', ?::text,
                            'series_id', s.id, 'series_title', s.title, 'author', a.name,
                            'book_id', b.id, 'book_title', b.title, 'book_number', b.book_number),
                        'sections_included', to_jsonb(?::text[]),
                        'summary', (SELECT jsonb_object_agg(key, CASE jsonb_typeof(value) WHEN 'array'
                                                                   THEN jsonb_array_length(value) ELSE 1 END)
                                    FROM jsonb_each(?::jsonb)),
                        'sections', ?::jsonb,
                        'generated_at', now())
                    FROM series s JOIN authors a ON a.id = s.author_id LEFT JOIN books b ON b.id = ?
                    WHERE s.id = ?""", scope.chosenBy,
                    wanted.stream().map(ReportSection::key).collect(Collectors.toList()), sections.toString(),
                    sections.toString(), scope.bookId, scope.seriesId);
        });
        ClientChannel.current().progress(wanted.size(), (double) wanted.size(), "rendering the report");
        Map<String, Object> report = StoredJson.object(json);
        String markdown = MarkdownReport.render(report, wanted);
        return new JsonText(db.read(sql -> sql.text("SELECT ?::jsonb || jsonb_build_object('markdown', ?::text)",
                json, markdown)));
    }

    private record Scope(long seriesId, Long bookId, String chosenBy) {
    }

    private static Scope resolve(Sql sql, Integer seriesId, Integer bookId, String seriesName, String bookName)
            throws SQLException {
        if (seriesId != null) {
            sql.requireRow("series", seriesId, "series");
            return new Scope(seriesId, null, "series_id");
        }
        if (bookId != null) {
            Long series = sql.number("SELECT series_id FROM books WHERE id = ?", bookId);
            if (series == null) {
                throw ToolException.notFound("book", bookId);
            }
            return new Scope(series, (long) bookId, "book_id");
        }
        if (seriesName != null) {
            long id = byName(sql, "series_name", "series", seriesName,
                    "SELECT id, title, NULL::text AS context FROM series");
            return new Scope(id, null, "series_name");
        }
        long id = byName(sql, "book_name", "book", bookName, """
                SELECT b.id, b.title, format('book %s of "%s"', b.book_number, s.title) AS context
                FROM books b JOIN series s ON s.id = b.series_id""");
        return new Scope(sql.number("SELECT series_id FROM books WHERE id = ?", id), id, "book_name");
    }

    /**
     * The one row whose title equals the name (case-insensitive), else the one whose title contains it.
     * Several candidates fail listing them, so the caller can pick by id.
     */
    private static long byName(Sql sql, String argument, String label, String name, String rows) throws SQLException {
        String found = sql.text("""
                WITH r AS (""" + rows + """
                ), exact AS (SELECT * FROM r WHERE lower(title) = lower(btrim(?))),
                partial AS (SELECT * FROM r WHERE strpos(lower(title), lower(btrim(?))) > 0),
                pick AS (SELECT * FROM exact UNION ALL SELECT * FROM partial WHERE NOT EXISTS (SELECT 1 FROM exact))
                SELECT jsonb_build_object('ids', jsonb_agg(id ORDER BY id),
                                          'candidates', string_agg(format('%s (id %s%s)', title, id,
                                                                          ', ' || context), '; ' ORDER BY id))
                FROM pick""", name, name);
        Map<String, Object> result = StoredJson.object(found);
        @SuppressWarnings("unchecked")
        List<Number> ids = result.get("ids") == null ? List.of() : (List<Number>) result.get("ids");
        if (ids.isEmpty()) {
            throw new ToolException(ErrorKind.NOT_FOUND, "no " + label + " is titled '" + name.strip()
                    + "' or has it in its title");
        }
        if (ids.size() > 1) {
            throw ToolException.invalid(argument, "'" + name.strip() + "' matches " + ids.size() + " " + label
                    + " titles: " + result.get("candidates") + "; give a fuller title or the id");
        }
        return ids.get(0).longValue();
    }
}
