package io.mcpwriting.domain.admin.backup;

import java.util.ArrayList;
import java.util.List;

/**
 * The database that is backed up and restored, as the PostgreSQL client tools reach it over the direct connection:
 * its live catalog, the psql arguments that connect to it, and the versions of the tools.
 */
final class LiveDatabase {

    private final BackupSettings settings;
    private final PgTools pg;

    LiveDatabase(BackupSettings settings) {
        this.settings = settings;
        this.pg = new PgTools(settings);
    }

    PgTools pg() {
        return pg;
    }

    /** The live tables, their keys and where the snapshot stands, read through psql. */
    LiveCatalog catalog() {
        PgTools.Result r = pg.run("psql", psqlArgs("-c", LiveCatalog.QUERY), null);
        PgTools.check("reading the catalog through psql (" + settings.connection() + ")", r);
        return LiveCatalog.parse(r.stdout());
    }

    /** psql connected to the database, quiet and unaligned, without the user's psqlrc; then {@code extra}. */
    List<String> psqlArgs(String... extra) {
        List<String> args = new ArrayList<>(settings.connection().options());
        args.addAll(List.of("--dbname=" + settings.connection().database(), "-X", "-q", "-A", "-t"));
        args.addAll(List.of(extra));
        return args;
    }

    /** What {@code tool --version} prints, or null when it cannot be run. */
    String toolVersion(String tool) {
        PgTools.Result r = pg.run(tool, List.of("--version"), null);
        return r.ok() ? r.stdout().strip() : null;
    }
}
