package io.mcpwriting.domain.admin.backup;

import io.mcpwriting.domain.admin.Json;
import io.mcpwriting.domain.admin.schema.Identifiers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * Rows per table, counted now, of those of {@code tables} the database has (in {@code public}); one psql call,
     * the counts made by query_to_xml so that a missing table is left out rather than failing the query.
     */
    Map<String, Long> rowCounts(Collection<String> tables) {
        String names = String.join(", ", tables.stream().map(Identifiers::literal).toList());
        String query = "SELECT coalesce(jsonb_object_agg(c.relname, (xpath('/row/n/text()', query_to_xml(format("
                + "'SELECT count(*) AS n FROM public.%I', c.relname), false, true, '')))[1]::text::bigint), '{}') "
                + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' "
                + "AND c.relkind IN ('r', 'p') AND c.relname = ANY (ARRAY[" + names + "]::text[])";
        PgTools.Result r = pg.run("psql", psqlArgs("-c", query), null);
        PgTools.check("counting rows through psql (" + settings.connection() + ")", r);
        Map<String, Long> counts = new LinkedHashMap<>();
        Json.object(r.stdout().strip()).forEach((table, n) -> counts.put(table, ((Number) n).longValue()));
        return counts;
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
