-- book_list_chapters' listing as a function, for the same reason as writing_progress (V70): PL/pgSQL keeps the
-- plan of its statement for the life of the backend, which PgBouncer keeps across transactions, so the listing is
-- planned once per backend instead of on every call (0.8 ms of planning against 0.5 ms of execution per call).
CREATE FUNCTION book_chapter_list(in_book_id int, in_status text, in_stats boolean) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET plan_cache_mode = force_generic_plan
AS $function$
BEGIN
    RETURN (
    WITH p AS (SELECT in_book_id AS book_id, in_status AS status, in_stats AS stats),
    rows AS (
        SELECT c.*, ch.name AS pov_character_name,
               (SELECT count(*) FROM chapter_scenes s WHERE s.chapter_id = c.id) AS scene_count,
               (SELECT coalesce(sum(s.word_count), 0) FROM chapter_scenes s WHERE s.chapter_id = c.id)
                   AS scene_word_count,
               (SELECT count(*) FROM character_chapter_presence cp WHERE cp.chapter_id = c.id)
                   AS character_count
        FROM p, chapters c LEFT JOIN characters ch ON ch.id = c.pov_character_id
        WHERE c.book_id = p.book_id AND (p.status IS NULL OR c.status = p.status)),
    listed AS (
        SELECT r.chapter_number, jsonb_build_object(
                   'id', r.id, 'chapter_number', r.chapter_number, 'title', r.title,
                   'subtitle', r.subtitle, 'status', r.status, 'summary', r.summary,
                   'word_count', r.word_count, 'target_word_count', r.target_word_count,
                   'pov_character_id', r.pov_character_id, 'pov_character_name', r.pov_character_name,
                   'primary_location', r.primary_location,
                   'story_time_start', r.story_time_start, 'story_time_end', r.story_time_end)
               || CASE WHEN p.stats THEN jsonb_build_object(
                   'scene_count', r.scene_count, 'scene_word_count', r.scene_word_count,
                   'character_count', r.character_count,
                   'progress_percent', CASE WHEN r.target_word_count > 0
                       THEN round(100.0 * r.word_count / r.target_word_count, 1) END)
                  ELSE '{}'::jsonb END AS chapter
        FROM rows r, p)
    SELECT jsonb_build_object(
               'book_id', b.id, 'book_title', b.title, 'status_filter', p.status,
               'chapters', coalesce((SELECT jsonb_agg(l.chapter ORDER BY l.chapter_number) FROM listed l),
                                    '[]'::jsonb),
               'count', (SELECT count(*) FROM rows),
               'total_word_count', (SELECT coalesce(sum(word_count), 0) FROM rows))
           || CASE WHEN p.stats THEN jsonb_build_object('stats', jsonb_build_object(
               'total_target_word_count', (SELECT sum(target_word_count) FROM rows),
               'progress_percent', (SELECT CASE WHEN sum(target_word_count) > 0
                   THEN round(100.0 * sum(word_count) / sum(target_word_count), 1) END FROM rows),
               'total_scenes', (SELECT coalesce(sum(scene_count), 0) FROM rows),
               'chapters_by_status', coalesce((SELECT jsonb_object_agg(status, n)
                   FROM (SELECT status, count(*) AS n FROM rows GROUP BY status) s), '{}'::jsonb),
               'chapters_without_pov', (SELECT count(*) FROM rows WHERE pov_character_id IS NULL),
               'missing_chapter_numbers', coalesce((
                   SELECT jsonb_agg(n ORDER BY n)
                   FROM generate_series(1, (SELECT max(chapter_number) FROM chapters WHERE book_id = b.id)) n
                   WHERE NOT EXISTS (SELECT 1 FROM chapters x WHERE x.book_id = b.id AND x.chapter_number = n)),
                   '[]'::jsonb)))
              ELSE '{}'::jsonb END
    FROM p JOIN books b ON b.id = p.book_id
    );
END
$function$;
