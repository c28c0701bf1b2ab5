package io.mcpwriting.domain.structure;

/** The families of problems check_structure_violations looks for. */
public enum ViolationType {
    CHARACTER_CONTINUITY, TIMELINE_CONSISTENCY, POV_CONSISTENCY, LOCATION_CONSISTENCY, PLOT_HOLES
}
