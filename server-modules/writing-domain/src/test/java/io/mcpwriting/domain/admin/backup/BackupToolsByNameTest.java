package io.mcpwriting.domain.admin.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.domain.testing.DomainTest;
import io.mcpwriting.domain.testing.ToolReply;
import io.mcpwriting.mcp.tool.ClientChannel;
import io.mcpwriting.mcp.tool.ErrorKind;
import io.mcpwriting.mcp.tool.ToolException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The backup tools called by name on the domain tests' database (pg_dump and pg_restore from the PATH): a table
 * backup listed, validated, restored over a changed row and deleted; the arguments they refuse; the questions a
 * restore and a delete ask a client that can be asked (declined here, so nothing changes). Full and incremental
 * backups and full restores are in WriteReadBackTest and IncrementalBackupTest.
 */
class BackupToolsByNameTest extends DomainTest {

    @Test
    void aTableBackupIsListedValidatedRestoredAndDeleted() {
        long author = id(ok("create_author", "name", "Before", "bio", "kept"));
        JsonNode backup = ok("db_backup_table", "table", "authors");
        String file = backup.get("backupFile").asText();
        assertEquals("table", backup.get("type").asText());
        assertEquals("authors", ok("db_list_backups", "type", "table", "limit", 1).at("/backups/0/table").asText());
        assertTrue(TOOLS.read("writing://backups/" + file).blob().length > 0, "the file is a resource");
        JsonNode valid = ok("db_validate_backup", "backupFile", file);
        assertTrue(valid.get("valid").asBoolean(), valid::toString);
        ok("update_author", "author_id", author, "name", "After");
        ok("db_restore_table", "backupFile", file, "table", "authors", "onConflict", "overwrite");
        assertEquals("Before", ok("get_author", "author_id", author).get("name").asText());
        ok("db_delete_backup", "backupFile", file);
        fails("not_found", List.of(file), "db_validate_backup", "backupFile", file);
        ToolException gone = assertThrows(ToolException.class, () -> TOOLS.read("writing://backups/" + file));
        assertEquals(ErrorKind.NOT_FOUND, gone.kind());
    }

    @Test
    void aTableRestoreAsksAboutThatTablesRowsInTheWordsOfItsMode() throws Exception {
        author();
        JsonNode backup = ok("db_backup_table", "table", "authors");
        String file = backup.get("backupFile").asText();
        long held = backup.at("/tables/0/rows").asLong();
        author();
        long now = rows("authors");
        String what = "Restore table authors from backup " + file + " (table backup made "
                + backup.get("created_at").asText() + ")? Its " + count(held, "row") + " of authors are added to "
                + "authors (which holds " + count(now, "row") + " now). ";
        assertEquals(what + "Rows whose key authors already holds overwrite the database's: up to "
                + count(Math.min(held, now), "existing row") + " are replaced (onConflict=overwrite). Rows only in "
                + "authors are kept.", asked("db_restore_table", "backupFile", file, "table", "authors",
                        "onConflict", "overwrite"));
        assertEquals(what + "If any of them has a key authors already holds, the restore fails and nothing changes "
                + "(onConflict=error). Rows only in authors are kept.",
                asked("db_restore_table", "backupFile", file, "table", "authors"), "onConflict omitted: error");
        assertEquals(what + "Rows whose key authors already holds are skipped, keeping the database's: no existing "
                + "row changes (onConflict=skip). Rows only in authors are kept.",
                asked("db_restore_table", "backupFile", file, "table", "authors", "onConflict", "skip"));
        assertEquals(now, rows("authors"), "declined: nothing changed");
        ok("db_delete_backup", "backupFile", file);
    }

    @Test
    void aFullRestoreAsksAboutTheBackupsTablesAndTheRowsTheyHoldNow() throws Exception {
        author();
        JsonNode backup = ok("db_backup_full");
        String file = backup.get("backupFile").asText();
        List<String> tables = new ArrayList<>();
        backup.get("tables").forEach(t -> tables.add(t.get("name").asText()));
        long held = backup.get("total_rows").asLong();
        author();
        long now = 0;
        for (String table : tables) {
            now += rows(table);
        }
        String what = "Restore backup " + file + " (full backup made " + backup.get("created_at").asText() + ")? ";
        assertEquals(what + "Its " + count(tables.size(), "table") + " are dropped and re-created with the backup's "
                + count(held, "row") + ": what they hold now (" + count(now, "row") + ") is replaced. Other tables "
                + "are kept.", asked("db_restore_full", "backupFile", file, "dropExisting", true));
        assertEquals(what + "Its " + count(held, "row") + " of " + count(tables.size(), "table") + " are added to "
                + "the database (those tables hold " + count(now, "row") + " now). Rows whose key the database already "
                + "holds are skipped, keeping the database's: no existing row changes (onConflict=skip). Rows only in "
                + "the database are kept.", asked("db_restore_full", "backupFile", file, "onConflict", "skip"));
        ok("db_delete_backup", "backupFile", file);
    }

