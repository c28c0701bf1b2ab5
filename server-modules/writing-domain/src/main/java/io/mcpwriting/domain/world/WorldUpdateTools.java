package io.mcpwriting.domain.world;

import io.mcpwriting.domain.Checks;
import io.mcpwriting.domain.chapter.ChapterRefs;
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

/** Changes to the places, world elements and organizations of a series, kept consistent within the series. */
@ApplicationScoped
public class WorldUpdateTools {

    private static final String USES = """
            'uses_tracked', (SELECT count(*) FROM world_element_usage u WHERE u.element_type = '%s' AND u.element_id = %s.id)""";

    private static final String LOCATION_JSON = "to_jsonb(l) || jsonb_build_object("
            + "'parent_location_name', (SELECT p.name FROM locations p WHERE p.id = l.parent_location_id), "
            + "'child_locations', (SELECT count(*) FROM locations k WHERE k.parent_location_id = l.id), "
            + USES.formatted("location", "l") + ")";

    private static final String ELEMENT_JSON = "to_jsonb(w) || jsonb_build_object("
            + "'system_name', (SELECT s.system_name FROM world_systems s WHERE s.id = w.system_id), "
            + USES.formatted("world_element", "w") + ")";

    private static final String ORGANIZATION_JSON = "to_jsonb(o) || jsonb_build_object("
            + "'headquarters_location_name', (SELECT l.name FROM locations l WHERE l.id = o.headquarters_location_id), "
            + "'parent_organization_name', (SELECT p.name FROM organizations p WHERE p.id = o.parent_organization_id), "
            + USES.formatted("organization", "o") + ")";

    @Inject
    Db db;

    @Tool(name = "update_location", description = "Change a location; only the fields given change. A new name must "
            + "not be another location's name in the series; parent_location_id must be a location of the same "
            + "series that is not this one or inside it. notable_features, when given, replaces the list.",
            idempotent = true)
    public JsonText updateLocation(
            @Arg(value = "location_id", required = true, description = "Location to change") int locationId,
            @Arg(value = "name", description = "New name") String name,
            @Arg(value = "location_type", description = "Kind of place, e.g. city, tavern, planet") String locationType,
            @Arg(value = "description", description = "What the place is like") String description,
            @Arg(value = "parent_location_id", description = "Location this one lies within") Integer parentLocationId,
            @Arg(value = "climate", description = "Climate") String climate,
            @Arg(value = "terrain", description = "Terrain") String terrain,
            @Arg(value = "notable_features", description = "Notable features (replaces the current list)")
            List<String> notableFeatures,
            @Arg(value = "atmosphere", description = "Mood and feel of the place") String atmosphere) {
        Checks.notBlank("name", name);
        Checks.notBlank("location_type", locationType);
        Changes changes = new Changes().set("name", strip(name)).set("location_type", strip(locationType))
                .set("description", description).set("parent_location_id", parentLocationId).set("climate", climate)
                .set("terrain", terrain).set("notable_features", notableFeatures).set("atmosphere", atmosphere)
                .requireAny("name, location_type, description, parent_location_id, climate, terrain, notable_features, "
                        + "atmosphere");
        return new JsonText(db.write(sql -> {
            long seriesId = ChapterRefs.seriesOf(sql, "locations", "location", locationId);
            requireUniqueName(sql, "locations", "location", locationId, seriesId, name);
            if (parentLocationId != null) {
                ChapterRefs.requireInSeries(sql, "locations", "location", "parent_location_id", parentLocationId, seriesId);
                requireNoCycle(sql, "locations", "parent_location_id", "parent_location_id", locationId, parentLocationId);
            }
            changes.applyTo(sql, "locations", locationId);
            return sql.text("SELECT " + LOCATION_JSON + " FROM locations l WHERE l.id = ?", locationId);
        }));
    }

    @Tool(name = "update_world_element", description = "Change a world element (magic, technology, artifact, ...); "
            + "only the fields given change. limitations and rules, when given, replace their lists. system_id must "
            + "be a world system of the same series.", idempotent = true)
    public JsonText updateWorldElement(
            @Arg(value = "element_id", required = true, description = "World element to change") int elementId,
            @Arg(value = "name", description = "New name") String name,
            @Arg(value = "element_type", description = "Kind of element, e.g. magic, technology, artifact")
            String elementType,
            @Arg(value = "description", description = "What it is") String description,
            @Arg(value = "power_source", description = "Where its power comes from") String powerSource,
            @Arg(value = "limitations", description = "Its limitations (replaces the current list)") List<String> limitations,
            @Arg(value = "rules", description = "Rules it follows (replaces the current list)") List<String> rules,
            @Arg(value = "access_method", description = "How it is accessed or used") String accessMethod,
            @Arg(value = "rarity", description = "How rare it is, e.g. common, rare, unique") String rarity,
            @Arg(value = "cultural_impact", description = "How it shapes the societies of the world") String culturalImpact,
            @Arg(value = "system_id", description = "World system it belongs to") Integer systemId) {
        Checks.notBlank("name", name);
        Checks.notBlank("element_type", elementType);
        Changes changes = new Changes().set("name", strip(name)).set("element_type", strip(elementType))
                .set("description", description).set("power_source", powerSource).set("limitations", limitations)
                .set("rules", rules).set("access_method", accessMethod).set("rarity", rarity)
                .set("cultural_impact", culturalImpact).set("system_id", systemId)
                .requireAny("name, element_type, description, power_source, limitations, rules, access_method, rarity, "
                        + "cultural_impact, system_id");
        return new JsonText(db.write(sql -> {
            long seriesId = ChapterRefs.seriesOf(sql, "world_elements", "world element", elementId);
            requireUniqueName(sql, "world_elements", "world element", elementId, seriesId, name);
            if (systemId != null) {
                if (!sql.exists("SELECT 1 FROM world_systems WHERE id = ?", systemId)) {
                    throw ToolException.notFound("world system", systemId);
                }
                if (!sql.exists("SELECT 1 FROM world_systems WHERE id = ? AND series_id = ?", systemId, seriesId)) {
                    throw ToolException.invalid("system_id", "world system " + systemId + " is not a system of series "
                            + seriesId);
                }
            }
            changes.applyTo(sql, "world_elements", elementId);
            return sql.text("SELECT " + ELEMENT_JSON + " FROM world_elements w WHERE w.id = ?", elementId);
        }));
    }

