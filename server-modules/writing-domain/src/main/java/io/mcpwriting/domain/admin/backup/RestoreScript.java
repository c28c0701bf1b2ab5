package io.mcpwriting.domain.admin.backup;

import io.mcpwriting.domain.admin.Json;
import io.mcpwriting.domain.admin.schema.Identifiers;
import io.mcpwriting.mcp.tool.ToolException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the data of a backup into one psql script that restores it in a single transaction: every table's rows
 * are first loaded into a temporary staging table (COPY), then applied to the live table in foreign-key order
 * (referenced tables first) with user triggers disabled (so restored {@code updated_at} values stay as backed
 * up), sequences are moved past the restored ids, and the restore is audited. Any error stops psql
 * ({@code ON_ERROR_STOP}) and the whole transaction rolls back: the database is never half-restored.
 */
final class RestoreScript {

    /** How staged rows meet live rows. */
    enum Mode {
        /** Live rows of the restored tables are removed first (TRUNCATE), then the backup's rows are loaded. */
        REPLACE,
        /** A backup row whose key exists fails the restore. */
        ERROR,
        /** A backup row whose key exists is left out; the live row stays. */
        SKIP,
        /** A backup row whose primary key exists replaces the live row. */
        OVERWRITE
    }

    static final String RESULT_MARK = "mcp-restored";

    private final LiveCatalog live;
    private final Mode mode;
    private final String onlyTable;
    private final Map<String, Object> audit;

    private final Map<String, Staged> staged = new LinkedHashMap<>();
    private final List<String> setvals = new ArrayList<>();

    /** A table of the backup: its staging table and the columns the backup holds. */
    private record Staged(String table, String stage, List<String> columns) {
    }

    /**
     * @param onlyTable restore only this table's rows (others in the data are ignored), or null for all
     * @param audit     the audit row's user_id, client_info and changes, or null when audit_logs is absent
     */
    RestoreScript(LiveCatalog live, Mode mode, String onlyTable, Map<String, Object> audit) {
        this.live = live;
        this.mode = mode;
        this.onlyTable = onlyTable;
        this.audit = audit;
    }

