package io.mcpwriting.domain.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.domain.testing.DomainTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * create_location, update_location, get_locations, create_organization, update_organization, get_organizations,
 * define_world_system, create_world_element, update_world_element, get_world_elements, world_track_location_usage,
 * world_track_element_usage, track_organization_activity, check_world_consistency.
 */
class WorldToolsTest extends DomainTest {

    @Test
    void locationsNestChangeAndShowTheirUsage() {
        long series = series();
        long book = book(series, 1);
        long chapter = chapter(book, 1);
        long realm = id(ok("create_location", "series_id", series, "name", "Earthsea", "location_type", "archipelago"));
        JsonNode created = ok("create_location", "series_id", series, "name", " Roke ", "location_type", "island",
                "parent_location_id", realm, "notable_features", List.of("the School"), "climate", "mild");
        long roke = id(created);
        assertEquals("Roke", created.get("name").asText());
        assertEquals("Earthsea", created.get("parent_location_name").asText());
        JsonNode updated = ok("update_location", "location_id", roke, "atmosphere", "quiet", "climate", "windy");
        assertEquals("windy", updated.get("climate").asText());
        JsonNode used = ok("world_track_location_usage", "location_id", roke, "book_id", book, "chapter_id", chapter,
                "usage_notes", "arrival");
        assertEquals("new", used.get("recorded").asText());
        assertEquals("updated", ok("world_track_location_usage", "location_id", roke, "book_id", book,
                "chapter_id", chapter, "usage_notes", "arrival by sea").get("recorded").asText());
        JsonNode inside = ok("get_locations", "parent_location_id", realm);
        assertEquals(1, inside.get("count").asInt());
        JsonNode roked = inside.at("/locations/0");
        assertEquals("quiet", roked.get("atmosphere").asText());
        assertEquals(1, roked.at("/usage/count").asInt());
        assertEquals("arrival by sea", roked.at("/usage/appearances/0/notes").asText());
        assertEquals(1, ok("get_locations", "series_id", series, "search_term", "SCHOOL").get("count").asInt());
        assertEquals(2, ok("get_locations", "series_id", series).get("count").asInt());
    }

    @Test
    void organizationsChangeAndShowTheirActivity() {
        long series = series();
        long book = book(series, 1);
        long member = character(series);
        long seat = id(ok("create_location", "series_id", series, "name", "Havnor", "location_type", "city"));
        long guild = id(ok("create_organization", "series_id", series, "name", "The Guild", "organization_type", "guild",
                "description", "wizards", "influence_level", 8, "headquarters_location_id", seat));
        JsonNode child = ok("create_organization", "series_id", series, "name", "Novices", "organization_type", "guild",
                "description", "learners", "influence_level", 2, "parent_organization_id", guild);
        assertEquals("active", child.get("status").asText());
        JsonNode updated = ok("update_organization", "organization_id", id(child), "status", "disbanded",
                "member_count", 12);
        assertEquals("disbanded", updated.get("status").asText());
        JsonNode activity = ok("track_organization_activity", "organization_id", guild, "book_id", book,
                "activity_type", "meeting", "activity_notes", "council", "involved_characters", List.of(member, member));
        assertEquals(1, activity.get("involved_characters").size());
        JsonNode strong = ok("get_organizations", "series_id", series, "influence_level_min", 5);
        assertEquals(1, strong.get("count").asInt());
        assertEquals("Havnor", strong.at("/organizations/0/headquarters_location_name").asText());
        assertEquals("meeting", strong.at("/organizations/0/usage/appearances/0/activity_type").asText());
        assertEquals(1, ok("get_organizations", "series_id", series, "status", "DISBANDED").get("count").asInt());
        assertEquals(1, ok("get_locations", "series_id", series).at("/locations/0/headquartered_organizations")
                .size());
    }