    @Tool(name = "update_organization", description = "Change an organization; only the fields given change. "
            + "headquarters_location_id must be a location of the same series; parent_organization_id an "
            + "organization of the same series that is not this one or part of it.", idempotent = true)
    public JsonText updateOrganization(
            @Arg(value = "organization_id", required = true, description = "Organization to change") int organizationId,
            @Arg(value = "name", description = "New name") String name,
            @Arg(value = "organization_type", description = "Kind of organization, e.g. guild, government, cult")
            String organizationType,
            @Arg(value = "description", description = "What it is and does") String description,
            @Arg(value = "influence_level", min = 1, max = 10, description = "Influence, 1 (local) to 10 (world-shaping)")
            Integer influenceLevel,
            @Arg(value = "headquarters_location_id", description = "Location of its headquarters")
            Integer headquartersLocationId,
            @Arg(value = "parent_organization_id", description = "Organization this one is part of")
            Integer parentOrganizationId,
            @Arg(value = "member_count", description = "Number of members") Integer memberCount,
            @Arg(value = "status", description = "Standing, e.g. active, disbanded, underground") String status) {
        Checks.notBlank("name", name);
        Checks.notBlank("organization_type", organizationType);
        Checks.notBlank("status", status);
        Checks.range("influence_level", influenceLevel, 1, 10);
        Checks.atLeast("member_count", memberCount, 0);
        Changes changes = new Changes().set("name", strip(name)).set("organization_type", strip(organizationType))
                .set("description", description).set("influence_level", influenceLevel)
                .set("headquarters_location_id", headquartersLocationId)
                .set("parent_organization_id", parentOrganizationId).set("member_count", memberCount)
                .set("status", strip(status))
                .requireAny("name, organization_type, description, influence_level, headquarters_location_id, "
                        + "parent_organization_id, member_count, status");
        return new JsonText(db.write(sql -> {
            long seriesId = ChapterRefs.seriesOf(sql, "organizations", "organization", organizationId);
            requireUniqueName(sql, "organizations", "organization", organizationId, seriesId, name);
            if (headquartersLocationId != null) {
                ChapterRefs.requireInSeries(sql, "locations", "location", "headquarters_location_id",
                        headquartersLocationId, seriesId);
            }
            if (parentOrganizationId != null) {
                ChapterRefs.requireInSeries(sql, "organizations", "organization", "parent_organization_id",
                        parentOrganizationId, seriesId);
                requireNoCycle(sql, "organizations", "parent_organization_id", "parent_organization_id", organizationId,
                        parentOrganizationId);
            }
            changes.applyTo(sql, "organizations", organizationId);
            return sql.text("SELECT " + ORGANIZATION_JSON + " FROM organizations o WHERE o.id = ?", organizationId);
        }));
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    /** Fails naming the other row of the series that already has the name (compared without case). */
    private static void requireUniqueName(Sql sql, String table, String label, long id, long seriesId, String name)
            throws SQLException {
        if (name == null) {
            return;
        }
        Long other = sql.number("SELECT id FROM " + table + " WHERE series_id = ? AND lower(name) = lower(?) AND id <> ?",
                seriesId, name.strip(), id);
        if (other != null) {
            throw ToolException.conflict("Series " + seriesId + " already has a " + label + " named '" + name.strip()
                    + "': " + label + " " + other + ".");
        }
    }

    /** Fails when making {@code parentId} the parent of {@code id} would put {@code id} inside itself. */
    private static void requireNoCycle(Sql sql, String table, String parentColumn, String argument, long id,
            long parentId) throws SQLException {
        boolean cycle = sql.exists("WITH RECURSIVE up(id) AS (SELECT ?::int UNION SELECT t." + parentColumn + " FROM "
                + table + " t JOIN up ON t.id = up.id WHERE t." + parentColumn + " IS NOT NULL) "
                + "SELECT 1 FROM up WHERE id = ?", parentId, id);
        if (cycle) {
            throw ToolException.invalid(argument, parentId == id ? "cannot be the row itself"
                    : parentId + " lies inside " + id + "; that would make a cycle");
        }
    }
}
