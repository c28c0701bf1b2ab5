package io.mcpwriting.domain.report;

/**
 * The sections of a report, in the order a report presents them. Each query binds (series id, book id or
 * null) through {@link ReportTools#PARAMS} and returns the section as JSON; with a book id the section is
 * limited to what that book contains or uses.
 */
public enum ReportSection {
    SERIES_INFO("Series information", """
            SELECT jsonb_build_object(
                'id', s.id, 'title', s.title, 'author', a.name, 'status', s.status, 'description', s.description,
                'target_audience', s.target_audience, 'start_year', s.start_year,
                'genres', coalesce((SELECT jsonb_agg(g.genre_name ORDER BY g.genre_name)
                                    FROM series_genres sg JOIN genres g ON g.id = sg.genre_id WHERE sg.series_id = s.id),
                                   '[]'::jsonb),
                'book_count', (SELECT count(*) FROM books b WHERE b.series_id = s.id),
                'total_word_count', (SELECT coalesce(sum(b.actual_word_count), 0) FROM books b WHERE b.series_id = s.id))
            FROM series s JOIN authors a ON a.id = s.author_id WHERE s.id = (SELECT sid FROM params)"""),

    BOOKS("Books", """
            SELECT coalesce(jsonb_agg(jsonb_build_object(
                       'id', b.id, 'book_number', b.book_number, 'title', b.title, 'status', b.status,
                       'description', b.description, 'target_word_count', b.target_word_count,
                       'actual_word_count', b.actual_word_count,
                       'chapter_count', (SELECT count(*) FROM chapters ch WHERE ch.book_id = b.id),
                       'chapter_word_count', (SELECT coalesce(sum(ch.word_count), 0) FROM chapters ch WHERE ch.book_id = b.id),
                       'chapters', CASE WHEN (SELECT bid FROM params) IS NOT NULL THEN coalesce((
                           SELECT jsonb_agg(jsonb_build_object('chapter_number', ch.chapter_number, 'title', ch.title,
                                            'status', ch.status, 'word_count', ch.word_count, 'pov_character', pc.name)
                                            ORDER BY ch.chapter_number)
                           FROM chapters ch LEFT JOIN characters pc ON pc.id = ch.pov_character_id
                           WHERE ch.book_id = b.id), '[]'::jsonb) END) ORDER BY b.book_number), '[]'::jsonb)
            FROM books b
            WHERE b.series_id = (SELECT sid FROM params)
              AND ((SELECT bid FROM params) IS NULL OR b.id = (SELECT bid FROM params))"""),

    CHARACTERS("Characters", """
            SELECT coalesce(jsonb_agg(jsonb_build_object(
                       'id', c.id, 'name', c.name, 'full_name', c.full_name, 'aliases', c.aliases,
                       'character_type', c.character_type, 'status', c.status,
                       'first_appearance_book', fb.book_number, 'last_appearance_book', lb.book_number,
                       'chapter_appearances', (SELECT count(*) FROM character_chapter_presence p
                                               WHERE p.character_id = c.id AND p.chapter_id IN (SELECT id FROM scope_chapters)),
                       'pov_chapters', (SELECT count(*) FROM scope_chapters sc WHERE sc.pov_character_id = c.id),
                       'detail_count', (SELECT count(*) FROM character_details d WHERE d.character_id = c.id))
                       ORDER BY CASE c.character_type WHEN 'main' THEN 1 WHEN 'antagonist' THEN 2
                                                      WHEN 'supporting' THEN 3 WHEN 'minor' THEN 4 ELSE 5 END, c.name),
                   '[]'::jsonb)
            FROM characters c
            LEFT JOIN books fb ON fb.id = c.first_appearance_book_id
            LEFT JOIN books lb ON lb.id = c.last_appearance_book_id
            WHERE c.series_id = (SELECT sid FROM params)
              AND ((SELECT bid FROM params) IS NULL
                   OR c.first_appearance_book_id = (SELECT bid FROM params)
                   OR EXISTS (SELECT 1 FROM character_chapter_presence p
                              WHERE p.character_id = c.id AND p.chapter_id IN (SELECT id FROM scope_chapters))
                   OR EXISTS (SELECT 1 FROM scope_chapters sc WHERE sc.pov_character_id = c.id)
                   OR EXISTS (SELECT 1 FROM chapter_scenes s WHERE s.chapter_id IN (SELECT id FROM scope_chapters)
                              AND (s.pov_character_id = c.id OR c.id = ANY (s.scene_participants)))
                   OR EXISTS (SELECT 1 FROM character_arcs a WHERE a.character_id = c.id
                              AND a.book_id = (SELECT bid FROM params)))"""),

