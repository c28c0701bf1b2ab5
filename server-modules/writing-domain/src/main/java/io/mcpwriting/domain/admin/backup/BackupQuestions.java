package io.mcpwriting.domain.admin.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The questions the backup tools ask before they delete a backup or restore one: what the backup holds (its
 * manifest), and for a restore what it will do to the database's rows now, in the words of the chosen mode. Made
 * only when the client can be asked. A restore the engine would refuse for its arguments (a table the backup does not
 * hold, dropExisting with a table backup) is not asked about: the question throws, and the call fails as it would.
 */
final class BackupQuestions {

    private static final Logger LOG = Logger.getLogger(BackupQuestions.class.getName());
    /** Where a full restore merges rows (a table restore names its table). */
    private static final String DATABASE = "the database";

    private BackupQuestions() {
    }

    /** "Delete backup F permanently (full backup of 23 tables, 3,400 rows, made …)?" */
    static String delete(Path file) {
        Manifest m = manifest(file);
        if (m == null) {
            return "Delete backup " + file.getFileName() + " permanently? " + unreadable(file) + ".";
        }
        return "Delete backup " + file.getFileName() + " permanently (" + m.type() + " backup of "
                + count(m.tables().size(), "table") + ", " + count(total(m), "row") + ", made " + m.string("created_at")
                + ")?";
    }

    /**
     * What {@code db_restore_table} ({@code table} set) or {@code db_restore_full} will do, counted from the
     * manifest and the live tables.
     */
    static String restore(BackupEngine engine, Path file, String table, boolean dropExisting,
            BackupEngine.Conflict conflict) {
        String what = table == null ? "Restore backup " + file.getFileName()
                : "Restore table " + table + " from backup " + file.getFileName();
        Manifest m = manifest(file);
        if (m == null) {
            return what + "? " + unreadable(file) + ", and the restore will refuse it, changing nothing.";
        }
        what += " (" + m.type() + " backup made " + m.string("created_at") + ")? ";
        if (!m.flag("data_included")) {
            throw BackupException.invalid("backupFile", file.getFileName() + " holds no data");
        }
        if (table != null) {
            long rows = m.tables().stream().filter(t -> table.equals(t.get("name"))).mapToLong(BackupQuestions::rows)
                    .findFirst().orElseThrow(() -> BackupException.invalid("table", "the backup holds no data for "
                            + table));
            return what + merge(count(rows, "row") + " of " + table, rows, table, live(engine, List.of(table)),
                    conflict);
        }
        List<String> tables = m.tables().stream().map(t -> Objects.toString(t.get("name"), null)).toList();
        String held = count(total(m), "row") + " of " + count(tables.size(), "table");
        Long now = live(engine, tables);
        if (!dropExisting) {
            return what + merge(held, total(m), DATABASE, now, conflict);
        }
        if ("full".equals(m.type())) {
            return what + "Its " + count(tables.size(), "table") + are(tables.size()) + (m.flag("schema_included")
                    ? " dropped and re-created" : " emptied and reloaded") + " with the backup's "
                    + count(total(m), "row") + ": what they hold now (" + rowsNow(now) + ") is replaced. Other tables "
                    + "are kept.";
        }
        if (!"incremental".equals(m.type()) || !m.flag("deletes_captured")) {
            throw BackupException.invalid("dropExisting", file.getFileName() + " cannot replace the database's rows");
        }
        long whole = m.tables().stream().filter(t -> "whole_table".equals(t.get("capture"))).count();
        return what + "It is applied on top of its base backup " + m.string("base_backup") + ": its " + held
                + (total(m) == 1 ? " replaces or joins" : " replace or join") + " what those tables hold now ("
                + rowsNow(now) + "), rows deleted since the base are deleted" + (whole == 0 ? ""
                        : ", and " + count(whole, "table") + " without a primary key" + are(whole) + " replaced whole")
                + ". If the database does not hold the base's rows, the restore fails and nothing changes.";
    }

    /** A merge: rows missing from the database are inserted; those whose key exists follow the conflict mode. */
    private static String merge(String held, long rows, String into, Long now, BackupEngine.Conflict conflict) {
        String start = "Its " + held + are(rows) + " added to " + into + " ("
                + (into.equals(DATABASE) ? "those tables hold " : "which holds ") + rowsNow(now) + " now). ";
        return start + switch (conflict) {
            case ERROR -> "If any of them has a key " + into + " already holds, the restore fails and nothing "
                    + "changes (onConflict=error).";
            case SKIP -> "Rows whose key " + into + " already holds are skipped, keeping the database's: no "
                    + "existing row changes (onConflict=skip).";
            case OVERWRITE -> {
                long most = now == null ? rows : Math.min(rows, now);
                yield "Rows whose key " + into + " already holds overwrite the database's: up to "
                        + count(most, "existing row") + are(most) + " replaced (onConflict=overwrite).";
            }
        } + " Rows only in " + into + " are kept.";
    }

    /** The rows the tables hold now; null when they could not be counted (the question says so). */
    private static Long live(BackupEngine engine, List<String> tables) {
        try {
            return engine.liveRows(tables).values().stream().mapToLong(Long::longValue).sum();
        } catch (BackupException e) {
            LOG.log(Level.WARNING, "could not count the rows a restore would affect", e);
            return null;
        }
    }

    private static String rowsNow(Long live) {
        return live == null ? "an unknown number of rows: counting them failed" : count(live, "row");
    }

    private static Manifest manifest(Path file) {
        try {
            return Manifest.read(file);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String unreadable(Path file) {
        return "Its manifest " + file.getFileName() + Manifest.SUFFIX + " cannot be read, so what it holds is not "
                + "known";
    }

    private static long total(Manifest m) {
        Long total = m.number("total_rows");
        return total == null ? m.tables().stream().mapToLong(BackupQuestions::rows).sum() : total;
    }

    private static long rows(Map<String, Object> table) {
        return table.get("rows") instanceof Number n ? n.longValue() : 0;
    }

    private static String are(long n) {
        return n == 1 ? " is" : " are";
    }

    /** "1 row", "3,400 rows". */
    static String count(long n, String noun) {
        return String.format(Locale.ENGLISH, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }
}
