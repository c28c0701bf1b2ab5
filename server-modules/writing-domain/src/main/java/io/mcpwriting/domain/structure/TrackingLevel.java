package io.mcpwriting.domain.structure;

/** How fine word_count_tracking reports: the book only, its chapters, their scenes, or everything. */
public enum TrackingLevel {
    BOOK, CHAPTER, SCENE, DETAILED
}
