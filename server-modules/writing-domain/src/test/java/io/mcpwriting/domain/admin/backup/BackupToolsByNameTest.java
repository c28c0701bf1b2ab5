package io.mcpwriting.domain.admin.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.domain.testing.DomainTest;
import io.mcpwriting.mcp.tool.ErrorKind;
import io.mcpwriting.mcp.tool.ToolException;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The backup tools called by name on the domain tests' database (pg_dump and pg_restore from the PATH): a table
 * backup listed, validated, restored over a changed row and deleted; the arguments they refuse. Full and
 * incremental backups and full restores are in WriteReadBackTest and IncrementalBackupTest.
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
}
