package io.mcpwriting.domain.admin.transfer;

import io.mcpwriting.domain.admin.backup.BackupConfig;
import io.mcpwriting.domain.admin.backup.BackupSettings;
import io.mcpwriting.domain.admin.backup.BackupStore;
import io.mcpwriting.domain.admin.backup.BackupToolErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Where the export and import tools work, from the backup settings: the exports directory
 * ({@code <backup dir>/exports}) and direct PostgreSQL connections; the backup code's failures become tool errors
 * here. Tests put a scratch directory and database in its place.
 */
@ApplicationScoped
public class TransferSite {

    @Inject
    BackupConfig config;

    /** The exports directory, created (owner-only) when missing. */
    public Path exportsDir() {
        return BackupToolErrors.translated(() -> {
            BackupSettings settings = config.settings();
            BackupStore store = new BackupStore(settings);
            return store.ensureDir(store.ensureDir(settings.dir()).resolve("exports"));
        });
    }

    /** {@code export-<table>-<time>-<id>.<extension>}, named as backups are. */
    public String exportName(String table, Instant at, String extension) {
        return BackupToolErrors.translated(() -> new BackupStore(config.settings()).newName("export", table, at,
                "." + extension));
    }

    public DirectDb database() {
        BackupSettings settings = BackupToolErrors.translated(config::settings);
        return new DirectDb(settings.connection(), settings.timeout());
    }
}
