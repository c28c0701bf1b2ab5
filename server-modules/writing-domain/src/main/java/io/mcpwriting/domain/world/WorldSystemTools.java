package io.mcpwriting.domain.world;

import io.mcpwriting.domain.Checks;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** World systems: the rule sets (magic, technology, divine power, ...) that a series' world runs on. */
@ApplicationScoped
public class WorldSystemTools {

    /** A world system row {@code ws} with the number of world elements and abilities that belong to it. */
    static final String WORLD_SYSTEM_JSON = """
            to_jsonb(ws) || jsonb_build_object(
                'element_count', (SELECT count(*) FROM world_elements w WHERE w.system_id = ws.id),
                'ability_count', (SELECT count(*) FROM system_abilities a WHERE a.system_id = ws.id))""";

    /**
     * A get_world_elements answer (the first parameter) with the world systems of a series and/or one system (the
     * next two, either null for any) added as {@code world_systems}: what get_world_elements' include_systems adds.
     */
    static final String WITH_SYSTEMS = """
            SELECT ?::jsonb || jsonb_build_object('world_systems', coalesce((
                       SELECT jsonb_agg(%s ORDER BY ws.series_id, lower(ws.system_name), ws.id)
                       FROM world_systems ws
                       CROSS JOIN (SELECT ?::int AS series_id, ?::int AS system_id) f
                       WHERE (f.series_id IS NULL OR ws.series_id = f.series_id)
                         AND (f.system_id IS NULL OR ws.id = f.system_id)), '[]'::jsonb))""".formatted(WORLD_SYSTEM_JSON);

    @Inject
    Db db;

    @Tool(name = "define_world_system", description = "Define a power system of a series' world (magic, psionics, "
            + "technology, divine, supernatural, mutation or alchemy): where its power comes from, how it is accessed, "
            + "its limits, rules and power scale. System names are unique in a series (case-insensitive): defining "
            + "one that exists fails with its id. World elements refer to a system through system_id.")
    public JsonText defineWorldSystem(
            @Arg(value = "series_id", required = true, description = "Series whose world it belongs to") int seriesId,
            @Arg(value = "system_name", required = true, description = "Name of the system, e.g. The Weave")
            String systemName,
            @Arg(value = "system_type", required = true, description = "Kind of system") WorldSystemType systemType,
            @Arg(value = "power_source", required = true, description = "Where the power comes from") String powerSource,
            @Arg(value = "access_method", required = true, description = "How a user reaches the power, e.g. spoken "
                    + "words, implants, prayer") String accessMethod,
            @Arg(value = "limitations", description = "Limits and costs, one per item") List<String> limitations,
            @Arg(value = "system_rules", description = "Rules the system always obeys, one per item")
            List<String> systemRules,
            @Arg(value = "power_scaling", description = "Range of power from weakest to strongest user")
            PowerScaling powerScaling) {
        Checks.notBlank("system_name", systemName);
        Checks.notBlank("power_source", powerSource);
        Checks.notBlank("access_method", accessMethod);
        WorldFilters.maxLength("system_name", systemName, 255);
        List<String> limits = WorldFilters.items("limitations", limitations);
        List<String> rules = WorldFilters.items("system_rules", systemRules);
        PowerScaling scaling = powerScaling == null ? new PowerScaling(null, null, null) : powerScaling;
        return new JsonText(db.write(sql -> {
            sql.requireRow("series", seriesId, "series");
            Long existing = sql.number("SELECT id FROM world_systems WHERE series_id = ? AND lower(system_name) = lower(?)",
                    seriesId, systemName.strip());
            if (existing != null) {
                throw ToolException.conflict("Series " + seriesId + " already has a world system named '"
                        + systemName.strip() + "' (world system " + existing + ").");
            }
            long id = sql.number("""
                    INSERT INTO world_systems (series_id, system_name, system_type, power_source, access_method,
                                               limitations, system_rules, power_scaling)
                    VALUES (?, ?, ?, ?, ?, ?::text[], ?::text[],
                            CASE WHEN ? THEN jsonb_strip_nulls(jsonb_build_object('lowest_level', ?::text,
                                 'highest_level', ?::text, 'progression_method', ?::text)) END)
                    RETURNING id""",
                    seriesId, systemName.strip(), systemType, powerSource, accessMethod, limits, rules,
                    powerScaling != null, scaling.lowestLevel(), scaling.highestLevel(), scaling.progressionMethod());
            return sql.text("SELECT " + WORLD_SYSTEM_JSON + " FROM world_systems ws WHERE ws.id = ?", id);
        }));
    }
}
