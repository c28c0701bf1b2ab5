package io.mcpwriting.domain.scene;

/** How a character is in a chapter: on the page, only talked about, or through a flashback, dream or call. */
public enum PresenceType {
    PRESENT, MENTIONED, FLASHBACK, DREAM, PHONE_CALL
}
