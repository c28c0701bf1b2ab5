package io.mcpwriting.domain.series;

import io.mcpwriting.domain.Checks;
import io.mcpwriting.domain.Paging;
import io.mcpwriting.domain.genre.Genres;
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

/** Series: the top of the planning tree, with their author, genres, books and what has been planned in them. */
@ApplicationScoped
public class SeriesTools {

    /** The genres of series {@code s} as [{id, genre_name}], alphabetical. */
    private static final String GENRES_JSON = """
            coalesce((SELECT jsonb_agg(jsonb_build_object('id', g.id, 'genre_name', g.genre_name) ORDER BY g.genre_name)
                      FROM series_genres sg JOIN genres g ON g.id = sg.genre_id
                      WHERE sg.series_id = s.id), '[]'::jsonb)""";

    /** One series ({@code s} joined with its author {@code a}) with genres, books and planning counts. */
    private static final String SERIES_JSON = """
            to_jsonb(s) || jsonb_build_object(
                'author_name', a.name,
                'genres', $GENRES,
                'books', coalesce((SELECT jsonb_agg(jsonb_build_object('id', b.id, 'book_number', b.book_number,
                                      'title', b.title, 'status', b.status, 'actual_word_count', b.actual_word_count,
                                      'target_word_count', b.target_word_count) ORDER BY b.book_number)
                                   FROM books b WHERE b.series_id = s.id), '[]'::jsonb),
                'word_counts', (SELECT jsonb_build_object('actual', coalesce(sum(b.actual_word_count), 0),
                                                          'target', coalesce(sum(b.target_word_count), 0))
                                FROM books b WHERE b.series_id = s.id),
                'counts', jsonb_build_object(
                    'books', (SELECT count(*) FROM books b WHERE b.series_id = s.id),
                    'chapters', (SELECT count(*) FROM chapters c JOIN books b ON b.id = c.book_id WHERE b.series_id = s.id),
                    'characters', (SELECT count(*) FROM characters c WHERE c.series_id = s.id),
                    'plot_threads', (SELECT count(*) FROM plot_threads p WHERE p.series_id = s.id),
                    'active_plot_threads', (SELECT count(*) FROM plot_threads p JOIN plot_thread_statuses ps
                                              ON ps.id = p.current_status_id
                                            WHERE p.series_id = s.id AND ps.status_name = 'active'),
                    'timeline_events', (SELECT count(*) FROM timeline_events e WHERE e.series_id = s.id),
                    'locations', (SELECT count(*) FROM locations l WHERE l.series_id = s.id),
                    'organizations', (SELECT count(*) FROM organizations o WHERE o.series_id = s.id),
                    'world_elements', (SELECT count(*) FROM world_elements w WHERE w.series_id = s.id),
                    'world_systems', (SELECT count(*) FROM world_systems w WHERE w.series_id = s.id)))""".replace("$GENRES", GENRES_JSON);

    @Inject
    Db db;

    @Tool(name = "list_series", description = "List every series with its author, status, genres, number of books "
            + "and total words written (sum of the books' actual_word_count).", readOnly = true)
    public JsonText listSeries(
            @Arg(value = "limit", defaultValue = "100", min = 1, max = Paging.MAX_LIMIT, description = Paging.LIMIT) int limit,
            @Arg(value = "offset", defaultValue = "0", min = 0, description = Paging.OFFSET) int offset) {
        // a database function (migration V75), whose plans each backend keeps
        return new JsonText(db.read(sql -> sql.text("SELECT series_list(?, ?)", limit, offset)));
    }

    @Tool(name = "create_series", description = "Create a series for an author. Titles are unique per author "
            + "(case-insensitive): repeating a create fails with the existing series' id. Status defaults to ongoing. "
            + "Returns the series as get_series does.")
    public JsonText createSeries(
            @Arg(value = "title", required = true, description = "Series title") String title,
            @Arg(value = "author_id", required = true, description = "Author who writes the series") int authorId,
            @Arg(value = "description", description = "What the series is about") String description,
            @Arg(value = "genre_ids", description = "Ids of the series' genres (get_available_options lists genres)")
            List<Integer> genreIds,
            @Arg(value = "start_year", description = "Year the series started or starts (publication), e.g. 2024")
            Integer startYear,
            @Arg(value = "status", description = "ongoing (default), completed or hiatus") SeriesStatus status) {
        Checks.notBlank("title", title);
        Checks.year("start_year", startYear);
        return new JsonText(db.write(sql -> {
            sql.requireRow("authors", authorId, "author");
            Long existing = sql.number("SELECT id FROM series WHERE author_id = ? AND lower(title) = lower(?)",
                    authorId, title.strip());
            if (existing != null) {
                throw ToolException.conflict("Author " + authorId + " already has a series titled '" + title.strip()
                        + "' (series " + existing + "); use update_series to change it.");
            }
            if (genreIds != null) {
                Genres.requireIds(sql, genreIds);
            }
            long id = sql.number("""
                    INSERT INTO series (author_id, title, description, start_year, status)
                    VALUES (?, ?, ?, ?, coalesce(?, 'ongoing')) RETURNING id""",
                    authorId, title.strip(), description, startYear, status);
            if (genreIds != null) {
                addGenres(sql, id, genreIds);
            }
            return series(sql, id);
        }));
    }

