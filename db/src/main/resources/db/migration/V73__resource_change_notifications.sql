-- Resource subscriptions (MCP resources/subscribe): every change to the rows behind a writing:// resource is
-- announced on the channel writing_resources with the URIs it affects (a JSON array), whichever of the ten
-- servers made it; each server LISTENs and tells the sessions subscribed to those URIs. An UPDATE announces the
-- resources of the row before and after (a scene moved to another chapter changes both chapters).

CREATE FUNCTION resource_uris_of(tbl text, r jsonb) RETURNS text[]
LANGUAGE sql STABLE AS $$
    SELECT CASE tbl
        WHEN 'series' THEN ARRAY['writing://series/' || (r->>'id'), 'writing://series/' || (r->>'id') || '/bible']
        WHEN 'books' THEN ARRAY['writing://books/' || (r->>'id'), 'writing://books/' || (r->>'id') || '/manuscript',
                                'writing://series/' || (r->>'series_id')]
        WHEN 'chapters' THEN ARRAY['writing://chapters/' || (r->>'id'), 'writing://books/' || (r->>'book_id'),
                                   'writing://books/' || (r->>'book_id') || '/manuscript']
        WHEN 'chapter_scenes' THEN ARRAY['writing://scenes/' || (r->>'id'), 'writing://chapters/' || (r->>'chapter_id'),
                                         (SELECT 'writing://books/' || ch.book_id || '/manuscript'
                                          FROM chapters ch WHERE ch.id = (r->>'chapter_id')::int)]
        WHEN 'characters' THEN ARRAY['writing://characters/' || (r->>'id'),
                                     'writing://series/' || (r->>'series_id') || '/bible']
        WHEN 'character_details' THEN ARRAY['writing://characters/' || (r->>'character_id')]
        WHEN 'character_knowledge' THEN ARRAY['writing://characters/' || (r->>'character_id')]
        ELSE ARRAY['writing://series/' || (r->>'series_id') || '/bible'] -- the rest of the story bible
    END
$$;

CREATE FUNCTION notify_resource_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    uris text[] := '{}';
BEGIN
    IF TG_OP <> 'INSERT' THEN
        uris := uris || resource_uris_of(TG_TABLE_NAME, to_jsonb(OLD));
    END IF;
    IF TG_OP <> 'DELETE' THEN
        uris := uris || resource_uris_of(TG_TABLE_NAME, to_jsonb(NEW));
    END IF;
    -- identical payloads of one transaction are delivered once
    PERFORM pg_notify('writing_resources',
                      array_to_json(ARRAY(SELECT DISTINCT u FROM unnest(uris) AS u WHERE u IS NOT NULL ORDER BY u))::text);
    RETURN NULL;
END
$$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['series', 'books', 'chapters', 'chapter_scenes', 'characters', 'character_details',
                             'character_knowledge', 'locations', 'world_elements', 'organizations', 'plot_threads'] LOOP
        EXECUTE format('CREATE TRIGGER resource_change AFTER INSERT OR UPDATE OR DELETE ON %I '
                       'FOR EACH ROW EXECUTE FUNCTION notify_resource_change()', t);
    END LOOP;
END
$$;
