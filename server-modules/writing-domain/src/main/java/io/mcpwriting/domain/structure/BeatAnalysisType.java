package io.mcpwriting.domain.structure;

/** What validate_beat_placement places along the book. */
public enum BeatAnalysisType {
    PACING, CHARACTER_ARCS, PLOT_THREADS, EMOTIONAL_BEATS
}
