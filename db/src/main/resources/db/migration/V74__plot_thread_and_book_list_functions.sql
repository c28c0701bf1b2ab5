-- get_plot_threads' and list_books' listings as functions, for the same reason as writing_progress (V70) and
-- book_chapter_list (V72): PL/pgSQL keeps the plan of each statement for the life of the backend, which PgBouncer
-- keeps across transactions, so a listing is planned once per backend instead of on every call (0.3-0.5 ms of
-- planning per call). The answers are the ones the tools built before, key for key.

-- The plot threads of a series, most important first, with type, status, parent, related characters, links to
-- other threads and counts. The filters are ids (null: no filter); thread_type and current_status are the names
-- the caller gave, echoed in the answer.
CREATE FUNCTION plot_thread_list(in_series_id int, in_type_id int, in_status_id int, in_book_number int,
                                 in_importance_min int, in_thread_type text, in_current_status text) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET plan_cache_mode = force_generic_plan
AS $function$
BEGIN
    RETURN (
    SELECT jsonb_build_object(
        'series_id', in_series_id,
        'filters', jsonb_strip_nulls(jsonb_build_object('thread_type', in_thread_type,
                                                        'current_status', in_current_status,
                                                        'book_number', in_book_number,
                                                        'importance_min', in_importance_min)),
        'threads', coalesce(jsonb_agg(t.thread ORDER BY t.importance_level DESC, t.id), '[]'::jsonb),
        'count', count(*))
    FROM (SELECT pt.id, pt.importance_level,
                 to_jsonb(pt) || jsonb_build_object(
                     'thread_type', (SELECT type_name FROM plot_thread_types WHERE id = pt.thread_type_id),
                     'current_status', (SELECT status_name FROM plot_thread_statuses WHERE id = pt.current_status_id))
                 || jsonb_build_object(
                     'parent_thread_title', (SELECT p.title FROM plot_threads p WHERE p.id = pt.parent_thread_id),
                     'related_character_names', coalesce((
                         SELECT jsonb_agg(jsonb_build_object('id', c.id, 'name', c.name) ORDER BY c.name)
                         FROM characters c WHERE c.id = ANY (pt.related_characters)), '[]'::jsonb),
                     'relationships', coalesce((
                         SELECT jsonb_agg(jsonb_build_object(
                                    'relationship_id', r.id, 'relationship_type', rt.type_name,
                                    'other_thread_id', CASE WHEN r.thread_a_id = pt.id THEN r.thread_b_id
                                                            ELSE r.thread_a_id END,
                                    'other_thread_title', o.title,
                                    'direction', CASE WHEN r.thread_a_id = pt.id THEN 'outgoing' ELSE 'incoming' END,
                                    'strength', r.strength, 'description', r.relationship_description) ORDER BY r.id)
                         FROM plot_thread_relationships r
                         JOIN relationship_types rt ON rt.id = r.relationship_type_id
                         JOIN plot_threads o
                           ON o.id = CASE WHEN r.thread_a_id = pt.id THEN r.thread_b_id ELSE r.thread_a_id END
                         WHERE pt.id IN (r.thread_a_id, r.thread_b_id)), '[]'::jsonb),
                     'reveal_count', (SELECT count(*) FROM information_reveals ir WHERE ir.plot_thread_id = pt.id),
                     'sub_thread_count', (SELECT count(*) FROM plot_threads s WHERE s.parent_thread_id = pt.id))
                 AS thread
          FROM plot_threads pt
          WHERE pt.series_id = in_series_id
            AND (in_type_id IS NULL OR pt.thread_type_id = in_type_id)
            AND (in_status_id IS NULL OR pt.current_status_id = in_status_id)
            AND (in_book_number IS NULL
                 OR (coalesce(pt.start_book, 1) <= in_book_number
                     AND (pt.end_book IS NULL OR pt.end_book >= in_book_number)))
            AND (in_importance_min IS NULL OR pt.importance_level >= in_importance_min)) t
    );
END
$function$;

-- Books, of one series or all (in_series_id null), optionally of one status, each with its series title and genre
-- names, and with include_stats its chapter count and chapter words; the whole list: list_books pages it
-- (Paging.page). The series filter is a branch of its own so that the one plan kept reads the series' books by
-- index when a series is given.
CREATE FUNCTION book_list(in_series_id int, in_status text, in_stats boolean) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET plan_cache_mode = force_generic_plan
AS $function$
BEGIN
    RETURN (
    SELECT jsonb_build_object('books', coalesce(jsonb_agg(t.book ORDER BY t.series_id, t.book_number), '[]'::jsonb),
                              'count', count(*))
    FROM (SELECT b.series_id, b.book_number,
                 to_jsonb(b) || jsonb_build_object(
                     'series_title', (SELECT s.title FROM series s WHERE s.id = b.series_id),
                     'genres', coalesce((SELECT jsonb_agg(g.genre_name ORDER BY g.genre_name)
                                         FROM book_genres bg JOIN genres g ON g.id = bg.genre_id
                                         WHERE bg.book_id = b.id), '[]'::jsonb))
                 || CASE WHEN in_stats THEN jsonb_build_object(
                        'chapter_count', coalesce(cs.chapters, 0),
                        'chapter_word_count', coalesce(cs.words, 0),
                        'progress_percent', CASE WHEN b.target_word_count > 0
                            THEN round(100.0 * b.actual_word_count / b.target_word_count, 1) END)
                    ELSE '{}'::jsonb END AS book
          FROM (SELECT * FROM books WHERE in_series_id IS NOT NULL AND series_id = in_series_id
                UNION ALL
                SELECT * FROM books WHERE in_series_id IS NULL) b
          LEFT JOIN LATERAL (SELECT count(*) AS chapters, sum(word_count) AS words
                             FROM chapters c WHERE c.book_id = b.id AND in_stats) cs ON true
          WHERE in_status IS NULL OR b.status = in_status) t
    );
END
$function$;
