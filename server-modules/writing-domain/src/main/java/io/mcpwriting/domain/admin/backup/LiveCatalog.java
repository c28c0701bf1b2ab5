package io.mcpwriting.domain.admin.backup;

import io.mcpwriting.domain.admin.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What restores and incremental backups need to know about the live tables, read through psql on the direct
 * connection (so the command-line restore needs no other access): columns, primary keys, the tables each one
 * references, sequence-fed columns and the timestamp columns that date a row's last change.
 */
public final class LiveCatalog {

    static final String QUERY = """
            SELECT jsonb_build_object(
              'database', current_database(),
              'server_version', current_setting('server_version'),
              'now', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
              'tables', coalesce((SELECT jsonb_agg(jsonb_build_object(
                'name', c.relname,
                'columns', (SELECT jsonb_agg(a.attname ORDER BY a.attnum) FROM pg_attribute a
                            WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''),
                'timestamps', (SELECT coalesce(jsonb_agg(a.attname ORDER BY a.attname), '[]'::jsonb) FROM pg_attribute a
                               WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                                 AND a.attname IN ('created_at', 'updated_at', 'timestamp')
                                 AND a.atttypid IN ('timestamptz'::regtype, 'timestamp'::regtype)),
                'primary_key', (SELECT coalesce(jsonb_agg(a.attname ORDER BY k.ord), '[]'::jsonb)
                                FROM pg_constraint con
                                CROSS JOIN unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                                JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                                WHERE con.conrelid = c.oid AND con.contype = 'p'),
                'references', (SELECT coalesce(jsonb_agg(DISTINCT rc.relname), '[]'::jsonb)
                               FROM pg_constraint con JOIN pg_class rc ON rc.oid = con.confrelid
                               WHERE con.conrelid = c.oid AND con.contype = 'f' AND con.confrelid <> c.oid),
                'sequences', (SELECT coalesce(jsonb_agg(jsonb_build_object('column', a.attname,
                                  'sequence', pg_get_serial_sequence(c.oid::regclass::text, a.attname))), '[]'::jsonb)
                              FROM pg_attribute a
                              WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                                AND pg_get_serial_sequence(c.oid::regclass::text, a.attname) IS NOT NULL)
              ) ORDER BY c.relname)
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')), '[]'::jsonb))""";

    /** One live table. */
    public record LiveTable(String name, List<String> columns, List<String> timestamps, List<String> primaryKey,
            List<String> references, Map<String, String> sequences) {
    }

    private final String database;
    private final String serverVersion;
    private final String now;
    private final Map<String, LiveTable> tables;

    private LiveCatalog(String database, String serverVersion, String now, Map<String, LiveTable> tables) {
        this.database = database;
        this.serverVersion = serverVersion;
        this.now = now;
        this.tables = tables;
    }

    @SuppressWarnings("unchecked")
    static LiveCatalog parse(String json) {
        Map<String, Object> root = Json.object(json.strip());
        Map<String, LiveTable> tables = new LinkedHashMap<>();
        for (Object o : (List<?>) root.get("tables")) {
            Map<String, Object> t = (Map<String, Object>) o;
            Map<String, String> sequences = new LinkedHashMap<>();
            for (Object s : (List<?>) t.get("sequences")) {
                Map<String, Object> m = (Map<String, Object>) s;
                sequences.put((String) m.get("column"), (String) m.get("sequence"));
            }
            List<String> columns = t.get("columns") == null ? List.of() : (List<String>) t.get("columns");
            tables.put((String) t.get("name"), new LiveTable((String) t.get("name"), columns,
                    (List<String>) t.get("timestamps"), (List<String>) t.get("primary_key"),
                    (List<String>) t.get("references"), sequences));
        }
        return new LiveCatalog((String) root.get("database"), (String) root.get("server_version"),
                (String) root.get("now"), tables);
    }

    public String database() {
        return database;
    }

    public String serverVersion() {
        return serverVersion;
    }

    /** The database server's clock (UTC, ISO-8601), for snapshot times that do not depend on this host's clock. */
    public String now() {
        return now;
    }

    public Map<String, LiveTable> tables() {
        return tables;
    }

    public LiveTable table(String name) {
        return tables.get(name);
    }

    /** The given tables ordered so that referenced tables come before the tables referencing them. */
    public List<String> parentsFirst(List<String> names) {
        Set<String> wanted = new LinkedHashSet<>(names);
        List<String> ordered = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        boolean progress = true;
        while (placed.size() < wanted.size() && progress) {
            progress = false;
            for (String name : wanted) {
                if (placed.contains(name)) {
                    continue;
                }
                LiveTable t = tables.get(name);
                boolean ready = t == null || t.references().stream()
                        .allMatch(r -> !wanted.contains(r) || placed.contains(r));
                if (ready) {
                    ordered.add(name);
                    placed.add(name);
                    progress = true;
                }
            }
        }
        for (String name : wanted) { // reference cycles: the rest in name order; a violation rolls back
            if (!placed.contains(name)) {
                ordered.add(name);
            }
        }
        return ordered;
    }
}
