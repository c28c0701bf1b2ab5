-- get_writing_progress's report as a function: PL/pgSQL keeps a statement's plan for the life of the backend, and
-- PgBouncer keeps backends across transactions, so this report is planned once per backend instead of on every
-- call (its planning cost 10-15 ms, its execution about 1.5 ms; docs/PERFORMANCE.md). plan_cache_mode: its only
-- parameters are the book, the period and a flag, for which one generic plan serves.
CREATE FUNCTION writing_progress(in_book_id int, in_days int, in_period text, in_analytics boolean) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET plan_cache_mode = force_generic_plan
AS $function$
BEGIN
    RETURN (
    WITH p AS (SELECT in_book_id AS book_id, in_days AS days),
    b AS (SELECT bk.id, bk.title, bk.target_word_count,
                 CASE WHEN cw.words > 0 THEN cw.words ELSE bk.actual_word_count END AS words
          FROM books bk JOIN p ON bk.id = p.book_id
          CROSS JOIN LATERAL (SELECT coalesce(sum(c.word_count), 0) AS words FROM chapters c
                              WHERE c.book_id = bk.id) cw),
    bounds AS (SELECT CASE WHEN p.days > 0 THEN current_date - (p.days - 1)
                           ELSE coalesce((SELECT min(ws.session_date) FROM writing_sessions ws
                                          WHERE ws.book_id = p.book_id AND ws.session_date <= current_date),
                                         current_date) END AS start_date,
                      current_date AS end_date
               FROM p),
    span AS (SELECT end_date - start_date + 1 AS days FROM bounds),
    s AS (SELECT ws.* FROM writing_sessions ws, p, bounds
          WHERE ws.book_id = p.book_id AND ws.session_date BETWEEN bounds.start_date AND bounds.end_date),
    days AS (SELECT d::date AS day, coalesce(sum(s.words_written), 0) AS words,
                    coalesce(sum(s.words_edited), 0) AS edited, count(s.id) AS sessions,
                    coalesce(sum(s.duration_minutes), 0) AS minutes
             FROM bounds CROSS JOIN generate_series(bounds.start_date, bounds.end_date, interval '1 day') AS d
             LEFT JOIN s ON s.session_date = d::date
             GROUP BY d),
    writing_days AS (SELECT DISTINCT ws.session_date AS day FROM writing_sessions ws, p
                     WHERE ws.book_id = p.book_id AND ws.words_written > 0 AND ws.session_date <= current_date),
    streaks AS (SELECT min(day) AS first_day, max(day) AS last_day, count(*) AS length
                FROM (SELECT day, day - (row_number() OVER (ORDER BY day))::int AS grp FROM writing_days) t
                GROUP BY grp),
    totals AS (SELECT count(*) AS sessions, coalesce(sum(words_written), 0) AS words_written,
                      coalesce(sum(words_edited), 0) AS words_edited, coalesce(sum(duration_minutes), 0) AS minutes,
                      count(DISTINCT session_date) FILTER (WHERE words_written > 0) AS writing_days
               FROM s),
    rate AS (SELECT round(t.words_written::numeric / span.days, 1) AS per_day FROM totals t, span)
    SELECT jsonb_build_object(
        'book_id', b.id, 'book_title', b.title, 'time_period', in_period,
        'period', jsonb_build_object('start_date', bounds.start_date, 'end_date', bounds.end_date, 'days', span.days),
        'totals', jsonb_build_object(
            'sessions', t.sessions, 'words_written', t.words_written, 'words_edited', t.words_edited,
            'minutes', t.minutes, 'writing_days', t.writing_days,
            'average_words_per_day', trim_scale(rate.per_day),
            'average_words_per_writing_day', CASE WHEN t.writing_days > 0
                THEN trim_scale(round(t.words_written::numeric / t.writing_days, 1)) END),
        'daily', coalesce((SELECT jsonb_agg(jsonb_build_object('date', d.day, 'words_written', d.words,
                              'words_edited', d.edited, 'sessions', d.sessions, 'minutes', d.minutes)
                              ORDER BY d.day) FROM days d WHERE d.sessions > 0), '[]'::jsonb),
        'weekly', coalesce((SELECT jsonb_agg(jsonb_build_object('week_start', w.week, 'words_written', w.words,
                               'sessions', w.sessions, 'writing_days', w.writing_days) ORDER BY w.week)
                            FROM (SELECT date_trunc('week', d.day)::date AS week, sum(d.words) AS words,
                                         sum(d.sessions) AS sessions, count(*) FILTER (WHERE d.words > 0) AS writing_days
                                  FROM days d GROUP BY 1) w), '[]'::jsonb),
        'monthly', coalesce((SELECT jsonb_agg(jsonb_build_object('month', m.month, 'words_written', m.words,
                                'sessions', m.sessions, 'writing_days', m.writing_days) ORDER BY m.month)
                             FROM (SELECT to_char(d.day, 'YYYY-MM') AS month, sum(d.words) AS words,
                                          sum(d.sessions) AS sessions, count(*) FILTER (WHERE d.words > 0) AS writing_days
                                   FROM days d GROUP BY 1) m), '[]'::jsonb),
        'streaks', jsonb_build_object(
            'current_days', coalesce((SELECT st.length FROM streaks st WHERE st.last_day >= current_date - 1), 0),
            'current_since', (SELECT st.first_day FROM streaks st WHERE st.last_day >= current_date - 1),
            'longest_days_in_period', coalesce((SELECT max(least(st.last_day, bounds.end_date)
                                                       - greatest(st.first_day, bounds.start_date) + 1)
                                                FROM streaks st
                                                WHERE st.last_day >= bounds.start_date
                                                  AND st.first_day <= bounds.end_date), 0),
            'longest_days_all_time', coalesce((SELECT max(st.length) FROM streaks st), 0)),
        'pace', jsonb_strip_nulls(jsonb_build_object(
            'target_word_count', b.target_word_count, 'words', b.words,
            'percent_complete', CASE WHEN b.target_word_count > 0
                THEN trim_scale(round(100.0 * b.words / b.target_word_count, 1)) END,
            'remaining_words', CASE WHEN b.target_word_count IS NOT NULL
                THEN greatest(b.target_word_count - b.words, 0) END,
            'words_per_day', trim_scale(rate.per_day),
            'days_to_target', CASE WHEN b.target_word_count > b.words AND rate.per_day > 0
                THEN ceil((b.target_word_count - b.words) / rate.per_day)::int END,
            'projected_completion_date', CASE WHEN b.target_word_count > b.words AND rate.per_day > 0
                THEN current_date + ceil((b.target_word_count - b.words) / rate.per_day)::int END,
            'target_reached', CASE WHEN b.target_word_count > 0 THEN b.words >= b.target_word_count END)),
        'goals', coalesce((SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                    'goal_id', g.id, 'goal_type', g.goal_type, 'target_value', g.target_value,
                    'target_date', g.target_date, 'description', g.description, 'progress', x.progress,
                    'percent', trim_scale(round(100.0 * x.progress / nullif(g.target_value, 0), 1)),
                    'met', x.progress >= g.target_value)) ORDER BY g.target_date, g.id)
                FROM writing_goals g
                CROSS JOIN LATERAL (SELECT CASE g.goal_type
                    WHEN 'daily_words' THEN (SELECT coalesce(sum(ws.words_written), 0) FROM writing_sessions ws
                                             WHERE ws.book_id = g.book_id AND ws.session_date = current_date)
                    WHEN 'weekly_words' THEN (SELECT coalesce(sum(ws.words_written), 0) FROM writing_sessions ws
                                              WHERE ws.book_id = g.book_id AND ws.session_date > current_date - 7
                                                AND ws.session_date <= current_date)
                    WHEN 'monthly_words' THEN (SELECT coalesce(sum(ws.words_written), 0) FROM writing_sessions ws
                                               WHERE ws.book_id = g.book_id AND ws.session_date > current_date - 30
                                                 AND ws.session_date <= current_date)
                    WHEN 'book_completion' THEN b.words
                    ELSE coalesce(g.current_progress, 0) END AS progress) x
                WHERE g.book_id = b.id AND coalesce(g.active, true)), '[]'::jsonb))
    || CASE WHEN in_analytics THEN jsonb_build_object('analytics', jsonb_strip_nulls(jsonb_build_object(
        'best_day', (SELECT jsonb_build_object('date', d.day, 'words_written', d.words) FROM days d
                     WHERE d.words > 0 ORDER BY d.words DESC, d.day LIMIT 1),
        'consistency_percent', trim_scale(round(100.0 * t.writing_days / span.days, 1)),
        'average_session_minutes', (SELECT trim_scale(round(avg(s.duration_minutes), 1)) FROM s),
        'words_per_hour', (SELECT trim_scale(round(60.0 * sum(s.words_written) / nullif(sum(s.duration_minutes), 0), 1))
                           FROM s WHERE s.duration_minutes > 0),
        'average_mood', (SELECT trim_scale(round(avg(s.mood_rating), 1)) FROM s),
        'by_weekday', (SELECT jsonb_agg(jsonb_build_object('weekday', w.name, 'words_written', w.words,
                           'sessions', w.sessions) ORDER BY w.dow)
                       FROM (SELECT extract(isodow FROM s.session_date) AS dow,
                                    to_char(s.session_date, 'FMDay') AS name,
                                    sum(s.words_written) AS words, count(*) AS sessions
                             FROM s GROUP BY 1, 2) w),
        'trend', (SELECT jsonb_build_object('first_half_words', h.first_half, 'second_half_words', h.second_half,
                         'direction', CASE WHEN h.second_half > 1.1 * h.first_half THEN 'rising'
                                           WHEN h.second_half < 0.9 * h.first_half THEN 'falling'
                                           ELSE 'steady' END)
                  FROM (SELECT coalesce(sum(d.words) FILTER (WHERE d.day < bounds.start_date + span.days / 2), 0)
                                   AS first_half,
                               coalesce(sum(d.words) FILTER (WHERE d.day >= bounds.start_date + span.days / 2), 0)
                                   AS second_half
                        FROM days d) h
                  WHERE span.days >= 2),
        'chapters_worked', (SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object('chapter_id', c.id,
                                'chapter_number', c.chapter_number, 'title', c.title, 'sessions', x.sessions,
                                'words_written', x.words)) ORDER BY c.chapter_number)
                            FROM (SELECT sc.chapter_id, count(*) AS sessions,
                                         sum(sc.words_written_on_chapter) AS words
                                  FROM session_chapters sc JOIN s ON s.id = sc.session_id
                                  GROUP BY sc.chapter_id) x
                            JOIN chapters c ON c.id = x.chapter_id))))
       ELSE '{}'::jsonb END
    FROM b, bounds, span, totals t, rate
    );
END
$function$;