    @Test
    void aBackupWhoseManifestCannotBeReadIsSaidToBeSo() throws Exception {
        String file = ok("db_backup_table", "table", "authors").get("backupFile").asText();
        Files.delete(TOOLS.files().resolve("backups").resolve(file + ".manifest.json"));
        String unreadable = "Its manifest " + file + ".manifest.json cannot be read, so what it holds is not known";
        assertEquals("Delete backup " + file + " permanently? " + unreadable + ".",
                asked("db_delete_backup", "backupFile", file));
        assertEquals("Restore backup " + file + "? " + unreadable + ", and the restore will refuse it, changing "
                + "nothing.", asked("db_restore_full", "backupFile", file));
        fails("validation", List.of("no readable manifest"), "db_restore_full", "backupFile", file);
        ok("db_delete_backup", "backupFile", file);
    }

    @Test
    void aRestoreTheEngineRefusesForItsArgumentsIsNotAskedAbout() {
        String file = ok("db_backup_table", "table", "authors").get("backupFile").asText();
        for (Object[] call : List.of(new Object[] {"db_restore_table", "backupFile", file, "table", "books"},
                new Object[] {"db_restore_full", "backupFile", file, "dropExisting", true},
                new Object[] {"db_restore_table", "backupFile", "nothing-here.dump", "table", "authors"})) {
            List<String> questions = new ArrayList<>();
            ToolReply reply = ClientChannel.during(declining(questions), () -> call((String) call[0],
                    Arrays.copyOfRange(call, 1, call.length)));
            assertTrue(reply.isError(), () -> Arrays.toString(call));
            assertEquals(List.of(), questions, () -> Arrays.toString(call));
        }
        ok("db_delete_backup", "backupFile", file);
    }

    @Test
    void errorsNameTheArgumentOrTheMissingBackup() {
        invalid("table", "db_backup_table", "table", "no_such_table");
        invalid("compress", "db_backup_full", "compress", "yes");
        invalid("type", "db_list_backups", "type", "weekly");
        invalid("sortBy", "db_list_backups", "sortBy", "name");
        invalid("backupFile", "db_validate_backup", "backupFile", "../etc/passwd");
        fails("not_found", List.of("nothing-here.dump"), "db_delete_backup", "backupFile", "nothing-here.dump");
        fails("not_found", List.of("nothing-here.dump"), "db_restore_full", "backupFile", "nothing-here.dump");
        invalid("onConflict", "db_restore_table", "backupFile", "x.dump", "table", "authors", "onConflict", "merge");
        fails("not_found", List.of("nothing-here.dump"), "db_backup_incremental", "baseBackup", "nothing-here.dump");
        String file = ok("db_backup_table", "table", "authors").get("backupFile").asText();
        author();
        long author = id(ok("create_author", "name", "Clash"));
        String withClash = ok("db_backup_table", "table", "authors").get("backupFile").asText();
        ok("update_author", "author_id", author, "bio", "changed since");
        fails("conflict", List.of(), "db_restore_table", "backupFile", withClash, "table", "authors");
        ok("db_delete_backup", "backupFile", file);
        ok("db_delete_backup", "backupFile", withClash);
    }

    /** The question the tool asks a client that can be asked; the user declines, and nothing changes. */
    private static String asked(String tool, Object... namesAndValues) {
        List<String> questions = new ArrayList<>();
        JsonNode reply = ClientChannel.during(declining(questions), () -> ok(tool, namesAndValues));
        assertEquals(1, questions.size(), tool);
        assertTrue(reply.get("declined").asBoolean(), reply::toString);
        assertTrue(reply.get("message").asText().contains(questions.get(0)), reply::toString);
        return questions.get(0);
    }

    private static ClientChannel declining(List<String> questions) {
        return new ClientChannel.Silent() {
            @Override
            public Confirmation confirm(Supplier<String> message) {
                questions.add(message.get());
                return Confirmation.DECLINED;
            }

            @Override
            public FormAnswer ask(String message, Map<String, Object> requestedSchema) {
                return new FormAnswer("decline", null);
            }
        };
    }

    /** The rows of a table, counted as its owner (the application's role may not read every table). */
    private static long rows(String table) throws SQLException {
        try (Connection c = DB.owner(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM public.\"" + table + "\"")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String count(long n, String noun) {
        return String.format(Locale.ENGLISH, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }
}
