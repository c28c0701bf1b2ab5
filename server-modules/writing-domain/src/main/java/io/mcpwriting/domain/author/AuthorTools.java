package io.mcpwriting.domain.author;

import io.mcpwriting.domain.Checks;
import io.mcpwriting.domain.Paging;
import io.mcpwriting.mcp.db.Changes;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Authors: the people series belong to. */
@ApplicationScoped
public class AuthorTools {

    private static final String AUTHOR_JSON = """
            to_jsonb(a) || jsonb_build_object('series', coalesce((
                SELECT jsonb_agg(jsonb_build_object('id', s.id, 'title', s.title, 'status', s.status) ORDER BY s.id)
                FROM series s WHERE s.author_id = a.id), '[]'::jsonb))""";

    @Inject
    Db db;

    @Tool(name = "list_authors", description = "List every author with the number of series each has.",
            readOnly = true)
    public JsonText listAuthors(
            @Arg(value = "limit", defaultValue = "100", min = 1, max = Paging.MAX_LIMIT, description = Paging.LIMIT) int limit,
            @Arg(value = "offset", defaultValue = "0", min = 0, description = Paging.OFFSET) int offset) {
        // a database function (migration V75), whose plans each backend keeps
        return new JsonText(db.read(sql -> sql.text("SELECT author_list(?, ?)", limit, offset)));
    }

    @Tool(name = "get_author", description = "Get one author, with the series they write.", readOnly = true)
    public JsonText getAuthor(@Arg(value = "author_id", required = true, description = "Author id") int authorId) {
        String json = db.read(sql -> sql.text("SELECT " + AUTHOR_JSON + " FROM authors a WHERE a.id = ?", authorId));
        if (json == null) {
            throw ToolException.notFound("author", authorId);
        }
        return new JsonText(json);
    }

    @Tool(name = "create_author", description = "Create an author. Email addresses are unique (case-insensitive).")
    public JsonText createAuthor(
            @Arg(value = "name", required = true, description = "Pen name or full name") String name,
            @Arg(value = "email", description = "Contact email") String email,
            @Arg(value = "bio", description = "Short biography") String bio,
            @Arg(value = "birth_year", description = "Year of birth") Integer birthYear) {
        Checks.notBlank("name", name);
        Checks.email("email", email);
        Checks.year("birth_year", birthYear);
        return new JsonText(db.write(sql -> sql.text(
                "INSERT INTO authors (name, email, bio, birth_year) VALUES (?, ?, ?, ?) RETURNING to_jsonb(authors.*)",
                name.strip(), email, bio, birthYear)));
    }

    @Tool(name = "update_author", description = "Change an author's name, bio or birth year; only the fields given change.",
            idempotent = true)
    public JsonText updateAuthor(
            @Arg(value = "author_id", required = true, description = "Author to change") int authorId,
            @Arg(value = "name", description = "New name") String name,
            @Arg(value = "bio", description = "New biography") String bio,
            @Arg(value = "birth_year", description = "New year of birth") Integer birthYear) {
        if (name != null) {
            Checks.notBlank("name", name);
        }
        Checks.year("birth_year", birthYear);
        Changes changes = new Changes().set("name", name == null ? null : name.strip()).set("bio", bio)
                .set("birth_year", birthYear).requireAny("name, bio, birth_year");
        String json = db.write(sql -> changes.applyTo(sql, "authors", authorId));
        if (json == null) {
            throw ToolException.notFound("author", authorId);
        }
        return new JsonText(json);
    }
}
