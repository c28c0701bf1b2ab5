package io.mcpwriting.domain.admin.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mcpwriting.domain.admin.Json;
import io.mcpwriting.domain.admin.backup.RestoreReport.AppliedOn;
import io.mcpwriting.domain.admin.backup.RestoreReport.Replaced;
import io.mcpwriting.domain.admin.backup.RestoreReport.ReplacedTable;
import io.mcpwriting.domain.admin.backup.RestoreReport.RowsRestored;
import io.mcpwriting.domain.admin.backup.RestoreReport.TableRestored;
import io.mcpwriting.domain.admin.backup.ValidationReport.ArchiveFound;
import io.mcpwriting.domain.admin.backup.ValidationReport.Check;
import io.mcpwriting.domain.admin.backup.ValidationReport.Described;
import io.mcpwriting.domain.admin.backup.ValidationReport.IncrementalFound;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JSON clients get from the backup tools and restore-backup.sh, field for field and in order, as it was when
 * the reports were maps: which fields appear when, their names and their value types.
 */
class BackupReportsJsonTest {

    private static final Check MANIFEST = new Check("manifest", true, "f.dump.manifest.json");

    @Test
    void aValidationStopsWhereItsChecksStop() {
        assertEquals("{\"backupFile\":\"f.dump\",\"valid\":false,\"checks\":[{\"check\":\"manifest\",\"ok\":false,"
                + "\"detail\":\"missing\"}],\"problems\":[\"manifest: missing\"]}",
                Json.write(ValidationReport.of("f.dump", null, null,
                        List.of(new Check("manifest", false, "missing")))));
        assertEquals("{\"backupFile\":\"f.dump\",\"type\":\"table\",\"created_at\":null,\"encrypted\":true,"
                + "\"valid\":false,\"checks\":[{\"check\":\"manifest\",\"ok\":true,"
                + "\"detail\":\"f.dump.manifest.json\"},"
                + "{\"check\":\"sha256\",\"ok\":false,\"detail\":null}],\"problems\":[\"sha256: null\"]}",
                Json.write(ValidationReport.of("f.dump", new Described("table", null, true), null,
                        List.of(MANIFEST, new Check("sha256", false, null)))));
    }

    @Test
    void aValidationSaysWhatTheDataHolds() {
        Described full = new Described("full", "2025-01-31T12:00:00Z", false);
        assertEquals("{\"backupFile\":\"f.dump\",\"type\":\"full\",\"created_at\":\"2025-01-31T12:00:00Z\","
                + "\"encrypted\":false,\"archive_entries\":43,\"tables\":[{\"name\":\"books\",\"rows\":3}],"
                + "\"valid\":true,\"checks\":[{\"check\":\"manifest\",\"ok\":true,"
                + "\"detail\":\"f.dump.manifest.json\"}],"
                + "\"problems\":[]}",
                Json.write(ValidationReport.of("f.dump", full,
                        new ArchiveFound(43, List.of(new TableRows("books", 3))), List.of(MANIFEST))));
        assertEquals("{\"backupFile\":\"f.dump\",\"type\":\"full\",\"created_at\":\"2025-01-31T12:00:00Z\","
                + "\"encrypted\":false,\"archive_entries\":0,\"valid\":true,\"checks\":[],\"problems\":[]}",
                Json.write(ValidationReport.of("f.dump", full, new ArchiveFound(0, null), List.of())));
        Described incremental = new Described("incremental", "2025-01-31T12:00:00Z", false);
        assertEquals("{\"backupFile\":\"i.sql.gz\",\"type\":\"incremental\",\"created_at\":\"2025-01-31T12:00:00Z\","
                + "\"encrypted\":false,\"tables\":[{\"name\":\"books\",\"rows\":0}],\"base_backup\":\"f.dump\","
                + "\"base_backup_present\":true,\"valid\":true,\"checks\":[],\"problems\":[]}",
                Json.write(ValidationReport.of("i.sql.gz", incremental,
                        new IncrementalFound(List.of(new TableRows("books", 0)), "f.dump", true), List.of())));
        assertEquals("{\"backupFile\":\"i.sql.gz\",\"type\":\"incremental\",\"created_at\":\"2025-01-31T12:00:00Z\","
                + "\"encrypted\":false,\"base_backup\":null,\"base_backup_present\":false,\"valid\":true,"
                + "\"checks\":[],\"problems\":[]}",
                Json.write(ValidationReport.of("i.sql.gz", incremental, new IncrementalFound(null, null, false),
                        List.of())));
    }