    LOCATIONS("Locations", """
            SELECT coalesce(jsonb_agg(jsonb_build_object(
                       'id', l.id, 'name', l.name, 'location_type', l.location_type, 'description', l.description,
                       'parent_location', p.name, 'climate', l.climate, 'terrain', l.terrain,
                       'usage_count', (SELECT count(*) FROM scope_usage u WHERE u.kind = 'location' AND u.element_id = l.id))
                       ORDER BY l.name, l.id), '[]'::jsonb)
            FROM locations l LEFT JOIN locations p ON p.id = l.parent_location_id
            WHERE l.series_id = (SELECT sid FROM params)
              AND ((SELECT bid FROM params) IS NULL
                   OR EXISTS (SELECT 1 FROM scope_usage u WHERE u.kind = 'location' AND u.element_id = l.id)
                   OR EXISTS (SELECT 1 FROM scope_chapters sc WHERE lower(btrim(sc.primary_location)) = lower(btrim(l.name))
                              OR lower(btrim(l.name)) IN (SELECT lower(btrim(x)) FROM unnest(sc.secondary_locations) x))
                   OR EXISTS (SELECT 1 FROM chapter_scenes s WHERE s.chapter_id IN (SELECT id FROM scope_chapters)
                              AND lower(btrim(s.location)) = lower(btrim(l.name))))"""),

    ORGANIZATIONS("Organizations", """
            SELECT coalesce(jsonb_agg(jsonb_build_object(
                       'id', o.id, 'name', o.name, 'organization_type', o.organization_type, 'description', o.description,
                       'influence_level', o.influence_level, 'member_count', o.member_count, 'status', o.status,
                       'headquarters', hq.name, 'parent_organization', po.name,
                       'usage_count', (SELECT count(*) FROM scope_usage u
                                       WHERE u.kind = 'organization' AND u.element_id = o.id))
                       ORDER BY o.name, o.id), '[]'::jsonb)
            FROM organizations o
            LEFT JOIN locations hq ON hq.id = o.headquarters_location_id
            LEFT JOIN organizations po ON po.id = o.parent_organization_id
            WHERE o.series_id = (SELECT sid FROM params)
              AND ((SELECT bid FROM params) IS NULL
                   OR EXISTS (SELECT 1 FROM scope_usage u WHERE u.kind = 'organization' AND u.element_id = o.id))"""),

    PLOT_THREADS("Plot threads", """
            SELECT coalesce(jsonb_agg(jsonb_build_object(
                       'id', pt.id, 'title', pt.title, 'description', pt.description, 'thread_type', tt.type_name,
                       'current_status', ts.status_name, 'importance_level', pt.importance_level,
                       'start_book', pt.start_book, 'end_book', pt.end_book, 'parent_thread', parent.title,
                       'resolution_notes', pt.resolution_notes)
                       ORDER BY pt.importance_level DESC, pt.id), '[]'::jsonb)
            FROM plot_threads pt
            LEFT JOIN plot_thread_types tt ON tt.id = pt.thread_type_id
            LEFT JOIN plot_thread_statuses ts ON ts.id = pt.current_status_id
            LEFT JOIN plot_threads parent ON parent.id = pt.parent_thread_id
            WHERE pt.series_id = (SELECT sid FROM params)
              AND ((SELECT bid FROM params) IS NULL
                   OR (coalesce(pt.start_book, 1) <= (SELECT book_number FROM scope_book)
                       AND (pt.end_book IS NULL OR pt.end_book >= (SELECT book_number FROM scope_book))))"""),