    @Tool(name = "get_series", description = "Get one series with its author, genres, books (id, book_number, title, "
            + "status, word counts), total words, and counts of its chapters, characters, plot threads (all and "
            + "active), timeline events, locations, organizations, world elements and world systems.", readOnly = true)
    public JsonText getSeries(@Arg(value = "series_id", required = true, description = "Series id") int seriesId) {
        String json = db.read(sql -> series(sql, seriesId));
        if (json == null) {
            throw ToolException.notFound("series", seriesId);
        }
        return new JsonText(json);
    }

    @Tool(name = "update_series", description = "Change a series; only the fields given change. genre_ids, when given, "
            + "replaces the series' genres (an empty list removes them all). Returns the series as get_series does.",
            idempotent = true)
    public JsonText updateSeries(
            @Arg(value = "series_id", required = true, description = "Series to change") int seriesId,
            @Arg(value = "title", description = "New title (unique among the author's series)") String title,
            @Arg(value = "description", description = "New description") String description,
            @Arg(value = "genre_ids", description = "Genre ids replacing the current ones") List<Integer> genreIds,
            @Arg(value = "start_year", description = "Year the series started, e.g. 2024") Integer startYear,
            @Arg(value = "status", description = "ongoing, completed or hiatus") SeriesStatus status) {
        if (title != null) {
            Checks.notBlank("title", title);
        }
        Checks.year("start_year", startYear);
        Changes changes = new Changes().set("title", title == null ? null : title.strip()).set("description", description)
                .set("start_year", startYear).set("status", status);
        if (genreIds == null) {
            changes.requireAny("title, description, genre_ids, start_year, status");
        }
        return new JsonText(db.write(sql -> {
            sql.requireRow("series", seriesId, "series");
            if (title != null) {
                Long clash = sql.number("""
                        SELECT o.id FROM series o JOIN series s ON s.author_id = o.author_id
                        WHERE s.id = ? AND o.id <> s.id AND lower(o.title) = lower(?)""", seriesId, title.strip());
                if (clash != null) {
                    throw ToolException.conflict("The author already has a series titled '" + title.strip()
                            + "' (series " + clash + ").");
                }
            }
            if (!changes.isEmpty()) {
                changes.applyTo(sql, "series", seriesId);
            }
            if (genreIds != null) {
                Genres.requireIds(sql, genreIds);
                sql.update("DELETE FROM series_genres WHERE series_id = ? AND genre_id <> ALL(?::bigint[])",
                        seriesId, genreIds);
                addGenres(sql, seriesId, genreIds);
            }
            return series(sql, seriesId);
        }));
    }

    @Tool(name = "assign_series_genres", description = "Add genres (by id) to a series; genres it already has stay, "
            + "so repeating the call changes nothing. To replace or remove genres use update_series with genre_ids. "
            + "Returns the series' id, title and all its genres.", idempotent = true)
    public JsonText assignSeriesGenres(
            @Arg(value = "series_id", required = true, description = "Series id") int seriesId,
            @Arg(value = "genre_ids", required = true, description = "Genre ids to add (at least one)")
            List<Integer> genreIds) {
        if (genreIds.isEmpty()) {
            throw ToolException.invalid("genre_ids", "give at least one genre id");
        }
        return new JsonText(db.write(sql -> {
            sql.requireRow("series", seriesId, "series");
            Genres.requireIds(sql, genreIds);
            int added = addGenres(sql, seriesId, genreIds);
            return sql.text("SELECT jsonb_build_object('series_id', s.id, 'title', s.title, 'genres', " + GENRES_JSON
                    + ", 'added_count', ?::int) FROM series s WHERE s.id = ?", added, seriesId);
        }));
    }

    private static String series(Sql sql, long seriesId) throws SQLException {
        return sql.text("SELECT " + SERIES_JSON + " FROM series s JOIN authors a ON a.id = s.author_id WHERE s.id = ?",
                seriesId);
    }

    /** Adds the genres the series does not have yet; the number added. */
    private static int addGenres(Sql sql, long seriesId, List<Integer> genreIds) throws SQLException {
        return sql.update("INSERT INTO series_genres (series_id, genre_id) SELECT DISTINCT ?::int, g FROM "
                + "unnest(?::bigint[]) AS g ON CONFLICT (series_id, genre_id) DO NOTHING", seriesId, genreIds);
    }
}
