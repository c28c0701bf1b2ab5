package io.mcpwriting.domain.admin.schema;

import io.mcpwriting.domain.admin.Json;
import io.mcpwriting.mcp.db.Db;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.JsonText;
import io.mcpwriting.mcp.tool.Tool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Introspection of the live schema from the catalog: tables, columns, keys, relationships. */
@ApplicationScoped
public class SchemaTools {

    @Inject
    Db db;

    @Inject
    SchemaCatalog catalog;

    @Tool(name = "db_get_schema", description = "Describe one table or view of the live database: columns (type, "
            + "nullability, default, key roles), primary key, unique keys, foreign keys both ways, indexes, check "
            + "constraints, triggers, whether soft delete is supported, and what the record tools may do with it "
            + "(access: read_write, read_only or denied). refresh_cache re-reads the catalog first (after a "
            + "migration).", readOnly = true)
    public JsonText getSchema(
            @Arg(value = "table", required = true, pattern = "^[a-z_]+$", description = "Table name") String table,
            @Arg(value = "refresh_cache", defaultValue = "false", description = "Re-read the catalog before answering")
            boolean refreshCache) {
        if (refreshCache) {
            catalog.refresh();
        }
        Table t = catalog.described("table", table);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("table", t.name());
        result.put("kind", t.kind());
        result.put("comment", t.comment());
        result.put("access", SchemaCatalog.access(t));
        result.put("internal", SchemaCatalog.internal(t.name()));
        result.put("supports_soft_delete", t.supportsSoftDelete());
        result.put("estimated_rows", t.estimatedRows());
        result.put("columns", columns(t, true));
        result.put("primary_key", t.primaryKey());
        result.put("unique_keys", t.uniqueKeys());
        result.put("foreign_keys", t.foreignKeys().stream().map(SchemaTools::outgoing).toList());
        result.put("referenced_by", catalog.referencing(t.name()).stream().map(SchemaTools::incoming).toList());
        result.putAll(t.details());
        result.put("privileges", t.privileges());
        result.put("cached_at", catalog.snapshot().loadedAt().toString());
        return new JsonText(Json.write(result));
    }

    @Tool(name = "db_list_tables", description = "List the tables and views of the live database with exact row "
            + "counts, column counts and access (read_write, read_only, denied). Internal tables "
            + "(flyway_schema_history, audit_logs) are listed only with include_system_tables. pattern filters "
            + "names: SQL LIKE syntax (% any run, _ one character), or a plain substring; case-insensitive.",
            readOnly = true)
    public JsonText listTables(
            @Arg(value = "include_system_tables", defaultValue = "false",
                    description = "Also list internal tables (migration history, audit log)") boolean includeSystem,
            @Arg(value = "pattern", description = "Name filter, e.g. book% or character") String pattern) {
        Pattern filter = likePattern(pattern);
        List<Table> tables = catalog.tables().stream()
                .filter(t -> includeSystem || !SchemaCatalog.internal(t.name()))
                .filter(t -> filter == null || filter.matcher(t.name()).matches())
                .toList();
        List<String> countable = tables.stream().filter(t -> t.may("SELECT")).map(Table::name).toList();
        // exact counts of all listed tables in one statement; names are bound and quoted by format(%I)
        String countsJson = countable.isEmpty() ? "{}" : db.read(sql -> sql.text("""
                SELECT coalesce(jsonb_object_agg(name, (xpath('/row/c/text()', query_to_xml(
                           format('SELECT count(*) AS c FROM public.%I', name), false, true, '')))[1]::text::bigint), '{}')
                FROM unnest(?::text[]) AS name""", countable));
        Map<String, Object> counts = Json.object(countsJson);
        List<Object> list = new ArrayList<>();
        for (Table t : tables) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", t.name());
            item.put("kind", t.kind());
            item.put("row_count", counts.get(t.name()));
            item.put("column_count", t.columns().size());
            item.put("primary_key", t.primaryKey());
            item.put("access", SchemaCatalog.access(t));
            item.put("internal", SchemaCatalog.internal(t.name()));
            item.put("supports_soft_delete", t.supportsSoftDelete());
            item.put("comment", t.comment());
            list.add(item);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("tables", list);
        result.put("count", list.size());
        result.put("pattern", pattern);
        result.put("include_system_tables", includeSystem);
        return new JsonText(Json.write(result));
    }

