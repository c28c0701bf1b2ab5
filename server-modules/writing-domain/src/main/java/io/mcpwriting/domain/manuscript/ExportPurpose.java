package io.mcpwriting.domain.manuscript;

/** What an export is for; recorded with the export and shown in its metadata. */
public enum ExportPurpose {
    SUBMISSION, BETA_REVIEW, BACKUP, PUBLICATION
}