    WORLD_ELEMENTS("World elements", """
            SELECT coalesce(jsonb_agg(jsonb_build_object(
                       'id', e.id, 'name', e.name, 'element_type', e.element_type, 'description', e.description,
                       'rarity', e.rarity, 'power_level', e.power_level, 'system', ws.system_name,
                       'rules', e.rules, 'limitations', e.limitations,
                       'usage_count', (SELECT count(*) FROM scope_usage u
                                       WHERE u.kind = 'world_element' AND u.element_id = e.id))
                       ORDER BY e.element_type, e.name, e.id), '[]'::jsonb)
            FROM world_elements e LEFT JOIN world_systems ws ON ws.id = e.system_id
            WHERE e.series_id = (SELECT sid FROM params)
              AND ((SELECT bid FROM params) IS NULL
                   OR EXISTS (SELECT 1 FROM scope_usage u WHERE u.kind = 'world_element' AND u.element_id = e.id))"""),

    TIMELINE_EVENTS("Timeline events", """
            SELECT coalesce(jsonb_agg(jsonb_build_object(
                       'id', e.id, 'event_date', e.event_date, 'event_name', e.event_name,
                       'event_description', e.event_description, 'significance', e.significance,
                       'time_period', e.time_period, 'book_number', b.book_number,
                       'is_public_knowledge', e.is_public_knowledge,
                       'participants', coalesce((SELECT jsonb_agg(c.name ORDER BY c.name) FROM event_participants ep
                                                 JOIN characters c ON c.id = ep.character_id WHERE ep.event_id = e.id),
                                                '[]'::jsonb),
                       'chapter_mappings', (SELECT count(*) FROM event_chapter_mappings m WHERE m.event_id = e.id))
                       ORDER BY e.sort_order, e.event_date, e.id), '[]'::jsonb)
            FROM timeline_events e LEFT JOIN books b ON b.id = e.book_id
            WHERE e.series_id = (SELECT sid FROM params)
              AND ((SELECT bid FROM params) IS NULL OR e.book_id = (SELECT bid FROM params)
                   OR EXISTS (SELECT 1 FROM event_chapter_mappings m WHERE m.event_id = e.id
                              AND m.chapter_id IN (SELECT id FROM scope_chapters)))"""),

    RELATIONSHIP_ARCS("Relationship arcs", """
            SELECT coalesce(jsonb_agg(jsonb_build_object(
                       'id', a.id, 'arc_name', a.arc_name, 'relationship_type', a.relationship_type,
                       'current_dynamic', a.current_dynamic, 'complexity_level', a.complexity_level,
                       'plot_thread', pt.title,
                       'participants', coalesce((
                           SELECT jsonb_agg(coalesce(c.name, p.value ->> 'character_name') ORDER BY p.ord)
                           FROM jsonb_array_elements(CASE WHEN jsonb_typeof(a.participants) = 'array'
                                                          THEN a.participants ELSE '[]'::jsonb END)
                                WITH ORDINALITY AS p(value, ord)
                           LEFT JOIN characters c ON c.id = CASE WHEN p.value ->> 'character_id' ~ '^[0-9]{1,9}$'
                                                                 THEN (p.value ->> 'character_id')::int END), '[]'::jsonb),
                       'dynamics_count', (SELECT count(*) FROM relationship_dynamics d WHERE d.arc_id = a.id),
                       'net_tension_change', (SELECT coalesce(sum(d.tension_change), 0) FROM relationship_dynamics d
                                              WHERE d.arc_id = a.id))
                       ORDER BY a.arc_name, a.id), '[]'::jsonb)
            FROM relationship_arcs a JOIN plot_threads pt ON pt.id = a.plot_thread_id
            WHERE pt.series_id = (SELECT sid FROM params)
              AND ((SELECT bid FROM params) IS NULL
                   OR EXISTS (SELECT 1 FROM relationship_dynamics d LEFT JOIN chapter_scenes s ON s.id = d.scene_id
                              WHERE d.arc_id = a.id
                                AND coalesce(d.chapter_id, s.chapter_id) IN (SELECT id FROM scope_chapters))
                   OR (coalesce(pt.start_book, 1) <= (SELECT book_number FROM scope_book)
                       AND (pt.end_book IS NULL OR pt.end_book >= (SELECT book_number FROM scope_book))))""");

    final String title;
    final String query;

    ReportSection(String title, String query) {
        this.title = title;
        this.query = query;
    }

    String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