    /** Writes the script for {@code data} into {@code script}; returns the restored tables, in apply order. */
    List<String> write(InputStream data, Path script) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(script, StandardCharsets.ISO_8859_1)) {
            out.write("""
                    \\set ON_ERROR_STOP on
                    SET client_encoding = 'UTF8';
                    SET standard_conforming_strings = on;
                    SET lock_timeout = '60s';
                    SET search_path = pg_catalog, pg_temp;
                    CREATE TEMP TABLE mcp_restore_counts (ord int, tbl text, staged bigint, inserted bigint,
                        updated bigint) ON COMMIT DROP;
                    """);
            CopyData.scan(data, new CopyData.Visitor() {
                boolean copying;

                @Override
                public void header(CopyData.Header header, String line) throws IOException {
                    copying = wanted(header);
                    if (!copying) {
                        return;
                    }
                    Staged s = staged.get(header.table());
                    if (s == null) {
                        s = stage(header);
                        staged.put(header.table(), s);
                        out.write(CopyData.raw("CREATE TEMP TABLE " + s.stage() + " ON COMMIT DROP AS SELECT "
                                + quotedList(s.columns()) + " FROM " + qualified(s.table()) + " WITH NO DATA;\n"));
                    } else if (!s.columns().equals(header.columns())) {
                        throw new IOException("table " + header.table() + " appears twice with different columns");
                    }
                    out.write(CopyData.raw("COPY " + s.stage() + " (" + quotedList(s.columns()) + ") FROM stdin;\n"));
                }

                @Override
                public void row(String line) throws IOException {
                    if (copying) {
                        out.write(line);
                        out.write('\n');
                    }
                }

                @Override
                public void end() throws IOException {
                    if (copying) {
                        out.write(CopyData.END + "\n");
                    }
                    copying = false;
                }

                @Override
                public void setval(String line) {
                    setvals.add(line);
                }
            });
            if (onlyTable != null && !staged.containsKey(onlyTable)) {
                throw ToolException.invalid("table", "the backup holds no data for table " + onlyTable);
            }
            List<String> order = live.parentsFirst(new ArrayList<>(staged.keySet()));
            if (mode == Mode.REPLACE && !order.isEmpty()) {
                out.write(CopyData.raw("TRUNCATE TABLE " + String.join(", ", order.stream().map(this::qualified)
                        .toList()) + ";\n"));
            }
            int ord = 0;
            for (String table : order) {
                Staged s = staged.get(table);
                String target = qualified(table);
                out.write(CopyData.raw("ALTER TABLE " + target + " DISABLE TRIGGER USER;\n"));
                out.write(CopyData.raw("WITH r AS (" + apply(s) + ") INSERT INTO pg_temp.mcp_restore_counts SELECT "
                        + (ord++) + ", " + Identifiers.literal(table) + ", (SELECT count(*) FROM " + s.stage()
                        + "), count(*) FILTER (WHERE ins), count(*) FILTER (WHERE NOT ins) FROM r;\n"));
                out.write(CopyData.raw("ALTER TABLE " + target + " ENABLE TRIGGER USER;\n"));
            }
            if (mode == Mode.REPLACE && onlyTable == null) {
                for (String line : setvals) {
                    out.write(line);
                    out.write('\n');
                }
            }
            for (String table : order) {
                LiveCatalog.LiveTable t = live.table(table);
                for (Map.Entry<String, String> seq : t.sequences().entrySet()) {
                    String s = Identifiers.literal(seq.getValue());
                    out.write(CopyData.raw("SELECT setval(" + s + "::regclass, x.m) FROM (SELECT max("
                            + Identifiers.quote(seq.getKey()) + ")::bigint AS m FROM " + qualified(table)
                            + ") x WHERE x.m IS NOT NULL AND x.m > coalesce(pg_sequence_last_value(" + s
                            + "::regclass), 0);\n"));
                }
            }
            if (audit != null) {
                out.write(CopyData.raw("INSERT INTO public.audit_logs (operation, table_name, user_id, client_info, "
                        + "changes, success, execution_time_ms) SELECT 'BATCH_INSERT', "
                        + Identifiers.literal(onlyTable == null ? "*" : onlyTable) + ", "
                        + Identifiers.literal((String) audit.get("user_id")) + ", "
                        + Identifiers.literal(Json.write(audit.get("client_info"))) + "::jsonb, "
                        + Identifiers.literal(Json.write(audit.get("changes"))) + "::jsonb || jsonb_build_object("
                        + "'tables', (SELECT jsonb_agg(jsonb_build_object('table', tbl, 'rows_in_backup', staged, "
                        + "'inserted', inserted, 'updated', updated) ORDER BY ord) FROM pg_temp.mcp_restore_counts)), "
                        + "true, (extract(epoch FROM clock_timestamp() - now()) * 1000)::int;\n"));
            }
            out.write("SELECT '" + RESULT_MARK + "', tbl, staged, inserted, updated FROM pg_temp.mcp_restore_counts "
                    + "ORDER BY ord;\n");
            return order;
        }
    }

    private boolean wanted(CopyData.Header header) {
        if (!"public".equals(header.schema())) {
            return false;
        }
        return onlyTable == null || onlyTable.equals(header.table());
    }

    private Staged stage(CopyData.Header header) {
        LiveCatalog.LiveTable t = live.table(header.table());
        if (t == null) {
            throw ToolException.invalid("backupFile", "the backup holds table " + header.table()
                    + ", which does not exist in the database; restore with dropExisting=true from a full "
                    + "backup, or create the table by migration first");
        }
        List<String> missing = header.columns().stream().filter(c -> !t.columns().contains(c)).toList();
        if (!missing.isEmpty()) {
            throw ToolException.invalid("backupFile", "the backup's rows of " + header.table()
                    + " have columns the table no longer has: " + String.join(", ", missing));
        }
        if (mode == Mode.OVERWRITE) {
            if (t.primaryKey().isEmpty()) {
                throw ToolException.invalid("onConflict", "table " + header.table()
                        + " has no primary key, so overwrite cannot match rows; use error or skip");
            }
            if (!header.columns().containsAll(t.primaryKey())) {
                throw ToolException.invalid("onConflict", "the backup's rows of " + header.table()
                        + " lack primary-key columns " + t.primaryKey());
            }
        }
        return new Staged(header.table(), "pg_temp." + Identifiers.quote("mcp_stage_" + (staged.size() + 1)),
                header.columns());
    }

    private String apply(Staged s) {
        String columns = quotedList(s.columns());
        String insert = "INSERT INTO " + qualified(s.table()) + " AS t (" + columns + ") SELECT " + columns + " FROM "
                + s.stage();
        String returning = " RETURNING (t.xmax = 0) AS ins";
        return switch (mode) {
            case REPLACE, ERROR -> insert + returning;
            case SKIP -> insert + " ON CONFLICT DO NOTHING" + returning;
            case OVERWRITE -> {
                List<String> pk = live.table(s.table()).primaryKey();
                List<String> rest = s.columns().stream().filter(c -> !pk.contains(c)).toList();
                if (rest.isEmpty()) {
                    yield insert + " ON CONFLICT (" + quotedList(pk) + ") DO NOTHING" + returning;
                }
                StringBuilder set = new StringBuilder();
                for (String c : rest) {
                    set.append(set.length() == 0 ? "" : ", ").append(Identifiers.quote(c)).append(" = EXCLUDED.")
                            .append(Identifiers.quote(c));
                }
                yield insert + " ON CONFLICT (" + quotedList(pk) + ") DO UPDATE SET " + set + returning;
            }
        };
    }

    private String qualified(String table) {
        return "public." + Identifiers.quote(table);
    }

    private static String quotedList(List<String> names) {
        return String.join(", ", names.stream().map(Identifiers::quote).toList());
    }

    /** The per-table counts psql printed: {table, rows_in_backup, inserted, updated, skipped}. */
    static List<Map<String, Object>> results(String psqlOutput) {
        List<Map<String, Object>> tables = new ArrayList<>();
        for (String line : psqlOutput.split("\n")) {
            if (!line.startsWith(RESULT_MARK + "|")) {
                continue;
            }
            String[] f = line.split("\\|", -1);
            long inBackup = Long.parseLong(f[2]);
            long inserted = Long.parseLong(f[3]);
            long updated = Long.parseLong(f[4]);
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("table", f[1]);
            t.put("rows_in_backup", inBackup);
            t.put("inserted", inserted);
            t.put("updated", updated);
            t.put("skipped", inBackup - inserted - updated);
            tables.add(t);
        }
        return tables;
    }
}
