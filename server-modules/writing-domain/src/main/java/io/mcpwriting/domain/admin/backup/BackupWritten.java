package io.mcpwriting.domain.admin.backup;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@code db_backup_full}, {@code db_backup_table} and {@code db_backup_incremental} answer, from the new
 * backup's manifest, as JSON in this order; an incremental backup's own fields ({@link Incremental}) come after
 * {@code total_rows}, flattened into it. The manifest's {@code tables} and {@code recipients} are passed on as it
 * records them.
 */
public record BackupWritten(
        String backupFile,
        String type,
        String table,
        @JsonProperty("size_bytes") Long sizeBytes,
        String checksum,
        @JsonProperty("checksum_algorithm") String checksumAlgorithm,
        @JsonProperty("manifest_file") String manifestFile,
        Boolean compressed,
        Boolean encrypted,
        String encryption,
        List<Map<String, Object>> recipients,
        @JsonProperty("schema_included") Boolean schemaIncluded,
        @JsonProperty("data_included") Boolean dataIncluded,
        List<Map<String, Object>> tables,
        @JsonProperty("total_rows") Long totalRows,
        @JsonUnwrapped Incremental incremental,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("duration_ms") Long durationMs,
        String directory,
        List<String> pruned) {

    /** An incremental backup's base, what it captured and how. */
    public record Incremental(
            @JsonProperty("base_backup") String baseBackup,
            @JsonProperty("changes_since") Map<String, Object> changesSince,
            String captures,
            @JsonProperty("deletes_captured") Boolean deletesCaptured,
            @JsonProperty("excluded_tables") List<String> excludedTables,
            @JsonProperty("total_keys") Long totalKeys) {
    }

    /** The answer for the backup {@code m} describes, written into {@code dir}; {@code pruned} as retention removed. */
    static BackupWritten of(Manifest m, Path dir, List<String> pruned) {
        Incremental incremental = !"incremental".equals(m.type()) ? null
                : new Incremental(m.string("base_backup"), m.map("changes_since"), m.string("captures"),
                        m.bool("deletes_captured"), m.list("excluded_tables"), m.number("total_keys"));
        return new BackupWritten(m.string("file"), m.type(), m.string("table"), m.number("size_bytes"), m.sha256(),
                "SHA-256", m.string("file") + Manifest.SUFFIX, m.bool("compressed"), m.bool("encrypted"),
                m.string("encryption"), m.list("recipients"), m.bool("schema_included"), m.bool("data_included"),
                m.tables(), m.number("total_rows"), incremental, m.string("created_at"), m.number("duration_ms"),
                dir.toString(), pruned);
    }
}
