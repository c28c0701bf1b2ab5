package io.mcpwriting.domain.admin.backup;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What {@code db_delete_backup} answers: the file deleted and the bytes freed. */
public record BackupDeleted(String deleted, @JsonProperty("freed_bytes") long freedBytes) {
}
