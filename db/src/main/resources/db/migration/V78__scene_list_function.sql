-- list_scenes' listing as a function, for the reason of V70, V72, V74, V75 and V77: PL/pgSQL keeps the plan for the
-- life of the backend, which PgBouncer keeps across transactions, instead of planning this statement on every call.
-- The list is the one the tool built before, key for key (the scene's text and revisions are left out; get_scene
-- has them); list_scenes pages it (Paging.page). The filters are the canonical names (null: no filter).
CREATE FUNCTION scene_list(in_chapter_id int, in_scene_type text, in_writing_status text, in_stats boolean)
    RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET plan_cache_mode = force_generic_plan
AS $function$
BEGIN
    RETURN (
    WITH s AS (SELECT * FROM chapter_scenes
               WHERE chapter_id = in_chapter_id AND (in_scene_type IS NULL OR scene_type = in_scene_type)
                 AND (in_writing_status IS NULL OR writing_status = in_writing_status))
    SELECT jsonb_build_object(
        'chapter_id', in_chapter_id,
        'filters', jsonb_strip_nulls(jsonb_build_object('scene_type', in_scene_type, 'writing_status', in_writing_status)),
        'scenes', coalesce((SELECT jsonb_agg((to_jsonb(s) - 'scene_content' - 'scene_revisions') || jsonb_build_object(
                'pov_character_name', (SELECT pc.name FROM characters pc WHERE pc.id = s.pov_character_id),
                'has_content', s.scene_content IS NOT NULL AND s.scene_content <> '',
                'revision_count', coalesce(cardinality(s.scene_revisions), 0))
                                             ORDER BY s.scene_number) FROM s), '[]'::jsonb),
        'count', (SELECT count(*) FROM s))
        || CASE WHEN in_stats THEN jsonb_build_object('stats', (
            SELECT jsonb_build_object(
                'scene_count', count(*),
                'total_word_count', coalesce(sum(word_count), 0),
                'total_target_word_count', coalesce(sum(target_word_count), 0),
                'progress_percent', CASE WHEN sum(target_word_count) > 0
                    THEN round(100.0 * sum(word_count) / sum(target_word_count), 1) END,
                'average_intensity', trim_scale(round(avg(intensity_level), 1)),
                'by_writing_status', coalesce((SELECT jsonb_object_agg(k, n) FROM (
                    SELECT coalesce(writing_status, 'none') AS k, count(*) AS n FROM s GROUP BY 1) t),
                    '{}'::jsonb),
                'by_scene_type', coalesce((SELECT jsonb_object_agg(k, n) FROM (
                    SELECT coalesce(scene_type, 'none') AS k, count(*) AS n FROM s GROUP BY 1) t),
                    '{}'::jsonb),
                'pov_characters', coalesce((SELECT jsonb_agg(jsonb_build_object(
                        'character_id', pc.id, 'name', pc.name, 'scenes', t.n) ORDER BY t.n DESC, pc.name)
                    FROM (SELECT pov_character_id, count(*) AS n FROM s
                          WHERE pov_character_id IS NOT NULL GROUP BY 1) t
                    JOIN characters pc ON pc.id = t.pov_character_id), '[]'::jsonb),
                'scenes_without_pov', count(*) FILTER (WHERE pov_character_id IS NULL))
            FROM s)) ELSE '{}'::jsonb END
    );
END
$function$;
