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

/** Places of a series' world, nested (a tavern in a city in a kingdom) through parent_location_id. */
@ApplicationScoped
public class LocationTools {

    /** A location row {@code l} with its parent's name, its number of sub-locations, who is based there, and its usage. */
    static final String LOCATION_JSON = """
            to_jsonb(l) || jsonb_build_object(
                'parent_location_name', (SELECT p.name FROM locations p WHERE p.id = l.parent_location_id),
                'child_location_count', (SELECT count(*) FROM locations c WHERE c.parent_location_id = l.id),
                'headquartered_organizations', coalesce((
                    SELECT jsonb_agg(jsonb_build_object('id', o.id, 'name', o.name) ORDER BY o.name)
                    FROM organizations o WHERE o.headquarters_location_id = l.id), '[]'::jsonb))
            || """ + WorldUsageJson.of("location", "l.id");

    @Inject
    Db db;

    @Tool(name = "create_location", description = "Add a location to a series' world. Names are unique within the "
            + "same parent location (case-insensitive): repeating a create fails with the existing location's id. "
            + "parent_location_id nests it inside another location of the same series.")
    public JsonText createLocation(
            @Arg(value = "series_id", required = true, description = "Series whose world the location is in") int seriesId,
            @Arg(value = "name", required = true, description = "Location name") String name,
            @Arg(value = "location_type", required = true, description = "Kind of place, free text, e.g. city, tavern, "
                    + "planet, forest, region") String locationType,
            @Arg(value = "description", description = "What the place is like") String description,
            @Arg(value = "parent_location_id", description = "Location (same series) this one lies within")
            Integer parentLocationId,
            @Arg(value = "climate", description = "Climate, up to 100 characters, e.g. temperate, arid") String climate,
            @Arg(value = "terrain", description = "Terrain, up to 100 characters, e.g. mountains, coast") String terrain,
            @Arg(value = "notable_features", description = "Landmarks and distinctive features, one per item")
            List<String> notableFeatures,
            @Arg(value = "atmosphere", description = "Mood and sensory impression of the place") String atmosphere) {
        Checks.notBlank("name", name);
        Checks.notBlank("location_type", locationType);
        WorldFilters.maxLength("name", name, 255);
        WorldFilters.maxLength("location_type", locationType, 100);
        WorldFilters.maxLength("climate", climate, 100);
        WorldFilters.maxLength("terrain", terrain, 100);
        List<String> features = WorldFilters.items("notable_features", notableFeatures);
        return new JsonText(db.write(sql -> {
            sql.requireRow("series", seriesId, "series");
            WorldFilters.requireInSeries(sql, "parent_location_id", "locations", parentLocationId, seriesId,
                    "location");
            Long existing = sql.number("""
                    SELECT id FROM locations WHERE series_id = ? AND coalesce(parent_location_id, 0) = coalesce(?, 0)
                       AND lower(name) = lower(?)""", seriesId, parentLocationId, name.strip());
            if (existing != null) {
                throw ToolException.conflict("Series " + seriesId + " already has a location named '" + name.strip()
                        + "'" + (parentLocationId == null ? " at the top level" : " inside location " + parentLocationId)
                        + " (location " + existing + ").");
            }
            long id = sql.number("""
                    INSERT INTO locations (series_id, name, location_type, description, parent_location_id, climate,
                                           terrain, notable_features, atmosphere)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?::text[], ?) RETURNING id""",
                    seriesId, name.strip(), locationType.strip(), description, parentLocationId, climate, terrain,
                    features, atmosphere);
            return sql.text("SELECT " + LOCATION_JSON + " FROM locations l WHERE l.id = ?", id);
        }));
    }

    @Tool(name = "get_locations", description = "List locations, filtered by any of: series, location_type (exact, "
            + "case-insensitive), parent location (its direct sub-locations), and search_term (case-insensitive "
            + "substring of name, description, atmosphere or notable features). No filter lists every location.",
            readOnly = true)
    public JsonText getLocations(
            @Arg(value = "series_id", description = "Only locations of this series") Integer seriesId,
            @Arg(value = "location_type", description = "Only this kind of place, e.g. city") String locationType,
            @Arg(value = "parent_location_id", description = "Only locations directly inside this one")
            Integer parentLocationId,
            @Arg(value = "search_term", description = "Text to look for; % and _ are matched literally")
            String searchTerm) {
        String type = WorldFilters.filter("location_type", locationType);
        String pattern = WorldFilters.containsPattern("search_term", searchTerm);
        return new JsonText(db.read(sql -> {
            if (seriesId != null) {
                sql.requireRow("series", seriesId, "series");
            }
            if (parentLocationId != null) {
                sql.requireRow("locations", parentLocationId, "location");
            }
            return sql.text("""
                    SELECT jsonb_build_object('locations', coalesce(jsonb_agg(t.location ORDER BY t.series_id, t.name, t.id),
                                                                    '[]'::jsonb),
                                              'count', count(*))
                    FROM (SELECT l.series_id, l.name, l.id, """ + LOCATION_JSON + """
                           AS location
                          FROM locations l
                          CROSS JOIN (SELECT ?::int AS series_id, ?::text AS location_type, ?::int AS parent_id,
                                             ?::text AS pattern) f
                          WHERE (f.series_id IS NULL OR l.series_id = f.series_id)
                            AND (f.location_type IS NULL OR lower(l.location_type) = lower(f.location_type))
                            AND (f.parent_id IS NULL OR l.parent_location_id = f.parent_id)
                            AND (f.pattern IS NULL OR l.name ILIKE f.pattern OR l.description ILIKE f.pattern
                                 OR l.atmosphere ILIKE f.pattern
                                 OR array_to_string(l.notable_features, ' ') ILIKE f.pattern)) t
                    """, seriesId, type, parentLocationId, pattern);
        }));
    }
}
