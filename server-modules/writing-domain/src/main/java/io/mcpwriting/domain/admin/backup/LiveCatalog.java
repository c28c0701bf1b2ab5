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
 * connection (so the command-line restore needs no other access): columns, primary keys, foreign keys and
 * sequence-fed columns, and where the catalog's snapshot stands in the cluster's transactions.
 */
public final class LiveCatalog {

    static final String QUERY = """
            SELECT jsonb_build_object(
              'database', current_database(),
              'server_version', current_setting('server_version'),
              'now', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
              'horizon', jsonb_build_object(%s),
              'next_xid', pg_snapshot_xmax(pg_current_snapshot())::text,
              'tables', coalesce((SELECT jsonb_agg(jsonb_build_object(
                'name', c.relname,
                'columns', (SELECT jsonb_agg(a.attname ORDER BY a.attnum) FROM pg_attribute a
                            WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''),
                'primary_key', (SELECT coalesce(jsonb_agg(a.attname ORDER BY k.ord), '[]'::jsonb)
                                FROM pg_constraint con
                                CROSS JOIN unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                                JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                                WHERE con.conrelid = c.oid AND con.contype = 'p'),
                'foreign_keys', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                                   'table', rc.relname,
                                   'columns', (SELECT jsonb_agg(a.attname ORDER BY k.ord)
                                               FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                                               JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum),
                                   'referenced_columns', (SELECT jsonb_agg(a.attname ORDER BY k.ord)
                                               FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                                               JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum))
                                   ORDER BY con.conname), '[]'::jsonb)
                                 FROM pg_constraint con JOIN pg_class rc ON rc.oid = con.confrelid
                                 WHERE con.conrelid = c.oid AND con.contype = 'f' AND rc.relnamespace = n.oid),
                'sequences', (SELECT coalesce(jsonb_agg(jsonb_build_object('column', a.attname,
                                  'sequence', pg_get_serial_sequence(c.oid::regclass::text, a.attname))), '[]'::jsonb)
                              FROM pg_attribute a
                              WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                                AND pg_get_serial_sequence(c.oid::regclass::text, a.attname) IS NOT NULL)
              ) ORDER BY c.relname)
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')), '[]'::jsonb))""".formatted(ChangeHorizon.SQL_FIELDS);

    /** One live table; {@code references} are the other tables its foreign keys point to. */
    public record LiveTable(String name, List<String> columns, List<String> primaryKey, List<ForeignKey> foreignKeys,
            List<String> references, Map<String, String> sequences) {
    }

    /** A foreign key: {@code columns} of its table hold {@code referencedColumns} of {@code table}. */
    public record ForeignKey(String table, List<String> columns, List<String> referencedColumns) {
    }

    private final String database;
    private final String serverVersion;
    private final String now;
    private final ChangeHorizon horizon;
    private final long nextXid;
    private final Map<String, LiveTable> tables;

    private LiveCatalog(String database, String serverVersion, String now, ChangeHorizon horizon, long nextXid,
            Map<String, LiveTable> tables) {
        this.database = database;
        this.serverVersion = serverVersion;
        this.now = now;
        this.horizon = horizon;
        this.nextXid = nextXid;
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
            String name = (String) t.get("name");
            List<ForeignKey> foreignKeys = new ArrayList<>();
            for (Object f : (List<?>) t.get("foreign_keys")) {
                Map<String, Object> m = (Map<String, Object>) f;
                foreignKeys.add(new ForeignKey((String) m.get("table"), (List<String>) m.get("columns"),
                        (List<String>) m.get("referenced_columns")));
            }
            List<String> references = foreignKeys.stream().map(ForeignKey::table).filter(r -> !r.equals(name))
                    .distinct().toList();
            List<String> columns = t.get("columns") == null ? List.of() : (List<String>) t.get("columns");
            tables.put(name, new LiveTable(name, columns, (List<String>) t.get("primary_key"), foreignKeys, references,
                    sequences));
        }
        return new LiveCatalog((String) root.get("database"), (String) root.get("server_version"),
                (String) root.get("now"), ChangeHorizon.of(root.get("horizon")),
                Long.parseLong((String) root.get("next_xid")), tables);
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

    /** Every change this catalog's snapshot did not see was made at or after this horizon. */
    ChangeHorizon horizon() {
        return horizon;
    }

    /** The next transaction id to be assigned when the catalog was read. */
    long nextXid() {
        return nextXid;
    }

    /** The foreign keys of every table that point to {@code table} (its own included), with their tables. */
    List<Map.Entry<String, ForeignKey>> referencing(String table) {
        List<Map.Entry<String, ForeignKey>> found = new ArrayList<>();
        for (LiveTable t : tables.values()) {
            t.foreignKeys().stream().filter(f -> f.table().equals(table))
                    .forEach(f -> found.add(Map.entry(t.name(), f)));
        }
        return found;
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
