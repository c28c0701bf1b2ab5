package io.mcpwriting.domain.admin.schema;

import io.mcpwriting.domain.admin.Json;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live schema ({@code public}) read from {@code pg_catalog}, cached. Every table or column name a client
 * gives is looked up here; only names found here ever reach generated SQL (quoted). The cache is reloaded
 * after {@link #TTL}, on request ({@code refresh_cache}), after a restore, and once when a name is not found
 * (a table created since the last load then appears), at most every {@link #MISS_RELOAD}.
 */
@ApplicationScoped
public class SchemaCatalog {

    static final Duration TTL = Duration.ofMinutes(5);
    static final Duration MISS_RELOAD = Duration.ofSeconds(2);

    /** Internal tables: the migration history is off limits; the audit trail may be read but not written. */
    private static final Map<String, String> DENIED = Map.of("flyway_schema_history",
            "it is the migration history, managed by Flyway migrations only");
    private static final Map<String, String> READ_ONLY = Map.of("audit_logs",
            "it is the audit trail, written only by this server (read it with db_query_audit_logs)");

    private static final String CATALOG = """
            SELECT coalesce(jsonb_agg(t ORDER BY t->>'name'), '[]'::jsonb)
            FROM (
              SELECT jsonb_build_object(
                'name', c.relname,
                'kind', CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized_view' ELSE 'table' END,
                'comment', obj_description(c.oid, 'pg_class'),
                'estimated_rows', CASE WHEN c.reltuples >= 0 THEN c.reltuples::bigint END,
                'privileges', (SELECT coalesce(jsonb_agg(p), '[]'::jsonb)
                               FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) p
                               WHERE has_table_privilege(c.oid, p)),
                'columns', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                                'name', a.attname,
                                'type', format_type(a.atttypid, a.atttypmod),
                                'base_type', format_type(a.atttypid, NULL),
                                'nullable', NOT a.attnotnull,
                                'default', pg_get_expr(d.adbin, d.adrelid),
                                'position', a.attnum,
                                'array', ty.typcategory = 'A',
                                'json', a.atttypid IN ('json'::regtype, 'jsonb'::regtype),
                                'generated', a.attgenerated <> '',
                                'identity', nullif(a.attidentity, ''),
                                'sequence', pg_get_serial_sequence(c.oid::regclass::text, a.attname),
                                'comment', col_description(c.oid, a.attnum)) ORDER BY a.attnum), '[]'::jsonb)
                            FROM pg_attribute a
                            JOIN pg_type ty ON ty.oid = a.atttypid
                            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                            WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped),
                'primary_key', (SELECT coalesce(jsonb_agg(a.attname ORDER BY k.ord), '[]'::jsonb)
                                FROM pg_constraint con
                                CROSS JOIN unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                                JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                                WHERE con.conrelid = c.oid AND con.contype = 'p'),
                'unique_keys', (SELECT coalesce(jsonb_agg((SELECT jsonb_agg(a.attname ORDER BY k.ord)
                                       FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                                       JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum)
                                       ORDER BY con.conname), '[]'::jsonb)
                                FROM pg_constraint con WHERE con.conrelid = c.oid AND con.contype = 'u'),
                'foreign_keys', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                                    'name', con.conname,
                                    'columns', (SELECT jsonb_agg(a.attname ORDER BY k.ord)
                                                FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                                                JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum),
                                    'referenced_table', rc.relname,
                                    'referenced_columns', (SELECT jsonb_agg(a.attname ORDER BY k.ord)
                                                FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                                                JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum),
                                    'on_delete', CASE con.confdeltype WHEN 'a' THEN 'no action' WHEN 'r' THEN 'restrict'
                                        WHEN 'c' THEN 'cascade' WHEN 'n' THEN 'set null' ELSE 'set default' END,
                                    'on_update', CASE con.confupdtype WHEN 'a' THEN 'no action' WHEN 'r' THEN 'restrict'
                                        WHEN 'c' THEN 'cascade' WHEN 'n' THEN 'set null' ELSE 'set default' END)
                                    ORDER BY con.conname), '[]'::jsonb)
                                 FROM pg_constraint con JOIN pg_class rc ON rc.oid = con.confrelid
                                 WHERE con.conrelid = c.oid AND con.contype = 'f'),
                'indexes', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                                'name', i.relname, 'unique', ix.indisunique, 'primary', ix.indisprimary,
                                'definition', pg_get_indexdef(ix.indexrelid)) ORDER BY i.relname), '[]'::jsonb)
                            FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid WHERE ix.indrelid = c.oid),
                'checks', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                               'name', con.conname, 'definition', pg_get_constraintdef(con.oid)) ORDER BY con.conname),
                               '[]'::jsonb)
                           FROM pg_constraint con WHERE con.conrelid = c.oid AND con.contype = 'c'),
                'triggers', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                                 'name', tg.tgname, 'definition', pg_get_triggerdef(tg.oid)) ORDER BY tg.tgname),
                                 '[]'::jsonb)
                             FROM pg_trigger tg WHERE tg.tgrelid = c.oid AND NOT tg.tgisinternal)
              ) AS t
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')
            ) x""";

    @Inject
    Db db;

    private volatile Snapshot snapshot;

    /** The tables at one moment. */
    public record Snapshot(Map<String, Table> tables, Instant loadedAt) {
    }

    public Snapshot snapshot() {
        Snapshot current = snapshot;
        if (current == null || current.loadedAt().plus(TTL).isBefore(Instant.now())) {
            current = refresh();
        }
        return current;
    }

    public Collection<Table> tables() {
        return snapshot().tables().values();
    }

    public synchronized Snapshot refresh() {
        String json = db.read(sql -> sql.text(CATALOG));
        Map<String, Table> tables = new LinkedHashMap<>();
        for (Object item : Json.array(json)) {
            Table table = parse(asMap(item));
            tables.put(table.name(), table);
        }
        snapshot = new Snapshot(Map.copyOf(tables), Instant.now());
        return snapshot;
    }

    /** Any table or view, internal ones included (for introspection). */
    public Table described(String argument, String name) {
        if (name == null || name.isBlank()) {
            throw ToolException.invalid(argument, "a table name is required");
        }
        Snapshot current = snapshot();
        Table table = current.tables().get(name);
        if (table == null && current.loadedAt().plus(MISS_RELOAD).isBefore(Instant.now())) {
            table = refresh().tables().get(name);
        }
        if (table == null) {
            throw ToolException.invalid(argument, "no table " + Names.shown(name)
                    + " in the database (db_list_tables lists them)");
        }
        return table;
    }

    /** A table whose rows the caller may read (export, query). */
    public Table readable(String argument, String name) {
        Table table = described(argument, name);
        String denied = DENIED.get(table.name());
        if (denied != null) {
            throw ToolException.invalid(argument, "table " + table.name() + " cannot be accessed: " + denied);
        }
        if (!table.may("SELECT")) {
            throw ToolException.invalid(argument, "the application role may not read table " + table.name());
        }
        return table;
    }

    /** A table the caller may change with {@code privilege} (INSERT, UPDATE or DELETE). */
    public Table writable(String argument, String name, String privilege) {
        Table table = readable(argument, name);
        String readOnly = READ_ONLY.get(table.name());
        if (readOnly != null) {
            throw ToolException.invalid(argument, "table " + table.name() + " is read-only here: " + readOnly);
        }
        if (table.isView()) {
            throw ToolException.invalid(argument, table.name() + " is a " + table.kind().replace('_', ' ')
                    + "; only tables can be changed");
        }
        if (!table.may(privilege)) {
            throw ToolException.invalid(argument, "the application role may not " + privilege + " on table "
                    + table.name());
        }
        return table;
    }

    /** {@code denied}, {@code read_only} or {@code read_write} for the record tools. */
    public static String access(Table table) {
        if (DENIED.containsKey(table.name())) {
            return "denied";
        }
        if (READ_ONLY.containsKey(table.name()) || table.isView() || !table.may("INSERT")) {
            return "read_only";
        }
        return "read_write";
    }

    public static boolean internal(String tableName) {
        return DENIED.containsKey(tableName) || READ_ONLY.containsKey(tableName);
    }

    /** Foreign keys of every table that reference {@code table}. */
    public List<ForeignKey> referencing(String tableName) {
        List<ForeignKey> found = new ArrayList<>();
        for (Table t : tables()) {
            for (ForeignKey fk : t.foreignKeys()) {
                if (fk.referencedTable().equals(tableName)) {
                    found.add(fk);
                }
            }
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return value == null ? List.of() : List.copyOf((List<String>) value);
    }

    private static Table parse(Map<String, Object> t) {
        String name = (String) t.get("name");
        List<Column> columns = new ArrayList<>();
        for (Object item : (List<?>) t.get("columns")) {
            Map<String, Object> c = asMap(item);
            columns.add(new Column((String) c.get("name"), (String) c.get("type"), (String) c.get("base_type"),
                    (Boolean) c.get("nullable"), (String) c.get("default"), ((Number) c.get("position")).intValue(),
                    (Boolean) c.get("array"), (Boolean) c.get("json"), (Boolean) c.get("generated"),
                    (String) c.get("identity"), (String) c.get("sequence"), (String) c.get("comment")));
        }
        List<List<String>> uniques = new ArrayList<>();
        for (Object u : (List<?>) t.get("unique_keys")) {
            uniques.add(strings(u));
        }
        List<ForeignKey> fks = new ArrayList<>();
        for (Object item : (List<?>) t.get("foreign_keys")) {
            Map<String, Object> f = asMap(item);
            fks.add(new ForeignKey((String) f.get("name"), name, strings(f.get("columns")),
                    (String) f.get("referenced_table"), strings(f.get("referenced_columns")),
                    (String) f.get("on_delete"), (String) f.get("on_update")));
        }
        Set<String> privileges = new LinkedHashSet<>(strings(t.get("privileges")));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("indexes", t.get("indexes"));
        details.put("checks", t.get("checks"));
        details.put("triggers", t.get("triggers"));
        Number estimated = (Number) t.get("estimated_rows");
        return new Table(name, (String) t.get("kind"), (String) t.get("comment"),
                estimated == null ? null : estimated.longValue(), List.copyOf(columns), strings(t.get("primary_key")),
                List.copyOf(uniques), List.copyOf(fks), Set.copyOf(privileges), details);
    }
}
