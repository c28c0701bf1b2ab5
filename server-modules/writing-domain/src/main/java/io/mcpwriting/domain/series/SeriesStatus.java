package io.mcpwriting.domain.series;

/** Where a series stands: still being written, finished, or paused. */
public enum SeriesStatus {
    ONGOING, COMPLETED, HIATUS
}
