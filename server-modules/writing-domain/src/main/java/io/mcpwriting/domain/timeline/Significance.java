package io.mcpwriting.domain.timeline;

/** How much a timeline event matters to the story. */
public enum Significance {
    MAJOR, MINOR, BACKGROUND
}
