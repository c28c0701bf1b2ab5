package io.mcpwriting.domain.world;

import io.mcpwriting.domain.Checks;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Organizations of a series' world: guilds, governments, churches, companies, with their seat and hierarchy. */
@ApplicationScoped
public class OrganizationTools {

    /** An organization row {@code o} with its headquarters' and parent's names and its number of sub-organizations. */
    static final String ORGANIZATION_JSON = """
            to_jsonb(o) || jsonb_build_object(
                'headquarters_location_name', (SELECT l.name FROM locations l WHERE l.id = o.headquarters_location_id),
                'parent_organization_name', (SELECT p.name FROM organizations p WHERE p.id = o.parent_organization_id),
                'sub_organization_count', (SELECT count(*) FROM organizations c WHERE c.parent_organization_id = o.id))
            || """ + WorldUsageJson.of("organization", "o.id");

    @Inject
    Db db;

    @Tool(name = "create_organization", description = "Add an organization to a series' world. Names are unique in a "
            + "series (case-insensitive): repeating a create fails with the existing organization's id. "
            + "Headquarters and parent organization must belong to the same series. Status defaults to active.")
    public JsonText createOrganization(
            @Arg(value = "series_id", required = true, description = "Series whose world it belongs to") int seriesId,
            @Arg(value = "name", required = true, description = "Organization name") String name,
            @Arg(value = "organization_type", required = true, description = "Kind of organization, free text, e.g. "
                    + "guild, government, religious order, corporation, gang") String organizationType,
            @Arg(value = "description", required = true, description = "What it is, wants and does") String description,
            @Arg(value = "influence_level", min = 1, max = 10, description = "Reach and power, 1 (negligible) to 10 "
                    + "(dominant)") Integer influenceLevel,
            @Arg(value = "headquarters_location_id", description = "Location (same series) where it is based")
            Integer headquartersLocationId,
            @Arg(value = "parent_organization_id", description = "Organization (same series) it is part of")
            Integer parentOrganizationId,
            @Arg(value = "member_count", description = "Approximate number of members, 0 or more") Integer memberCount,
            @Arg(value = "status", description = "Free text, up to 50 characters, e.g. active (default), disbanded, "
                    + "secret, underground") String status) {
        Checks.notBlank("name", name);
        Checks.notBlank("organization_type", organizationType);
        Checks.notBlank("status", status);
        Checks.range("influence_level", influenceLevel, 1, 10);
        Checks.atLeast("member_count", memberCount, 0);
        WorldFilters.maxLength("name", name, 255);
        WorldFilters.maxLength("organization_type", organizationType, 100);
        WorldFilters.maxLength("status", status, 50);
        return new JsonText(db.write(sql -> {
            sql.requireRow("series", seriesId, "series");
            WorldFilters.requireInSeries(sql, "headquarters_location_id", "locations", headquartersLocationId,
                    seriesId, "location");
            WorldFilters.requireInSeries(sql, "parent_organization_id", "organizations", parentOrganizationId,
                    seriesId, "organization");
            Long existing = sql.number("SELECT id FROM organizations WHERE series_id = ? AND lower(name) = lower(?)",
                    seriesId, name.strip());
            if (existing != null) {
                throw ToolException.conflict("Series " + seriesId + " already has an organization named '"
                        + name.strip() + "' (organization " + existing + ").");
            }
            long id = sql.number("""
                    INSERT INTO organizations (series_id, name, organization_type, description, influence_level,
                                               headquarters_location_id, parent_organization_id, member_count, status)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, coalesce(?, 'active')) RETURNING id""",
                    seriesId, name.strip(), organizationType.strip(), description, influenceLevel,
                    headquartersLocationId, parentOrganizationId, memberCount, status == null ? null : status.strip());
            return sql.text("SELECT " + ORGANIZATION_JSON + " FROM organizations o WHERE o.id = ?", id);
        }));
    }

    @Tool(name = "get_organizations", description = "List organizations, most influential first, filtered by any of: "
            + "series, organization_type and status (exact, case-insensitive), an influence range (1-10, bounds "
            + "included; organizations without a level are left out when a bound is given), and search_term "
            + "(case-insensitive substring of name or description). No filter lists every organization.",
            readOnly = true)
    public JsonText getOrganizations(
            @Arg(value = "series_id", description = "Only organizations of this series") Integer seriesId,
            @Arg(value = "organization_type", description = "Only this kind, e.g. guild") String organizationType,
            @Arg(value = "influence_level_min", description = "Lowest influence level to include, 1-10")
            Integer influenceLevelMin,
            @Arg(value = "influence_level_max", description = "Highest influence level to include, 1-10")
            Integer influenceLevelMax,
            @Arg(value = "status", description = "Only this status, e.g. active") String status,
            @Arg(value = "search_term", description = "Text to look for; % and _ are matched literally")
            String searchTerm) {
        String type = WorldFilters.filter("organization_type", organizationType);
        String wantedStatus = WorldFilters.filter("status", status);
        String pattern = WorldFilters.containsPattern("search_term", searchTerm);
        Checks.range("influence_level_min", influenceLevelMin, 1, 10);
        Checks.range("influence_level_max", influenceLevelMax, 1, 10);
        if (influenceLevelMin != null && influenceLevelMax != null && influenceLevelMin > influenceLevelMax) {
            throw ToolException.invalid("influence_level_max", "must not be below influence_level_min ("
                    + influenceLevelMin + ")");
        }
        return new JsonText(db.read(sql -> {
            if (seriesId != null) {
                sql.requireRow("series", seriesId, "series");
            }
            return sql.text("""
                    SELECT jsonb_build_object('organizations', coalesce(jsonb_agg(t.organization
                                                  ORDER BY t.influence_level DESC NULLS LAST, t.name, t.id), '[]'::jsonb),
                                              'count', count(*))
                    FROM (SELECT o.influence_level, o.name, o.id, """ + ORGANIZATION_JSON + """
                           AS organization
                          FROM organizations o
                          CROSS JOIN (SELECT ?::int AS series_id, ?::text AS organization_type, ?::int AS min_level,
                                             ?::int AS max_level, ?::text AS status, ?::text AS pattern) f
                          WHERE (f.series_id IS NULL OR o.series_id = f.series_id)
                            AND (f.organization_type IS NULL OR lower(o.organization_type) = lower(f.organization_type))
                            AND (f.min_level IS NULL OR o.influence_level >= f.min_level)
                            AND (f.max_level IS NULL OR o.influence_level <= f.max_level)
                            AND (f.status IS NULL OR lower(o.status) = lower(f.status))
                            AND (f.pattern IS NULL OR o.name ILIKE f.pattern OR o.description ILIKE f.pattern)) t
                    """, seriesId, type, influenceLevelMin, influenceLevelMax, wantedStatus, pattern);
        }));
    }
}
