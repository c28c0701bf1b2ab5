package io.mcpwriting.domain.admin.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.domain.testing.DomainTest;
import io.mcpwriting.domain.testing.ToolReply;
import io.mcpwriting.mcp.tool.Cancellation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A backup or restore cancelled by the client ({@code notifications/cancelled}) while its pg_dump or psql runs: the
 * tool is killed, the call fails as cancelled, and nothing is left half-written. The tool is held mid-run by a lock
 * this test holds, cancelled, and then the lock is released (so a tool that was not stopped would finish).
 */
class BackupCancellationTest extends DomainTest {

    private static final Path BACKUPS = TOOLS.files().resolve("backups");

    @Test
    void aBackupCancelledMidRunLeavesNoFileAndTheCatalogueUnchanged() throws Exception {
        author();
        String catalogue = ok("db_list_backups").toString();
        List<String> files = files();
        Cancellation cancellation = new Cancellation();
        CompletableFuture<ToolReply> backup;
        try (Connection lock = DB.owner(); Statement s = lock.createStatement()) {
            lock.setAutoCommit(false);
            s.execute("LOCK TABLE authors IN ACCESS EXCLUSIVE MODE");
            backup = running(cancellation, () -> call("db_backup_table", "table", "authors"));
            awaitToolWaitingOnLock();
            assertFalse(files().stream().filter(f -> f.endsWith(".partial")).toList().isEmpty(),
                    "pg_dump is writing the backup's partial file");
            cancellation.cancel();
            lock.rollback();
        }
        ToolReply reply = backup.get(30, TimeUnit.SECONDS);
        assertEquals("cancelled", reply.errorType(), reply::text);
        assertEquals(files, files(), "no backup, partial file or manifest is left");
        assertEquals(catalogue, ok("db_list_backups").toString());
    }

    @Test
    void aRestoreCancelledMidRunLeavesTheDatabaseAsBefore() throws Exception {
        long first = id(ok("create_author", "name", "First as backed up"));
        long second = id(ok("create_author", "name", "Second as backed up"));
        String file = ok("db_backup_table", "table", "authors").get("backupFile").asText();
        ok("update_author", "author_id", first, "name", "First changed");
        ok("update_author", "author_id", second, "name", "Second changed");
        String authors = "SELECT string_agg(id || ':' || name, ', ' ORDER BY id) FROM authors";
        String before = DB.text(authors);
        Cancellation cancellation = new Cancellation();
        CompletableFuture<ToolReply> restore;
        try (Connection lock = DB.owner(); Statement s = lock.createStatement()) {
            lock.setAutoCommit(false);
            s.execute("SELECT 1 FROM authors WHERE id = " + second + " FOR UPDATE");
            restore = running(cancellation, () -> call("db_restore_table", "backupFile", file, "table", "authors",
                    "onConflict", "overwrite"));
            awaitToolWaitingOnLock(); // psql is overwriting the authors in its transaction, stopped at the second
            cancellation.cancel();
            lock.rollback();
        }
        ToolReply reply = restore.get(30, TimeUnit.SECONDS);
        assertEquals("cancelled", reply.errorType(), reply::text);
        awaitNoToolSession();
        assertEquals(before, DB.text(authors), "the restore's transaction rolled back");
        assertTrue(DB.text("SELECT error_message FROM audit_logs WHERE NOT success ORDER BY id DESC LIMIT 1")
                .contains("cancelled"), "the cancelled restore is audited as failed");
        ok("db_delete_backup", "backupFile", file);
    }

    /** Calls a tool on another thread as a request the client can cancel. */
    private static CompletableFuture<ToolReply> running(Cancellation cancellation, Supplier<ToolReply> call) {
        return CompletableFuture.supplyAsync(() -> {
            try (Cancellation.Registration bound = Cancellation.bind(cancellation)) {
                return call.get();
            }
        });
    }

    /** Waits until a client tool of the backup (pg_dump, psql) waits on a lock in this database. */
    private static void awaitToolWaitingOnLock() throws InterruptedException, SQLException {
        await("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND application_name = 'mcp-database-admin' AND wait_event_type = 'Lock'", 1);
    }

    /** Waits until the killed tool's session has ended (its transaction rolled back, its locks released). */
    private static void awaitNoToolSession() throws InterruptedException, SQLException {
        await("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND application_name = 'mcp-database-admin'", 0);
    }

    /**
     * Polls as the owner, whose tools' sessions it may see in full, on a connection of its own: the tool runs on
     * the application role's one test connection meanwhile.
     */
    private static void await(String countQuery, long expected) throws InterruptedException, SQLException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try (Connection c = DB.owner(); Statement s = c.createStatement()) {
            while (true) {
                try (ResultSet r = s.executeQuery(countQuery)) {
                    if (r.next() && r.getLong(1) == expected) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("not " + expected + " after 20 s: " + countQuery);
                }
                Thread.sleep(50);
            }
        }
    }

    /** The files (not directories) of the backup directory, partial files included. */
    private static List<String> files() throws IOException {
        if (!Files.isDirectory(BACKUPS)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(BACKUPS)) {
            return list.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
