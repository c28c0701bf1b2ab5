package io.mcpwriting.domain.world;

/** The kind of power a world system governs. */
public enum WorldSystemType {
    MAGIC, PSIONICS, TECHNOLOGY, DIVINE, SUPERNATURAL, MUTATION, ALCHEMY
}