    @Test
    void systemsAndElementsAreDefinedChangedAndTracked() {
        long series = series();
        long book = book(series, 1);
        JsonNode system = ok("define_world_system", "series_id", series, "system_name", "True Speech",
                "system_type", "magic", "power_source", "names", "access_method", "study",
                "power_scaling", Map.of("lowest_level", "a light", "highest_level", "raise the dead"));
        long systemId = id(system);
        assertEquals("raise the dead", system.at("/power_scaling/highest_level").asText());
        JsonNode element = ok("create_world_element", "series_id", series, "name", "Summoning", "element_type", "spell",
                "description", "calls a spirit", "rules", List.of("never call the dead"), "system_id", systemId);
        long elementId = id(element);
        assertEquals("common", element.get("rarity").asText());
        assertEquals("True Speech", element.get("system_name").asText());
        JsonNode updated = ok("update_world_element", "element_id", elementId, "rarity", "forbidden",
                "limitations", List.of("costs the caster"));
        assertEquals("forbidden", updated.get("rarity").asText());
        ok("world_track_element_usage", "element_id", elementId, "book_id", book, "power_level", 10,
                "usage_notes", "the shadow");
        JsonNode listed = ok("get_world_elements", "system_id", systemId);
        assertEquals(1, listed.get("count").asInt());
        assertEquals(10, listed.at("/world_elements/0/usage/appearances/0/power_level").asInt());
        assertEquals("costs the caster", listed.at("/world_elements/0/limitations/0").asText());
        assertEquals(1, ok("get_world_elements", "series_id", series, "rarity", "Forbidden").get("count").asInt());
        assertEquals(1, ok("get_series", "series_id", series).at("/counts/world_systems").asInt());
        assertTrue(listed.get("world_systems") == null, "world systems only when asked: " + listed);
        JsonNode withSystems = ok("get_world_elements", "series_id", series, "include_systems", true);
        assertEquals(1, withSystems.get("world_systems").size());
        assertEquals("names", withSystems.at("/world_systems/0/power_source").asText());
        assertEquals("study", withSystems.at("/world_systems/0/access_method").asText());
        assertEquals("raise the dead", withSystems.at("/world_systems/0/power_scaling/highest_level").asText());
        assertEquals(1, withSystems.at("/world_systems/0/element_count").asInt());
        assertEquals(systemId, ok("get_world_elements", "system_id", systemId, "include_systems", true)
                .at("/world_systems/0/id").asLong());
    }

    @Test
    void worldConsistencyAnswersForASeries() {
        long series = series();
        ok("create_location", "series_id", series, "name", "Gont", "location_type", "island");
        JsonNode report = ok("check_world_consistency", "series_id", series);
        assertTrue(report.isObject());
        notFound(MISSING, "check_world_consistency", "series_id", MISSING);
        invalid("check_type", "check_world_consistency", "series_id", series, "check_type", "vibes");
        invalid("severity_threshold", "check_world_consistency", "series_id", series, "severity_threshold", "fatal");
    }

