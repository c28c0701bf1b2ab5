package io.mcpwriting.domain.session;

/** What a writing goal measures; the target value's unit follows from it. */
public enum GoalType {
    /** Words written per day. */
    DAILY_WORDS,
    /** Words written per calendar week (Monday to Sunday). */
    WEEKLY_WORDS,
    /** Words written per calendar month. */
    MONTHLY_WORDS,
    /** Number of the book's chapters completed. */
    CHAPTER_COMPLETION,
    /** Total words in the book. */
    BOOK_COMPLETION
}
