package io.mcpwriting.domain.world;

import io.mcpwriting.mcp.tool.Arg;

/** How power grows within a world system, from its weakest to its strongest practitioners. */
public record PowerScaling(
        @Arg(value = "lowest_level", description = "What the weakest users can do, e.g. light a candle")
        String lowestLevel,
        @Arg(value = "highest_level", description = "What the strongest users can do, e.g. level a city")
        String highestLevel,
        @Arg(value = "progression_method", description = "How users grow stronger, e.g. years of study, "
                + "bonding with spirits") String progressionMethod) {
}
