package io.mcpwriting.domain.structure;

/** The window get_writing_progress reports on, ending today. */
public enum TimePeriod {
    WEEK(7), MONTH(30), QUARTER(90), ALL_TIME(0);

    private final int days;

    TimePeriod(int days) {
        this.days = days;
    }

    /** Days in the window, today included; 0 for all time (from the first session). */
    public int days() {
        return days;
    }
}
