package io.mcpwriting.domain.admin.backup;

import io.mcpwriting.domain.admin.schema.Identifiers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL by which an incremental restore ({@link RestoreScript.Mode#APPLY}) deletes the live rows its snapshot
 * did not hold, and then checks that every row it did hold is there. The statements count into the restore's
 * {@code pg_temp.mcp_restore_counts}, in the row {@code ord} of their table.
 */
final class AbsentRows {

    static final String MISSING_MARK = "mcp-missing";

    private final LiveCatalog live;

    AbsentRows(LiveCatalog live) {
        this.live = live;
    }

    /**
     * Deletes the rows of {@code table} whose primary keys are not in {@code keys} (a staging table); with
     * {@code unreferencedOnly}, only those no row refers to yet. Without a primary key ({@code keys} null) the
     * first pass empties the table: all its rows come from the backup.
     */
    String delete(int ord, String table, String keys, boolean unreferencedOnly) {
        List<String> pk = live.table(table).primaryKey();
        StringBuilder where = new StringBuilder();
        if (keys == null) {
            if (!unreferencedOnly) {
                return "";
            }
        } else {
            where.append(" WHERE NOT EXISTS (SELECT 1 FROM ").append(keys).append(" k WHERE ")
                    .append(matching("k", pk, "t", pk)).append(")");
            if (unreferencedOnly) {
                for (Map.Entry<String, LiveCatalog.ForeignKey> ref : live.referencing(table)) {
                    LiveCatalog.ForeignKey fk = ref.getValue();
                    where.append(" AND NOT EXISTS (SELECT 1 FROM ").append(qualified(ref.getKey())).append(" c WHERE ")
                            .append(matching("c", fk.columns(), "t", fk.referencedColumns())).append(")");
                }
            }
        }
        return "WITH d AS (DELETE FROM " + qualified(table) + " t" + where + " RETURNING 1) UPDATE "
                + "pg_temp.mcp_restore_counts SET deleted = deleted + (SELECT count(*) FROM d) WHERE ord = " + ord
                + ";\n";
    }

    /** Counts the keys in {@code keys} that name no row of {@code table}. */
    String countMissing(int ord, String table, String keys) {
        List<String> pk = live.table(table).primaryKey();
        return "UPDATE pg_temp.mcp_restore_counts SET missing = (SELECT count(*) FROM " + keys + " k WHERE NOT EXISTS "
                + "(SELECT 1 FROM " + qualified(table) + " t WHERE " + matching("k", pk, "t", pk) + ")) WHERE ord = "
                + ord + ";\n";
    }

    /**
     * Prints the tables with missing rows and then fails: a key of the snapshot that names no row after the
     * apply was neither in the database nor among the changed rows, so the database did not hold the base's data.
     */
    static String failIfMissing() {
        return "SELECT '" + MISSING_MARK + "', tbl, missing FROM pg_temp.mcp_restore_counts WHERE missing > 0 "
                + "ORDER BY ord;\n"
                + "DO $$ BEGIN IF EXISTS (SELECT FROM pg_temp.mcp_restore_counts WHERE missing > 0) THEN "
                + "RAISE EXCEPTION 'rows of the backup''s snapshot are missing'; END IF; END $$;\n";
    }

    /** Per table, the missing rows a failed restore printed. */
    static Map<String, Long> missing(String psqlOutput) {
        Map<String, Long> missing = new LinkedHashMap<>();
        for (String line : psqlOutput.split("\n")) {
            if (line.startsWith(MISSING_MARK + "|")) {
                String[] f = line.split("\\|", -1);
                missing.put(f[1], Long.parseLong(f[2]));
            }
        }
        return missing;
    }

    private static String matching(String a, List<String> aColumns, String b, List<String> bColumns) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < aColumns.size(); i++) {
            pairs.add(a + "." + Identifiers.quote(aColumns.get(i)) + " = "
                    + b + "." + Identifiers.quote(bColumns.get(i)));
        }
        return String.join(" AND ", pairs);
    }

    private static String qualified(String table) {
        return "public." + Identifiers.quote(table);
    }
}