    @Test
    void aRestoreSaysWhatItDidThenWhichBackupItRestored() {
        assertEquals("{\"mode\":\"replace_schema_and_data\",\"on_conflict\":null,\"tables\":[{\"table\":\"books\","
                + "\"rows_in_backup\":3,\"inserted\":3,\"updated\":0,\"skipped\":0}],\"total_rows\":3,"
                + "\"backupFile\":\"f.dump\",\"backup_type\":\"full\",\"backup_created_at\":\"T\",\"duration_ms\":12}",
                Json.write(new RestoreReport(new Replaced(List.of(new ReplacedTable("books", 3L, 3L, 0, 0)), 3L),
                        "f.dump", "full", "T", 12)));
        List<TableRestored> tables = List.of(new TableRestored("authors", 2, 1, 0, 1, 0),
                new TableRestored("books", 3, 0, 2, 1, 4));
        assertEquals("{\"mode\":\"merge\",\"on_conflict\":\"skip\",\"tables\":[{\"table\":\"authors\","
                + "\"rows_in_backup\":2,\"inserted\":1,\"updated\":0,\"skipped\":1,\"deleted\":0},{\"table\":\"books\","
                + "\"rows_in_backup\":3,\"inserted\":0,\"updated\":2,\"skipped\":1,\"deleted\":4}],"
                + "\"restore_order\":[\"authors\",\"books\"],\"inserted\":1,\"updated\":2,\"skipped\":2,\"deleted\":4,"
                + "\"backupFile\":\"t.dump\",\"backup_type\":\"table\",\"backup_created_at\":null,\"duration_ms\":0}",
                Json.write(new RestoreReport(RowsRestored.of("merge", "skip", null, tables,
                        List.of("authors", "books")), "t.dump", "table", null, 0)));
        assertEquals("{\"mode\":\"apply_incremental\",\"on_conflict\":null,\"base_backup\":null,\"tables\":[],"
                + "\"restore_order\":[],\"inserted\":0,\"updated\":0,\"skipped\":0,\"deleted\":0,"
                + "\"backupFile\":\"i.sql.gz\",\"backup_type\":\"incremental\",\"backup_created_at\":\"T\","
                + "\"duration_ms\":5}",
                Json.write(new RestoreReport(RowsRestored.of("apply_incremental", null, new AppliedOn(null), List.of(),
                        List.of()), "i.sql.gz", "incremental", "T", 5)));
    }

    @Test
    void aBackupIsDescribedFromItsManifest() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", "table");
        fields.put("table", "books");
        fields.put("file", "t.dump");
        fields.put("created_at", "T");
        fields.put("compressed", true);
        fields.put("encrypted", false);
        fields.put("encryption", null);
        fields.put("schema_included", true);
        fields.put("data_included", true);
        Map<String, Object> books = new LinkedHashMap<>();
        books.put("name", "books");
        books.put("rows", 3);
        fields.put("tables", List.of(books));
        fields.put("total_rows", 3);
        fields.put("size_bytes", 2048L);
        fields.put("sha256", "ab");
        fields.put("duration_ms", 7);
        Manifest table = new Manifest(fields);
        assertEquals("{\"backupFile\":\"t.dump\",\"type\":\"table\",\"table\":\"books\",\"size_bytes\":2048,"
                + "\"checksum\":\"ab\",\"checksum_algorithm\":\"SHA-256\",\"manifest_file\":\"t.dump.manifest.json\","
                + "\"compressed\":true,\"encrypted\":false,\"encryption\":null,\"recipients\":null,"
                + "\"schema_included\":true,\"data_included\":true,\"tables\":[{\"name\":\"books\",\"rows\":3}],"
                + "\"total_rows\":3,\"created_at\":\"T\",\"duration_ms\":7,\"directory\":\"/backups\",\"pruned\":[]}",
                Json.write(BackupWritten.of(table, Path.of("/backups"), List.of())));

        Manifest incremental = new Manifest(fields).with("type", "incremental").with("table", null)
                .with("file", "i.sql.gz").with("encrypted", true).with("encryption", "openpgp")
                .with("recipients", List.of(Map.of("key_id", "K"))).with("base_backup", "f.dump")
                .with("changes_since", null).with("captures", "every table").with("deletes_captured", true)
                .with("excluded_tables", List.of("flyway_schema_history")).with("total_keys", 4L);
        assertEquals("{\"backupFile\":\"i.sql.gz\",\"type\":\"incremental\",\"table\":null,\"size_bytes\":2048,"
                + "\"checksum\":\"ab\",\"checksum_algorithm\":\"SHA-256\",\"manifest_file\":\"i.sql.gz.manifest.json\","
                + "\"compressed\":true,\"encrypted\":true,\"encryption\":\"openpgp\","
                + "\"recipients\":[{\"key_id\":\"K\"}],"
                + "\"schema_included\":true,\"data_included\":true,\"tables\":[{\"name\":\"books\",\"rows\":3}],"
                + "\"total_rows\":3,\"base_backup\":\"f.dump\",\"changes_since\":null,\"captures\":\"every table\","
                + "\"deletes_captured\":true,\"excluded_tables\":[\"flyway_schema_history\"],\"total_keys\":4,"
                + "\"created_at\":\"T\",\"duration_ms\":7,\"directory\":\"/backups\",\"pruned\":[\"old.dump\"]}",
                Json.write(BackupWritten.of(incremental, Path.of("/backups"), List.of("old.dump"))));

        table.with("present", true);
        assertEquals("{\"backups\":[{\"backupFile\":\"t.dump\",\"type\":\"table\",\"table\":\"books\","
                + "\"created_at\":\"T\",\"size_bytes\":2048,\"tables\":1,\"total_rows\":3,\"schema_included\":true,"
                + "\"data_included\":true,\"compressed\":true,\"encrypted\":false,\"encryption\":null,"
                + "\"recipients\":null,\"base_backup\":null,\"file_present\":true}],\"count\":1,\"total_matching\":2,"
                + "\"directory\":\"/backups\",\"retention_days\":30}",
                Json.write(new BackupListing(List.of(BackupListing.Entry.of(table)), 1, 2, "/backups", 30)));
        assertEquals("{\"deleted\":\"t.dump\",\"freed_bytes\":2048}", Json.write(new BackupDeleted("t.dump", 2048)));
    }
}
