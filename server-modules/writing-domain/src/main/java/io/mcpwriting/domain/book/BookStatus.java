package io.mcpwriting.domain.book;

/** Where a book stands in its life. */
public enum BookStatus {
    PLANNED, IN_PROGRESS, DRAFT, EDITING, FINAL, PUBLISHED
}
