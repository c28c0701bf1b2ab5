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

/** World elements: spells, artifacts, technologies, creatures, customs — the named pieces of a series' world. */
@ApplicationScoped
public class WorldElementTools {

    /** A world element row {@code w} with the name and type of the world system it belongs to. */
    static final String WORLD_ELEMENT_JSON = """
            to_jsonb(w) || jsonb_build_object(
                'system_name', (SELECT ws.system_name FROM world_systems ws WHERE ws.id = w.system_id),
                'system_type', (SELECT ws.system_type FROM world_systems ws WHERE ws.id = w.system_id))
            || """ + WorldUsageJson.of("world_element", "w.id");

    @Inject
    Db db;

    @Tool(name = "create_world_element", description = "Add an element to a series' world: a spell, artifact, "
            + "technology, creature, custom, resource or anything with rules of its own. Names are unique per "
            + "element_type in a series (case-insensitive): repeating a create fails with the existing element's id. "
            + "system_id ties it to a world system of the same series (see define_world_system). Rarity defaults "
            + "to common.")
    public JsonText createWorldElement(
            @Arg(value = "series_id", required = true, description = "Series whose world it belongs to") int seriesId,
            @Arg(value = "name", required = true, description = "Element name") String name,
            @Arg(value = "element_type", required = true, description = "Kind of element, free text, e.g. spell, "
                    + "artifact, technology, creature, custom") String elementType,
            @Arg(value = "description", required = true, description = "What it is and does") String description,
            @Arg(value = "power_source", description = "Where its power comes from") String powerSource,
            @Arg(value = "limitations", description = "Limits and costs, one per item") List<String> limitations,
            @Arg(value = "rules", description = "Rules it always obeys, one per item") List<String> rules,
            @Arg(value = "access_method", description = "How someone gets or uses it") String accessMethod,
            @Arg(value = "rarity", description = "How common it is, up to 50 characters, e.g. common (default), "
                    + "uncommon, rare, legendary, unique") String rarity,
            @Arg(value = "cultural_impact", description = "How it shapes the societies that know it") String culturalImpact,
            @Arg(value = "system_id", description = "World system (same series) it belongs to") Integer systemId) {
        Checks.notBlank("name", name);
        Checks.notBlank("element_type", elementType);
        Checks.notBlank("rarity", rarity);
        WorldFilters.maxLength("name", name, 255);
        WorldFilters.maxLength("element_type", elementType, 100);
        WorldFilters.maxLength("rarity", rarity, 50);
        List<String> limits = WorldFilters.items("limitations", limitations);
        List<String> ruleList = WorldFilters.items("rules", rules);
        return new JsonText(db.write(sql -> {
            sql.requireRow("series", seriesId, "series");
            WorldFilters.requireInSeries(sql, "system_id", "world_systems", systemId, seriesId, "world system");
            Long existing = sql.number("""
                    SELECT id FROM world_elements
                    WHERE series_id = ? AND lower(element_type) = lower(?) AND lower(name) = lower(?)""",
                    seriesId, elementType.strip(), name.strip());
            if (existing != null) {
                throw ToolException.conflict("Series " + seriesId + " already has a " + elementType.strip()
                        + " named '" + name.strip() + "' (world element " + existing + ").");
            }
            long id = sql.number("""
                    INSERT INTO world_elements (series_id, name, element_type, description, power_source, limitations,
                                                rules, access_method, rarity, cultural_impact, system_id)
                    VALUES (?, ?, ?, ?, ?, ?::text[], ?::text[], ?, coalesce(?, 'common'), ?, ?) RETURNING id""",
                    seriesId, name.strip(), elementType.strip(), description, powerSource, limits, ruleList,
                    accessMethod, rarity == null ? null : rarity.strip(), culturalImpact, systemId);
            return sql.text("SELECT " + WORLD_ELEMENT_JSON + " FROM world_elements w WHERE w.id = ?", id);
        }));
    }

    @Tool(name = "get_world_elements", description = "List world elements, filtered by any of: series, element_type "
            + "and rarity (exact, case-insensitive), world system, and search_term (case-insensitive substring of "
            + "name, description, power source, access method or cultural impact). No filter lists every element. "
            + "include_systems adds world_systems: the world systems (define_world_system) of series_id and/or "
            + "system_id (all when neither is given) with their type, power source, access method, limitations, "
            + "rules, power scaling and counts of elements and abilities.",
            readOnly = true)
    public JsonText getWorldElements(
            @Arg(value = "series_id", description = "Only elements of this series") Integer seriesId,
            @Arg(value = "element_type", description = "Only this kind, e.g. spell") String elementType,
            @Arg(value = "rarity", description = "Only this rarity, e.g. rare") String rarity,
            @Arg(value = "search_term", description = "Text to look for; % and _ are matched literally")
            String searchTerm,
            @Arg(value = "system_id", description = "Only elements of this world system") Integer systemId,
            @Arg(value = "include_systems", defaultValue = "false", description = "Add the world systems of the series "
                    + "(or the one system_id) as world_systems") boolean includeSystems) {
        String type = WorldFilters.filter("element_type", elementType);
        String wantedRarity = WorldFilters.filter("rarity", rarity);
        String pattern = WorldFilters.containsPattern("search_term", searchTerm);
        return new JsonText(db.read(sql -> {
            if (seriesId != null) {
                sql.requireRow("series", seriesId, "series");
            }
            if (systemId != null) {
                sql.requireRow("world_systems", systemId, "world system");
            }
            String elements = sql.text("""
                    SELECT jsonb_build_object('world_elements', coalesce(jsonb_agg(t.element
                                                  ORDER BY t.series_id, t.element_type, t.name, t.id), '[]'::jsonb),
                                              'count', count(*))
                    FROM (SELECT w.series_id, w.element_type, w.name, w.id, """ + WORLD_ELEMENT_JSON + """
                           AS element
                          FROM world_elements w
                          CROSS JOIN (SELECT ?::int AS series_id, ?::text AS element_type, ?::text AS rarity,
                                             ?::text AS pattern, ?::int AS system_id) f
                          WHERE (f.series_id IS NULL OR w.series_id = f.series_id)
                            AND (f.element_type IS NULL OR lower(w.element_type) = lower(f.element_type))
                            AND (f.rarity IS NULL OR lower(w.rarity) = lower(f.rarity))
                            AND (f.system_id IS NULL OR w.system_id = f.system_id)
                            AND (f.pattern IS NULL OR w.name ILIKE f.pattern OR w.description ILIKE f.pattern
                                 OR w.power_source ILIKE f.pattern OR w.access_method ILIKE f.pattern
                                 OR w.cultural_impact ILIKE f.pattern)) t
                    """, seriesId, type, wantedRarity, pattern, systemId);
            return includeSystems ? sql.text(WorldSystemTools.WITH_SYSTEMS, elements, seriesId, systemId) : elements;
        }));
    }
}
