package io.mcpwriting.domain.plot;

/** Statuses a plot thread can be moved to by update_plot_thread. */
public enum PlotThreadStatus {
    ACTIVE, RESOLVED, ON_HOLD, ABANDONED
}
