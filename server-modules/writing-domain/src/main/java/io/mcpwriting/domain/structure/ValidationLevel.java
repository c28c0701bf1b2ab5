package io.mcpwriting.domain.structure;

/** How deep validate_chapter_structure looks; each level includes the checks of the levels before it. */
public enum ValidationLevel {
    BASIC, DETAILED, COMPREHENSIVE
}
