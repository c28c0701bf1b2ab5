package io.mcpwriting.domain.admin.backup;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** What {@code db_list_backups} answers, as JSON in this order: the backups listed, how many, and where. */
public record BackupListing(
        List<Entry> backups,
        int count,
        @JsonProperty("total_matching") int totalMatching,
        String directory,
        @JsonProperty("retention_days") int retentionDays) {

    /** One backup, from its manifest: {@code tables} is how many tables it holds. */
    public record Entry(
            String backupFile,
            String type,
            String table,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("size_bytes") Long sizeBytes,
            int tables,
            @JsonProperty("total_rows") Long totalRows,
            @JsonProperty("schema_included") Boolean schemaIncluded,
            @JsonProperty("data_included") Boolean dataIncluded,
            Boolean compressed,
            Boolean encrypted,
            String encryption,
            List<Map<String, Object>> recipients,
            @JsonProperty("base_backup") String baseBackup,
            @JsonProperty("file_present") Boolean filePresent) {

        static Entry of(Manifest m) {
            return new Entry(m.string("file"), m.type(), m.string("table"), m.string("created_at"),
                    m.number("size_bytes"), m.tables().size(), m.number("total_rows"), m.bool("schema_included"),
                    m.bool("data_included"), m.bool("compressed"), m.bool("encrypted"), m.string("encryption"),
                    m.list("recipients"), m.string("base_backup"), m.bool("present"));
        }
    }
}
