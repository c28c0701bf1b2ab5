package io.mcpwriting.domain.world;

/**
 * Where a location, world element or organization is used, as its reads show it: a count of the usage rows the
 * tracking tools recorded and each appearance (book, chapter, notes; power level, activity and characters where
 * recorded), in book and chapter order.
 */
final class WorldUsageJson {

    private WorldUsageJson() {
    }

    /**
     * A jsonb expression {@code {"usage": {"count": n, "appearances": [...]}}} for the thing of {@code elementType}
     * whose id is the SQL expression {@code idColumn}; both are constants of the calling class.
     */
    static String of(String elementType, String idColumn) {
        return """
                jsonb_build_object('usage', (
                    SELECT jsonb_build_object('count', count(*), 'appearances', coalesce(jsonb_agg(jsonb_strip_nulls(
                               jsonb_build_object('book_id', u.book_id, 'book_number', b.book_number,
                                                  'book_title', b.title, 'chapter_id', u.chapter_id,
                                                  'chapter_number', c.chapter_number, 'notes', u.usage_notes,
                                                  'power_level', u.power_level, 'activity_type', u.activity_type,
                                                  'involved_characters', u.involved_characters))
                               ORDER BY b.book_number, c.chapter_number NULLS FIRST, u.id), '[]'::jsonb))
                    FROM world_element_usage u
                    JOIN books b ON b.id = u.book_id
                    LEFT JOIN chapters c ON c.id = u.chapter_id
                    WHERE u.element_type = '%s' AND u.element_id = %s))""".formatted(elementType, idColumn);
    }
}
