-- Resource subscriptions hear every table a writing:// resource reads (V73 missed some). What each resource reads
-- (ResourceChangeCoverageTest finds it by taking SELECT away table by table):
--   series/{id}            series, authors, series_genres, genres, books, chapters, characters, plot_threads,
--                          plot_thread_statuses, timeline_events, locations, organizations, world_elements,
--                          world_systems
--   series/{id}/bible      series, characters, locations, world_elements, organizations, plot_threads,
--                          plot_thread_statuses
--   books/{id}             books, series, book_genres, genres, chapters
--   books/{id}/manuscript  books, series, authors, book_genres, genres, chapters, chapter_scenes
--   chapters/{id}          chapters, books, characters (POV), chapter_scenes
--   scenes/{id}            chapter_scenes, chapters, characters (POV, participants, present),
--                          character_chapter_presence
--   characters/{id}        characters, character_details, character_knowledge, character_arcs, books (arcs' books)
-- A row announces every resource that reads it, whichever column changed. The triggers are per statement with
-- transition tables: a bulk change is one set of URIs, sent in notifications of at most 100 URIs (pg_notify
-- refuses payloads of 8000 bytes or more).

CREATE OR REPLACE FUNCTION resource_uris_of(tbl text, r jsonb) RETURNS text[]
LANGUAGE sql STABLE AS $$
    SELECT CASE tbl
        WHEN 'authors' THEN ARRAY(
            SELECT 'writing://series/' || s.id FROM series s WHERE s.author_id = (r->>'id')::int
            UNION ALL
            SELECT 'writing://books/' || b.id || '/manuscript'
            FROM series s JOIN books b ON b.series_id = s.id WHERE s.author_id = (r->>'id')::int)
        WHEN 'series' THEN ARRAY['writing://series/' || (r->>'id'), 'writing://series/' || (r->>'id') || '/bible']
            || ARRAY(SELECT u FROM books b, LATERAL (VALUES ('writing://books/' || b.id),
                                                           ('writing://books/' || b.id || '/manuscript')) AS v(u)
                     WHERE b.series_id = (r->>'id')::int)
        WHEN 'series_genres' THEN ARRAY['writing://series/' || (r->>'series_id')]
        WHEN 'book_genres' THEN ARRAY['writing://books/' || (r->>'book_id'),
                                      'writing://books/' || (r->>'book_id') || '/manuscript']
        WHEN 'genres' THEN ARRAY(
            SELECT 'writing://series/' || sg.series_id FROM series_genres sg WHERE sg.genre_id = (r->>'id')::int
            UNION ALL
            SELECT u FROM book_genres bg, LATERAL (VALUES ('writing://books/' || bg.book_id),
                                                          ('writing://books/' || bg.book_id || '/manuscript')) AS v(u)
            WHERE bg.genre_id = (r->>'id')::int)
        WHEN 'books' THEN ARRAY['writing://books/' || (r->>'id'), 'writing://books/' || (r->>'id') || '/manuscript',
                                'writing://series/' || (r->>'series_id')]
            || ARRAY(SELECT 'writing://chapters/' || ch.id FROM chapters ch WHERE ch.book_id = (r->>'id')::int)
            || ARRAY(SELECT 'writing://characters/' || a.character_id FROM character_arcs a
                     WHERE a.book_id = (r->>'id')::int)
        WHEN 'chapters' THEN ARRAY['writing://chapters/' || (r->>'id'), 'writing://books/' || (r->>'book_id'),
                                   'writing://books/' || (r->>'book_id') || '/manuscript',
                                   (SELECT 'writing://series/' || b.series_id FROM books b
                                    WHERE b.id = (r->>'book_id')::int)]
            || ARRAY(SELECT 'writing://scenes/' || sc.id FROM chapter_scenes sc WHERE sc.chapter_id = (r->>'id')::int)
        WHEN 'chapter_scenes' THEN ARRAY['writing://scenes/' || (r->>'id'), 'writing://chapters/' || (r->>'chapter_id'),
                                         (SELECT 'writing://books/' || ch.book_id || '/manuscript'
                                          FROM chapters ch WHERE ch.id = (r->>'chapter_id')::int)]
        -- a character's name shows in the chapters and scenes they are the POV of, take part in or are present in
        WHEN 'characters' THEN ARRAY['writing://characters/' || (r->>'id'), 'writing://series/' || (r->>'series_id'),
                                     'writing://series/' || (r->>'series_id') || '/bible']
            || ARRAY(SELECT 'writing://chapters/' || ch.id FROM chapters ch
                     WHERE ch.pov_character_id = (r->>'id')::int)
            || ARRAY(SELECT 'writing://scenes/' || sc.id
                     FROM books b JOIN chapters ch ON ch.book_id = b.id JOIN chapter_scenes sc ON sc.chapter_id = ch.id
                     WHERE b.series_id = (r->>'series_id')::int
                       AND (sc.pov_character_id = (r->>'id')::int OR (r->>'id')::int = ANY (sc.scene_participants)))
            || ARRAY(SELECT u FROM character_chapter_presence pr,
                            unnest(resource_uris_of('character_chapter_presence', to_jsonb(pr))) AS u
                     WHERE pr.character_id = (r->>'id')::int)
        WHEN 'character_details' THEN ARRAY['writing://characters/' || (r->>'character_id')]
        WHEN 'character_knowledge' THEN ARRAY['writing://characters/' || (r->>'character_id')]
        WHEN 'character_arcs' THEN ARRAY['writing://characters/' || (r->>'character_id')]
        -- the scenes a presence record covers, as the scene resource selects them
        WHEN 'character_chapter_presence' THEN ARRAY(
            SELECT 'writing://scenes/' || sc.id FROM chapter_scenes sc
            WHERE sc.chapter_id = (r->>'chapter_id')::int
              AND (sc.id = (r->>'scene_id')::int
                   OR ((r->>'scene_id') IS NULL
                       AND coalesce((r->>'enters_at_scene')::int, sc.scene_number) <= sc.scene_number
                       AND coalesce((r->>'exits_at_scene')::int, sc.scene_number) >= sc.scene_number)))
        WHEN 'plot_thread_statuses' THEN ARRAY(
            SELECT u FROM (SELECT DISTINCT p.series_id FROM plot_threads p
                           WHERE p.current_status_id = (r->>'id')::int) s,
                          LATERAL (VALUES ('writing://series/' || s.series_id),
                                          ('writing://series/' || s.series_id || '/bible')) AS v(u))
        WHEN 'timeline_events' THEN ARRAY['writing://series/' || (r->>'series_id')]
        WHEN 'world_systems' THEN ARRAY['writing://series/' || (r->>'series_id')]
        -- plot_threads, locations, organizations, world_elements: counted in the series, listed in its bible
        ELSE ARRAY['writing://series/' || (r->>'series_id'), 'writing://series/' || (r->>'series_id') || '/bible']
    END
$$;

CREATE OR REPLACE FUNCTION notify_resource_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    uris text[];
    payload text;
BEGIN
    -- each transition table is named only by the triggers that have it
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(u) INTO uris FROM new_rows n, unnest(resource_uris_of(TG_TABLE_NAME, to_jsonb(n))) AS u;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(u) INTO uris FROM old_rows o, unnest(resource_uris_of(TG_TABLE_NAME, to_jsonb(o))) AS u;
    ELSE -- an UPDATE announces the resources of the rows before and after (a scene moved to another chapter)
        SELECT array_agg(u) INTO uris
        FROM (SELECT to_jsonb(o) AS r FROM old_rows o UNION ALL SELECT to_jsonb(n) FROM new_rows n) AS changed,
             unnest(resource_uris_of(TG_TABLE_NAME, changed.r)) AS u;
    END IF;
    FOR payload IN
        SELECT array_to_json(array_agg(u ORDER BY u))::text
        FROM (SELECT u, (row_number() OVER (ORDER BY u) - 1) / 100 AS batch
              FROM (SELECT DISTINCT u FROM unnest(uris) AS u WHERE u IS NOT NULL) AS d) AS numbered
        GROUP BY batch ORDER BY batch
    LOOP
        -- identical payloads of one transaction are delivered once
        PERFORM pg_notify('writing_resources', payload);
    END LOOP;
    RETURN NULL;
END
$$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['series', 'books', 'chapters', 'chapter_scenes', 'characters', 'character_details',
                             'character_knowledge', 'locations', 'world_elements', 'organizations', 'plot_threads'] LOOP
        EXECUTE format('DROP TRIGGER resource_change ON %I', t);
    END LOOP;
    FOREACH t IN ARRAY ARRAY['authors', 'series', 'series_genres', 'genres', 'books', 'book_genres', 'chapters',
                             'chapter_scenes', 'characters', 'character_details', 'character_knowledge',
                             'character_arcs', 'character_chapter_presence', 'plot_threads', 'plot_thread_statuses',
                             'timeline_events', 'locations', 'organizations', 'world_elements', 'world_systems'] LOOP
        -- PostgreSQL allows transition tables only on a trigger of one event
        EXECUTE format('CREATE TRIGGER resource_change_insert AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION notify_resource_change()', t);
        EXECUTE format('CREATE TRIGGER resource_change_update AFTER UPDATE ON %I '
                       'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION notify_resource_change()', t);
        EXECUTE format('CREATE TRIGGER resource_change_delete AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION notify_resource_change()', t);
    END LOOP;
END
$$;
