package io.mcpwriting.domain.catalog;

import io.mcpwriting.domain.Checks;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The lookup values other tools accept by name (genres, plot thread types and statuses, story elements, ...). */
@ApplicationScoped
public class CatalogTools {

    @Inject
    Db db;

    @Tool(name = "get_available_options", description = "List the values of one lookup table, with a description of "
            + "each, e.g. the genres, plot thread types or statuses, relationship types between plot threads, story "
            + "concerns/outcomes/judgments, scene purposes and types, writing statuses. Other tools accept these "
            + "names. genre_filter (only with option_type genres) keeps genres whose name or description contains "
            + "the text (case-insensitive; spaces match underscores).", readOnly = true, idempotent = true)
    public JsonText getAvailableOptions(
            @Arg(value = "option_type", required = true, description = "Which lookup table to list") OptionType optionType,
            @Arg(value = "genre_filter", description = "Text a genre's name or description must contain (genres only)")
            String genreFilter,
            @Arg(value = "active_only", defaultValue = "true", description = "Leave out values marked inactive")
            boolean activeOnly) {
        Checks.notBlank("genre_filter", genreFilter);
        if (genreFilter != null && optionType != OptionType.GENRES) {
            throw ToolException.invalid("genre_filter", "applies only to option_type genres, not "
                    + optionType.name().toLowerCase(java.util.Locale.ROOT));
        }
        String name = optionType.nameColumn;
        String description = optionType.descriptionColumn;
        return new JsonText(db.read(sql -> sql.text("""
                SELECT jsonb_build_object(
                    'option_type', ?::text, 'active_only', ?::boolean, 'genre_filter', ?::text,
                    'options', coalesce(jsonb_agg(jsonb_build_object('id', t.id, 'name', t.%1$s, 'description', t.%2$s,
                                                                     'is_active', t.is_active) ORDER BY t.id), '[]'::jsonb),
                    'count', count(*))
                FROM %3$s t
                WHERE (NOT ? OR t.is_active)
                  AND (?::text IS NULL
                       OR strpos(lower(t.%1$s), replace(lower(btrim(?)), ' ', '_')) > 0
                       OR strpos(lower(coalesce(t.%2$s, '')), lower(btrim(?))) > 0)
                """.formatted(name, description, optionType.table),
                optionType, activeOnly, genreFilter, activeOnly, genreFilter, genreFilter, genreFilter)));
    }
}