    @Test
    void errorsNameTheArgumentOrTheMissingRow() {
        long series = series();
        long other = series();
        long book = book(series, 1);
        long foreignLocation = id(ok("create_location", "series_id", other, "name", "Far", "location_type", "x"));
        long location = id(ok("create_location", "series_id", series, "name", "Here", "location_type", "x"));
        long inner = id(ok("create_location", "series_id", series, "name", "Inner", "location_type", "x",
                "parent_location_id", location));
        fails("conflict", List.of("location " + location), "create_location", "series_id", series, "name", "HERE",
                "location_type", "y");
        invalid("parent_location_id", "create_location", "series_id", series, "name", "N", "location_type", "x",
                "parent_location_id", foreignLocation);
        invalid("location_type", "create_location", "series_id", series, "name", "N", "location_type", " ");
        invalid("climate", "create_location", "series_id", series, "name", "N", "location_type", "x",
                "climate", "c".repeat(101));
        notFound(MISSING, "create_location", "series_id", MISSING, "name", "N", "location_type", "x");
        invalid("arguments", "update_location", "location_id", location);
        invalid("parent_location_id", "update_location", "location_id", location, "parent_location_id", inner);
        fails("conflict", List.of("location " + inner), "update_location", "location_id", location, "name", "inner");
        notFound(MISSING, "update_location", "location_id", MISSING, "name", "x");
        notFound(MISSING, "get_locations", "parent_location_id", MISSING);
        invalid("search_term", "get_locations", "search_term", " ");
        long org = id(ok("create_organization", "series_id", series, "name", "Org", "organization_type", "t",
                "description", "d"));
        fails("conflict", List.of("organization " + org), "create_organization", "series_id", series, "name", "org",
                "organization_type", "t", "description", "d");
        invalid("influence_level", "create_organization", "series_id", series, "name", "O2", "organization_type", "t",
                "description", "d", "influence_level", 11);
        invalid("headquarters_location_id", "create_organization", "series_id", series, "name", "O3",
                "organization_type", "t", "description", "d", "headquarters_location_id", foreignLocation);
        invalid("member_count", "update_organization", "organization_id", org, "member_count", -1);
        invalid("parent_organization_id", "update_organization", "organization_id", org, "parent_organization_id", org);
        notFound(MISSING, "update_organization", "organization_id", MISSING, "status", "gone");
        invalid("influence_level_max", "get_organizations", "influence_level_min", 5, "influence_level_max", 2);
        notFound(MISSING, "get_organizations", "series_id", MISSING);
        long system = id(ok("define_world_system", "series_id", series, "system_name", "Sys", "system_type", "divine",
                "power_source", "p", "access_method", "a"));
        fails("conflict", List.of("world system " + system), "define_world_system", "series_id", series,
                "system_name", "SYS", "system_type", "divine", "power_source", "p", "access_method", "a");
        invalid("system_type", "define_world_system", "series_id", series, "system_name", "S2", "system_type", "science",
                "power_source", "p", "access_method", "a");
        invalid("limitations", "define_world_system", "series_id", series, "system_name", "S3", "system_type", "magic",
                "power_source", "p", "access_method", "a", "limitations", List.of(""));
        long element = id(ok("create_world_element", "series_id", series, "name", "E", "element_type", "t",
                "description", "d"));
        fails("conflict", List.of("world element " + element), "create_world_element", "series_id", series,
                "name", "e", "element_type", "T", "description", "d");
        notFound(MISSING, "create_world_element", "series_id", series, "name", "E2", "element_type", "t",
                "description", "d", "system_id", MISSING);
        notFound(MISSING, "update_world_element", "element_id", element, "system_id", MISSING);
        notFound(MISSING, "update_world_element", "element_id", MISSING, "rarity", "r");
        notFound(MISSING, "get_world_elements", "system_id", MISSING);
        notFound(MISSING, "get_world_elements", "system_id", MISSING, "include_systems", true);
        invalid("include_systems", "get_world_elements", "series_id", series, "include_systems", "yes");
        long foreignBook = book();
        invalid("book_id", "world_track_location_usage", "location_id", location, "book_id", foreignBook);
        invalid("chapter_id", "world_track_location_usage", "location_id", location, "book_id", book,
                "chapter_id", chapter(book(series, 2), 1));
        notFound(MISSING, "world_track_location_usage", "location_id", MISSING, "book_id", book);
        invalid("power_level", "world_track_element_usage", "element_id", element, "book_id", book, "power_level", 0);
        notFound(MISSING, "world_track_element_usage", "element_id", MISSING, "book_id", book);
        invalid("activity_type", "track_organization_activity", "organization_id", org, "book_id", book,
                "activity_type", " ");
        notFound(MISSING, "track_organization_activity", "organization_id", org, "book_id", book,
                "activity_type", "raid", "involved_characters", List.of(MISSING));
        notFound(MISSING, "track_organization_activity", "organization_id", MISSING, "book_id", book,
                "activity_type", "raid");
    }
}
