package io.mcpwriting.domain.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.domain.testing.DomainTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** get_available_options over every lookup table. */
class CatalogToolsTest extends DomainTest {

    @Test
    void everyLookupTableIsListed() {
        for (OptionType type : OptionType.values()) {
            String name = type.name().toLowerCase(java.util.Locale.ROOT);
            JsonNode options = ok("get_available_options", "option_type", name);
            assertEquals(name, options.get("option_type").asText());
            assertTrue(options.get("count").asInt() > 0, name);
            assertEquals(options.get("count").asInt(), options.get("options").size());
        }
    }

    @Test
    void aGenreFilterMatchesNameOrDescription() {
        JsonNode fantasy = ok("get_available_options", "option_type", "genres", "genre_filter", "FANT");
        assertTrue(fantasy.get("count").asInt() >= 1);
        for (JsonNode g : fantasy.get("options")) {
            assertTrue((g.get("name").asText() + g.get("description").asText()).toLowerCase().contains("fant"), g::toString);
        }
    }

    @Test
    void badArgumentsAreNamed() {
        invalid("option_type", "get_available_options", "option_type", "colours");
        invalid("option_type", "get_available_options");
        invalid("genre_filter", "get_available_options", "option_type", "scene_types", "genre_filter", "x");
        invalid("genre_filter", "get_available_options", "option_type", "genres", "genre_filter", "  ");
    }
}
