package io.mcpwriting.domain.admin.backup;

import io.mcpwriting.domain.admin.Json;
import io.mcpwriting.domain.admin.schema.Identifiers;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the data of a backup into one psql script that restores it in a single transaction: every table's rows
 * are first loaded into a temporary staging table (COPY), then applied to the live table in foreign-key order
 * (referenced tables first) with user triggers disabled (so restored {@code updated_at} values stay as backed
 * up), sequences are moved past the restored ids, and the restore is audited. Any error stops psql
 * ({@code ON_ERROR_STOP}) and the whole transaction rolls back: the database is never half-restored.
 * <p>
 * An incremental backup applied on top of its base ({@link Mode#APPLY}) also deletes the rows its snapshot did
 * not hold, around the upserts so that foreign keys hold at every statement (none is deferrable): first, children
 * first, the absent rows no row refers to (which frees their unique values for the upserts), then the upserts,
 * parents first (rows that moved to another parent leave the old one), then the absent rows that remain.
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
        OVERWRITE,
        /**
         * An incremental backup on top of its base: its rows replace or join the live rows (by primary key), live
         * rows whose keys its snapshot did not hold are deleted, tables without a key are replaced. Fails when
         * rows of the snapshot are then missing: the database did not hold the base backup's data.
         */
        APPLY
    }

    static final String RESULT_MARK = "mcp-restored";

    private final LiveCatalog live;
    private final Mode mode;
    private final String onlyTable;
    private final Map<String, Object> audit;

    private final Map<String, Staged> staged = new LinkedHashMap<>();
    /** Per table, the staging table of the primary keys its snapshot held (incremental backups). */
    private final Map<String, String> keyStages = new LinkedHashMap<>();
    private final List<String> setvals = new ArrayList<>();

    /** A table of the backup: its staging table, the columns the backup holds and what part of the table it is. */
    private record Staged(String table, String stage, List<String> columns, CopyData.Part part) {
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
                    CREATE TEMP TABLE mcp_restore_counts (ord int, tbl text, staged bigint, inserted bigint DEFAULT 0,
                        updated bigint DEFAULT 0, deleted bigint DEFAULT 0, missing bigint DEFAULT 0) ON COMMIT DROP;
                    """);
            CopyData.scan(data, new CopyData.Visitor() {
                boolean copying;

                @Override
                public void header(CopyData.Header header, String line) throws IOException {
                    copying = wanted(header);
                    if (!copying) {
                        return;
                    }
                    if (header.part() == CopyData.Part.KEYS) {
                        out.write(CopyData.raw(stageKeys(header)));
                        return;
                    }
                    Staged s = staged.get(header.table());
                    if (s == null) {
                        s = stage(header);
                        staged.put(header.table(), s);
                        out.write(CopyData.raw("CREATE TEMP TABLE " + s.stage() + " ON COMMIT DROP AS SELECT "
                                + quotedList(s.columns()) + " FROM " + qualified(s.table()) + " WITH NO DATA;\n"));
                    } else if (!s.columns().equals(header.columns()) || s.part() != header.part()) {
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
                throw BackupException.invalid("table", "the backup holds no data for table " + onlyTable);
            }
            List<String> order = live.parentsFirst(new ArrayList<>(staged.keySet()));
            List<String> childrenFirst = new ArrayList<>(order);
            Collections.reverse(childrenFirst);
            if (mode == Mode.REPLACE && !order.isEmpty()) {
                out.write(CopyData.raw("TRUNCATE TABLE " + String.join(", ", order.stream().map(this::qualified)
                        .toList()) + ";\n"));
            }
            for (String table : order) {
                out.write(CopyData.raw("INSERT INTO pg_temp.mcp_restore_counts (ord, tbl, staged) VALUES ("
                        + order.indexOf(table) + ", " + Identifiers.literal(table) + ", (SELECT count(*) FROM "
                        + staged.get(table).stage() + "));\n"));
                out.write(CopyData.raw("ALTER TABLE " + qualified(table) + " DISABLE TRIGGER USER;\n"));
            }
            AbsentRows absent = new AbsentRows(live);
            if (mode == Mode.APPLY) {
                checkKeysStaged();
                for (String stage : stages()) {
                    out.write("ANALYZE " + stage + ";\n");
                }
                for (String table : childrenFirst) {
                    out.write(CopyData.raw(absent.delete(order.indexOf(table), table, keysOf(table), true)));
                }
            }
            for (String table : order) {
                out.write(CopyData.raw("WITH r AS (" + apply(staged.get(table)) + ") UPDATE pg_temp.mcp_restore_counts "
                        + "SET inserted = (SELECT count(*) FROM r WHERE ins), "
                        + "updated = (SELECT count(*) FROM r WHERE NOT ins) WHERE ord = " + order.indexOf(table) + ";\n"));
            }
            if (mode == Mode.APPLY) {
                for (String table : childrenFirst) {
                    out.write(CopyData.raw(absent.delete(order.indexOf(table), table, keysOf(table), false)));
                }
                for (String table : order) {
                    if (staged.get(table).part() == CopyData.Part.CHANGED_ROWS) {
                        out.write(CopyData.raw(absent.countMissing(order.indexOf(table), table, keysOf(table))));
                    }
                }
                out.write(AbsentRows.failIfMissing());
            }
            for (String table : order) {
                out.write(CopyData.raw("ALTER TABLE " + qualified(table) + " ENABLE TRIGGER USER;\n"));
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
                        + "'inserted', inserted, 'updated', updated, 'deleted', deleted) ORDER BY ord) "
                        + "FROM pg_temp.mcp_restore_counts)), "
                        + "true, (extract(epoch FROM clock_timestamp() - now()) * 1000)::int;\n"));
            }
            out.write("SELECT '" + RESULT_MARK + "', tbl, staged, inserted, updated, deleted "
                    + "FROM pg_temp.mcp_restore_counts ORDER BY ord;\n");
            return order;
        }
    }

    private boolean wanted(CopyData.Header header) {
        if (!"public".equals(header.schema()) || header.part() == CopyData.Part.KEYS && mode != Mode.APPLY) {
            return false;
        }
        return onlyTable == null || onlyTable.equals(header.table());
    }

    /** The statements that stage a block of primary keys. */
    private String stageKeys(CopyData.Header header) throws IOException {
        LiveCatalog.LiveTable t = existing(header.table());
        if (!header.columns().equals(t.primaryKey())) {
            throw BackupException.invalid("backupFile", "the backup holds the keys of " + header.table() + " as "
                    + header.columns() + ", but its primary key is now " + t.primaryKey());
        }
        if (keyStages.containsKey(header.table())) {
            throw new IOException("the keys of table " + header.table() + " appear twice");
        }
        String stage = "pg_temp." + Identifiers.quote("mcp_keys_" + (keyStages.size() + 1));
        keyStages.put(header.table(), stage);
        return "CREATE TEMP TABLE " + stage + " ON COMMIT DROP AS SELECT " + quotedList(t.primaryKey()) + " FROM "
                + qualified(header.table()) + " WITH NO DATA;\nCOPY " + stage + " (" + quotedList(t.primaryKey())
                + ") FROM stdin;\n";
    }

    /** Changed rows without the keys that say which rows were deleted cannot be applied. */
    private void checkKeysStaged() {
        for (Staged s : staged.values()) {
            if (s.part() == CopyData.Part.CHANGED_ROWS && !keyStages.containsKey(s.table())) {
                throw BackupException.invalid("backupFile", "the backup holds changed rows of " + s.table()
                        + " but not the keys of its rows; it cannot be applied");
            }
        }
    }

    private List<String> stages() {
        List<String> all = new ArrayList<>(staged.values().stream().map(Staged::stage).toList());
        all.addAll(keyStages.values());
        return all;
    }

    /** The staging table of the keys {@code table} held at the snapshot, or null when it has no primary key. */
    private String keysOf(String table) {
        Staged s = staged.get(table);
        if (s.part() == CopyData.Part.CHANGED_ROWS) {
            return keyStages.get(table);
        }
        return live.table(table).primaryKey().isEmpty() ? null : s.stage();
    }

    private LiveCatalog.LiveTable existing(String table) {
        LiveCatalog.LiveTable t = live.table(table);
        if (t == null) {
            throw BackupException.invalid("backupFile", "the backup holds table " + table
                    + ", which does not exist in the database; restore with dropExisting=true from a full "
                    + "backup, or create the table by migration first");
        }
        return t;
    }

    private Staged stage(CopyData.Header header) {
        LiveCatalog.LiveTable t = existing(header.table());
        List<String> missing = header.columns().stream().filter(c -> !t.columns().contains(c)).toList();
        if (!missing.isEmpty()) {
            throw BackupException.invalid("backupFile", "the backup's rows of " + header.table()
                    + " have columns the table no longer has: " + String.join(", ", missing));
        }
        boolean matchedByKey = mode == Mode.OVERWRITE
                || mode == Mode.APPLY && (header.part() == CopyData.Part.CHANGED_ROWS || !t.primaryKey().isEmpty());
        if (matchedByKey) {
            String argument = mode == Mode.APPLY ? "backupFile" : "onConflict";
            if (t.primaryKey().isEmpty()) {
                throw BackupException.invalid(argument, "table " + header.table() + " has no primary key, so "
                        + (mode == Mode.APPLY ? "its changed rows cannot be matched" : "overwrite cannot match rows; "
                                + "use error or skip"));
            }
            if (!header.columns().containsAll(t.primaryKey())) {
                throw BackupException.invalid(argument, "the backup's rows of " + header.table()
                        + " lack primary-key columns " + t.primaryKey());
            }
        }
        return new Staged(header.table(), "pg_temp." + Identifiers.quote("mcp_stage_" + (staged.size() + 1)),
                header.columns(), header.part());
    }

    private String apply(Staged s) {
        String columns = quotedList(s.columns());
        String insert = "INSERT INTO " + qualified(s.table()) + " AS t (" + columns + ") SELECT " + columns + " FROM "
                + s.stage();
        String returning = " RETURNING (t.xmax = 0) AS ins";
        List<String> pk = live.table(s.table()).primaryKey();
        return switch (mode) {
            case REPLACE, ERROR -> insert + returning;
            case SKIP -> insert + " ON CONFLICT DO NOTHING" + returning;
            case APPLY, OVERWRITE -> {
                if (pk.isEmpty()) { // APPLY: the table was emptied first
                    yield insert + returning;
                }
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

    /** The per-table counts psql printed. */
    static List<RestoreReport.TableRestored> results(String psqlOutput) {
        List<RestoreReport.TableRestored> tables = new ArrayList<>();
        for (String line : psqlOutput.split("\n")) {
            if (!line.startsWith(RESULT_MARK + "|")) {
                continue;
            }
            String[] f = line.split("\\|", -1);
            long inBackup = Long.parseLong(f[2]);
            long inserted = Long.parseLong(f[3]);
            long updated = Long.parseLong(f[4]);
            tables.add(new RestoreReport.TableRestored(f[1], inBackup, inserted, updated, inBackup - inserted - updated,
                    Long.parseLong(f[5])));
        }
        return tables;
    }
}
