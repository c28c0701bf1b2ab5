package io.mcpwriting.domain.admin.backup;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * What a restore did ({@code db_restore_full}, {@code db_restore_table}, {@code restore-backup.sh}), sent to
 * clients as JSON in this order: the {@link Outcome}'s fields (flattened into the report), then the backup's file,
 * type and creation time and how long the restore took.
 */
public record RestoreReport(
        @JsonUnwrapped Outcome outcome,
        String backupFile,
        @JsonProperty("backup_type") String backupType,
        @JsonProperty("backup_created_at") String backupCreatedAt,
        @JsonProperty("duration_ms") long durationMs) {

    /** How the restore went, by mode. */
    public sealed interface Outcome permits Replaced, RowsRestored {
        /** {@code replace_schema_and_data}, {@code replace_data}, {@code apply_incremental} or {@code merge}. */
        String mode();
    }

    /**
     * A full backup with schema replaced the database ({@code pg_restore --clean}): every table of the backup
     * re-created with the rows the manifest records.
     */
    public record Replaced(
            String mode,
            @JsonProperty("on_conflict") String onConflict,
            List<ReplacedTable> tables,
            @JsonProperty("total_rows") Long totalRows) implements Outcome {

        static final String MODE = "replace_schema_and_data";

        Replaced(List<ReplacedTable> tables, Long totalRows) {
            this(MODE, null, tables, totalRows);
        }
    }

    /** A table re-created from the backup: its rows were all inserted. */
    public record ReplacedTable(
            String table,
            @JsonProperty("rows_in_backup") Long rowsInBackup,
            Long inserted,
            long updated,
            long skipped) {
    }

    /**
     * Rows restored by one psql script: merged ({@code merge}, with {@code on_conflict}), the tables' rows replaced
     * ({@code replace_data}) or an incremental backup applied on top of its base ({@code apply_incremental}, the
     * base named by {@link AppliedOn}, absent otherwise); per table and in total, the rows inserted, updated,
     * skipped and deleted.
     */
    public record RowsRestored(
            String mode,
            @JsonProperty("on_conflict") String onConflict,
            @JsonUnwrapped AppliedOn appliedOn,
            List<TableRestored> tables,
            @JsonProperty("restore_order") List<String> restoreOrder,
            long inserted,
            long updated,
            long skipped,
            long deleted) implements Outcome {

        /** The totals over {@code tables}. */
        static RowsRestored of(String mode, String onConflict, AppliedOn appliedOn, List<TableRestored> tables,
                List<String> restoreOrder) {
            return new RowsRestored(mode, onConflict, appliedOn, tables, restoreOrder,
                    tables.stream().mapToLong(TableRestored::inserted).sum(),
                    tables.stream().mapToLong(TableRestored::updated).sum(),
                    tables.stream().mapToLong(TableRestored::skipped).sum(),
                    tables.stream().mapToLong(TableRestored::deleted).sum());
        }
    }

    /** The base backup an incremental backup was applied on top of. */
    public record AppliedOn(@JsonProperty("base_backup") String baseBackup) {
    }

    /** What a restore did to one table. */
    public record TableRestored(
            String table,
            @JsonProperty("rows_in_backup") long rowsInBackup,
            long inserted,
            long updated,
            long skipped,
            long deleted) {
    }
}
