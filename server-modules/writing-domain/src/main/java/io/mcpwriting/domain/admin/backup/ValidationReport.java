package io.mcpwriting.domain.admin.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * What a validation found ({@code db_validate_backup}, {@code restore-backup.sh --validate-only}), sent to clients
 * as JSON in this order: {@code backupFile}, what the manifest says the backup is ({@link Described}, absent
 * without a readable manifest), what reading its data found ({@link DataFound}, absent when the checks stopped
 * before), then {@code valid}, every check and the problems. The two parts are flattened into the report.
 */
public record ValidationReport(
        String backupFile,
        @JsonUnwrapped Described described,
        @JsonUnwrapped DataFound data,
        boolean valid,
        List<Check> checks,
        List<String> problems) {

    /** The report of {@code checks}: valid when all passed; each failed one is a problem, "check: detail". */
    static ValidationReport of(String backupFile, Described described, DataFound data, List<Check> checks) {
        return new ValidationReport(backupFile, described, data, checks.stream().allMatch(Check::ok),
                List.copyOf(checks), checks.stream().filter(c -> !c.ok()).map(c -> c.check() + ": " + c.detail())
                        .toList());
    }

    /** One check: its name ({@code manifest}, {@code size}, {@code sha256}, ...), whether it passed, what was seen. */
    public record Check(String check, boolean ok, String detail) {
    }

    /** What the manifest says the backup is. */
    public record Described(String type, @JsonProperty("created_at") String createdAt, boolean encrypted) {
    }

    /** What reading the backup's (decrypted) data found. */
    public sealed interface DataFound permits ArchiveFound, IncrementalFound {
    }

    /**
     * A pg_dump archive (full or table backup): the entries {@code pg_restore --list} names; the rows per table
     * once its data was read (absent when it holds none, or could not be listed or read).
     */
    public record ArchiveFound(
            @JsonProperty("archive_entries") long archiveEntries,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<TableRows> tables) implements DataFound {
    }

    /**
     * An incremental backup: the rows per table (absent when its data was unreadable), its base backup and whether
     * the base is in the backup directory.
     */
    public record IncrementalFound(
            @JsonInclude(JsonInclude.Include.NON_NULL) List<TableRows> tables,
            @JsonProperty("base_backup") String baseBackup,
            @JsonProperty("base_backup_present") boolean baseBackupPresent) implements DataFound {
    }
}
