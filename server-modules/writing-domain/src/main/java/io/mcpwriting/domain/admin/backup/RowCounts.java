package io.mcpwriting.domain.admin.backup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rows per table in a backup's data, as counted when it is written and compared when it is validated. */
final class RowCounts {

    private RowCounts() {
    }

    /** Row counts per table of a custom archive, by reading all of its data through pg_restore. */
    static Map<String, Long> inArchive(PgTools pg, Path archive) {
        Map<String, Long> counts = new LinkedHashMap<>();
        PgTools.Result r = pg.stream("pg_restore", List.of("--data-only", "--file=-", archive.toString()), null,
                in -> counts.putAll(perTable(CopyData.count(in), false)));
        PgTools.check("pg_restore (reading the archive's data)", r);
        return counts;
    }

    /** Rows per table in the blocks of keys ({@code keys}) or in the other blocks. */
    static Map<String, Long> perTable(List<CopyData.Block> blocks, boolean keys) {
        Map<String, Long> result = new LinkedHashMap<>();
        for (CopyData.Block b : blocks) {
            if ((b.part() == CopyData.Part.KEYS) == keys) {
                result.merge(b.table(), b.rows(), Long::sum);
            }
        }
        return result;
    }

    /** The counts as a manifest lists them in its {@code tables}: {name, rows} per table. */
    static List<Object> list(Map<String, Long> counts) {
        List<Object> list = new ArrayList<>();
        counts.forEach((t, n) -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", t);
            item.put("rows", n);
            list.add(item);
        });
        return list;
    }

    /** The counts as reports list them. */
    static List<TableRows> rows(Map<String, Long> counts) {
        List<TableRows> rows = new ArrayList<>();
        counts.forEach((t, n) -> rows.add(new TableRows(t, n)));
        return rows;
    }

    static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
