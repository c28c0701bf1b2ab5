package io.mcpwriting.domain.scene;

/** How much a character matters in a chapter. */
public enum PresenceImportance {
    MAJOR, MINOR, CAMEO, BACKGROUND
}
