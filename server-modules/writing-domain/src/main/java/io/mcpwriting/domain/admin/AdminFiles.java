package io.mcpwriting.domain.admin;

import io.mcpwriting.domain.admin.backup.BackupConfig;
import io.mcpwriting.domain.admin.backup.BackupStore;
import io.mcpwriting.domain.admin.backup.BackupToolErrors;
import io.mcpwriting.mcp.resource.FileResources;
import io.mcpwriting.mcp.resource.Resource;
import io.mcpwriting.mcp.resource.ResourceBody;
import io.mcpwriting.mcp.resource.ResourceEntry;
import io.mcpwriting.mcp.resource.ResourceList;
import io.mcpwriting.mcp.tool.Arg;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;

/**
 * The files database-admin writes, as resources a remote client reads: table exports (JSON, CSV) and backups
 * (binary). Names are resolved as the tools resolve them: plain names inside their directory only; the lists hold
 * the files those names reach (backups: those with a manifest, as db_list_backups lists them).
 */
@ApplicationScoped
public class AdminFiles {

    public static final String EXPORTS = "writing://admin/exports/";
    public static final String BACKUPS = "writing://backups/";

    @Inject
    BackupConfig config;

    @Resource(uri = "writing://admin/exports/{file_name}", name = "table_export", title = "Table export",
            description = "A file db_export_json (application/json) or db_export_csv (text/csv) wrote, by its "
                    + "exportFile name.", mimeType = "") // two types: each file's is in its listing and its read
    public ResourceBody export(@Arg(value = "file_name", required = true, description = "The export's file name")
            String fileName) {
        Path file = BackupToolErrors.translated(() -> BackupStore.inside("file_name", fileName,
                new BackupStore(config.settings()).dir().resolve("exports")));
        return FileResources.body(file, "file_name");
    }

    @ResourceList("table_export")
    public List<ResourceEntry> exports(String afterName, int limit) {
        return FileResources.list(config.settings().exportsDir(), afterName, limit, BackupStore::isPlainName);
    }

    @Resource(uri = "writing://backups/{file_name}", name = "backup", title = "Backup",
            description = "A backup file (pg_dump custom format, or gzip COPY data for incrementals; encrypted when a "
                    + "key is configured), by its backupFile name.", mimeType = "application/octet-stream")
    public ResourceBody backup(@Arg(value = "file_name", required = true, description = "The backup's file name")
            String fileName) {
        Path file = BackupToolErrors.translated(() -> new BackupStore(config.settings()).resolve("file_name",
                fileName));
        return FileResources.body(file, "file_name");
    }

    @ResourceList("backup")
    public List<ResourceEntry> backups(String afterName, int limit) {
        BackupStore store = new BackupStore(config.settings());
        return FileResources.list(store.dir(), afterName, limit, store::isBackup);
    }
}
