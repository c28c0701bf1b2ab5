-- list_characters' listing as a function, for the reason of V70, V72, V74 and V75: PL/pgSQL keeps the plan for the
-- life of the backend, which PgBouncer keeps across transactions (0.38 ms of planning per call before, measured with
-- track_planning). The list is the one the tool built before, key for key; list_characters pages it (Paging.page).
-- The filters are null for no filter.
CREATE FUNCTION character_list(in_series_id int, in_type text, in_status text) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET plan_cache_mode = force_generic_plan
AS $function$
BEGIN
    RETURN (
    SELECT jsonb_build_object('series_id', in_series_id,
                              'characters', coalesce(jsonb_agg(t.ch ORDER BY lower(t.name), t.id), '[]'::jsonb),
                              'count', count(*))
    FROM (SELECT c.id, c.name,
                 to_jsonb(c) || jsonb_build_object(
                     'series_title', (SELECT s.title FROM series s WHERE s.id = c.series_id),
                     'first_appearance_book', (SELECT jsonb_build_object('id', b.id, 'title', b.title,
                                                                         'book_number', b.book_number)
                                               FROM books b WHERE b.id = c.first_appearance_book_id))
                 || jsonb_build_object(
                     'detail_count', (SELECT count(*) FROM character_details d WHERE d.character_id = c.id),
                     'knowledge_count', (SELECT count(*) FROM character_knowledge k WHERE k.character_id = c.id),
                     'arc_count', (SELECT count(*) FROM character_arcs a WHERE a.character_id = c.id)) AS ch
          FROM characters c
          WHERE c.series_id = in_series_id AND (in_type IS NULL OR c.character_type = in_type)
            AND (in_status IS NULL OR c.status = in_status)) t
    );
END
$function$;
