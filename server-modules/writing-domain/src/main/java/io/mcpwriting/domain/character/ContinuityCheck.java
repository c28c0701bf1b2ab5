package io.mcpwriting.domain.character;

/** What check_character_continuity compares between a character's appearances. */
public enum ContinuityCheck {
    PHYSICAL_STATE, EMOTIONAL_STATE, KNOWLEDGE, LOCATION, ALL;

    boolean includes(ContinuityCheck check) {
        return this == ALL || this == check;
    }
}