    @Tool(name = "db_get_relationships", description = "Foreign-key relationships around a table, both directions: "
            + "tables it references (outgoing) and tables referencing it (incoming), followed up to depth hops "
            + "(1-3). Each relationship names the constraint, columns, on-delete rule and its hop level.",
            readOnly = true)
    public JsonText getRelationships(
            @Arg(value = "table", required = true, pattern = "^[a-z_]+$", description = "Table name") String table,
            @Arg(value = "depth", defaultValue = "1", min = 1, max = 3, description = "Hops to follow, 1-3") int depth) {
        Table start = catalog.described("table", table);
        Map<String, Integer> level = new LinkedHashMap<>();
        level.put(start.name(), 0);
        Deque<String> queue = new ArrayDeque<>(List.of(start.name()));
        Set<String> seenEdges = new LinkedHashSet<>();
        List<Object> relationships = new ArrayList<>();
        while (!queue.isEmpty()) {
            String current = queue.poll();
            int hop = level.get(current) + 1;
            if (hop > depth) {
                continue;
            }
            List<ForeignKey> edges = new ArrayList<>(catalog.described("table", current).foreignKeys());
            edges.addAll(catalog.referencing(current));
            for (ForeignKey fk : edges) {
                if (!seenEdges.add(fk.table() + "." + fk.name())) {
                    continue;
                }
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("constraint", fk.name());
                r.put("from_table", fk.table());
                r.put("from_columns", fk.columns());
                r.put("to_table", fk.referencedTable());
                r.put("to_columns", fk.referencedColumns());
                r.put("on_delete", fk.onDelete());
                r.put("direction", fk.table().equals(current) ? "outgoing" : "incoming");
                r.put("seen_from", current);
                r.put("level", hop);
                relationships.add(r);
                String other = fk.table().equals(current) ? fk.referencedTable() : fk.table();
                if (!level.containsKey(other)) {
                    level.put(other, hop);
                    queue.add(other);
                }
            }
        }
        List<Object> related = new ArrayList<>();
        level.forEach((name, hop) -> {
            if (hop > 0) {
                related.add(Map.of("table", name, "level", hop));
            }
        });
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("table", start.name());
        result.put("depth", depth);
        result.put("relationships", relationships);
        result.put("related_tables", related);
        result.put("count", relationships.size());
        return new JsonText(Json.write(result));
    }

    @Tool(name = "db_list_table_columns", description = "The columns of a table in order, with their types. With "
            + "include_metadata also nullability, default, position, primary/foreign key roles, sequence, array/"
            + "json flags and comments.", readOnly = true)
    public JsonText listTableColumns(
            @Arg(value = "table", required = true, pattern = "^[a-z_]+$", description = "Table name") String table,
            @Arg(value = "include_metadata", defaultValue = "false", description = "Add details per column")
            boolean includeMetadata) {
        Table t = catalog.described("table", table);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("table", t.name());
        result.put("columns", columns(t, includeMetadata));
        result.put("count", t.columns().size());
        return new JsonText(Json.write(result));
    }

    private List<Object> columns(Table t, boolean metadata) {
        Map<String, ForeignKey> fkByColumn = new LinkedHashMap<>();
        for (ForeignKey fk : t.foreignKeys()) {
            if (fk.columns().size() == 1) {
                fkByColumn.put(fk.columns().get(0), fk);
            }
        }
        Set<String> unique = new LinkedHashSet<>();
        t.uniqueKeys().stream().filter(k -> k.size() == 1).forEach(k -> unique.add(k.get(0)));
        List<Object> list = new ArrayList<>();
        for (Column c : t.columns()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", c.name());
            item.put("type", c.type());
            if (metadata) {
                item.put("nullable", c.nullable());
                item.put("default", c.defaultExpression());
                item.put("position", c.position());
                item.put("primary_key", t.primaryKey().contains(c.name()));
                item.put("unique", unique.contains(c.name()));
                ForeignKey fk = fkByColumn.get(c.name());
                item.put("references", fk == null ? null
                        : fk.referencedTable() + "(" + String.join(", ", fk.referencedColumns()) + ")");
                item.put("sequence", c.sequence());
                item.put("generated", c.generated());
                item.put("identity", c.identity() == null ? null : "a".equals(c.identity()) ? "always" : "by default");
                item.put("array", c.array());
                item.put("json", c.json());
                item.put("required_on_insert", !c.optionalOnInsert());
                item.put("comment", c.comment());
            }
            list.add(item);
        }
        return list;
    }

    private static Map<String, Object> outgoing(ForeignKey fk) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("constraint", fk.name());
        r.put("columns", fk.columns());
        r.put("references", fk.referencedTable());
        r.put("referenced_columns", fk.referencedColumns());
        r.put("on_delete", fk.onDelete());
        r.put("on_update", fk.onUpdate());
        return r;
    }

    private static Map<String, Object> incoming(ForeignKey fk) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("constraint", fk.name());
        r.put("table", fk.table());
        r.put("columns", fk.columns());
        r.put("referenced_columns", fk.referencedColumns());
        r.put("on_delete", fk.onDelete());
        return r;
    }

    /** A LIKE pattern (or a plain substring) as a case-insensitive regular expression; null for no filter. */
    static Pattern likePattern(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return null;
        }
        String p = pattern.strip().toLowerCase(Locale.ROOT);
        if (!p.contains("%") && !p.contains("_") && !p.contains("*")) {
            p = "%" + p + "%";
        }
        StringBuilder regex = new StringBuilder();
        for (char ch : p.toCharArray()) {
            switch (ch) {
                case '%', '*' -> regex.append(".*");
                case '_' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }
}
