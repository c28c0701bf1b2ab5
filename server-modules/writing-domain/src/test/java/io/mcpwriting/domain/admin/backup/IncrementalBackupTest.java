package io.mcpwriting.domain.admin.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.mcp.tool.ErrorKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental backups against real PostgreSQL ({@link BackupDatabase}): a base backup, then inserts, updates and
 * deletes (in a table with timestamps and an updated_at trigger, in one without timestamps, in one without a
 * primary key, a row moved to another parent whose old parent is deleted, a unique value freed by a delete and
 * taken by an insert), an incremental backup, the base restored and the incremental applied on top: the tables
 * are then exactly as they were when the incremental backup was taken.
 */
class IncrementalBackupTest {

    private static final String CONTENTS = "SELECT concat_ws(E'\\n', "
            + "(SELECT string_agg(t::text, ' ' ORDER BY t.id) FROM incr_authors t), "
            + "(SELECT string_agg(t::text, ' ' ORDER BY t.id) FROM incr_books t), "
            + "(SELECT string_agg(t::text, ' ' ORDER BY t.code) FROM incr_labels t), "
            + "(SELECT string_agg(t::text, ' ' ORDER BY t.note) FROM incr_notes t))";

    @TempDir
    Path dir;

    private BackupEngine engine;

    @BeforeAll
    static void database() {
        BackupDatabase.check();
    }

    @BeforeEach
    void tables() {
        BackupDatabase.run("DROP TABLE IF EXISTS incr_books, incr_authors, incr_labels, incr_notes",
                "DROP FUNCTION IF EXISTS incr_touch()",
                "CREATE FUNCTION incr_touch() RETURNS trigger LANGUAGE plpgsql AS "
                        + "$$ BEGIN NEW.updated_at := clock_timestamp(); RETURN NEW; END $$",
                "CREATE TABLE incr_authors (id serial PRIMARY KEY, name text NOT NULL UNIQUE, created_at timestamptz "
                        + "NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now())",
                "CREATE TRIGGER incr_authors_touch BEFORE UPDATE ON incr_authors FOR EACH ROW "
                        + "EXECUTE FUNCTION incr_touch()",
                "CREATE TABLE incr_books (id serial PRIMARY KEY, author_id int NOT NULL REFERENCES incr_authors, "
                        + "title text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())",
                "CREATE TABLE incr_labels (code text PRIMARY KEY, label text NOT NULL UNIQUE)",
                "CREATE TABLE incr_notes (note text NOT NULL)",
                "INSERT INTO incr_authors (name) VALUES ('First'), ('Second')",
                "INSERT INTO incr_books (author_id, title) VALUES (1, 'One'), (1, 'Two'), (2, 'Three')",
                "INSERT INTO incr_labels VALUES ('v', 'Violet'), ('x', 'Ex'), ('y', 'Yellow')",
                "INSERT INTO incr_notes VALUES ('keep'), ('drop')");
        engine = new BackupEngine(BackupDatabase.settings(dir.resolve("backups")));
    }

    /** The base backup, its change horizon pinned to now so that exactly the changes after it count (see below). */
    private Manifest base() throws IOException {
        Manifest base = engine.backupFull(true, true);
        // other sessions of a shared cluster hold back the recorded horizon (rows of this test written before the
        // base would then count as changed too, harmlessly); no other session writes these tables, so the next
        // transaction id is a horizon as true and makes the captured rows exact
        Map<String, Object> horizon = new LinkedHashMap<>(ChangeHorizon.of(base.get("change_horizon")).fields());
        horizon.put("xmin", Long.parseLong(BackupDatabase.text("SELECT pg_snapshot_xmax(pg_current_snapshot())")));
        base.with("change_horizon", horizon).write(file(base));
        return base;
    }

    private static void change() {
        BackupDatabase.run("UPDATE incr_books SET title = 'One, revised' WHERE id = 1",
                "DELETE FROM incr_books WHERE id = 2",
                "INSERT INTO incr_authors (name) VALUES ('Third')",
                "INSERT INTO incr_books (author_id, title) VALUES (3, 'Four')",
                "UPDATE incr_books SET author_id = 1 WHERE id = 3", // moves off the author deleted next
                "DELETE FROM incr_authors WHERE id = 2",
                "UPDATE incr_labels SET label = 'Ex, revised' WHERE code = 'x'",
                "DELETE FROM incr_labels WHERE code = 'y'",
                "INSERT INTO incr_labels VALUES ('w', 'Yellow')", // the unique label the deleted row held
                "INSERT INTO incr_notes VALUES ('new')",
                "DELETE FROM incr_notes WHERE note = 'drop'");
    }

    private Path file(Manifest m) {
        return engine.store().dir().resolve(m.string("file"));
    }

    private RestoreReport restore(Manifest m) {
        return engine.restore(file(m), null, true, BackupEngine.Conflict.ERROR, null);
    }

    private static RestoreReport.TableRestored table(RestoreReport.RowsRestored restored, String name) {
        return restored.tables().stream().filter(t -> name.equals(t.table())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> table(List<?> tables, String name) {
        return tables.stream().map(t -> (Map<String, Object>) t).filter(t -> name.equals(t.get("name"))
                || name.equals(t.get("table"))).findFirst().orElseThrow(() -> new AssertionError("no " + name));
    }

    @Test
    void theBaseThenTheIncrementalRestoreEveryChangeDeletesIncluded() throws IOException {
        Manifest base = base();
        change();
        String atIncremental = BackupDatabase.text(CONTENTS);
        Manifest incremental = engine.backupIncremental(null);
        BackupDatabase.run("UPDATE incr_books SET title = 'after the backup'", "DELETE FROM incr_labels",
                "INSERT INTO incr_notes VALUES ('after the backup')");

        restore(base);
        RestoreReport.RowsRestored applied = (RestoreReport.RowsRestored) restore(incremental).outcome();

        assertEquals(atIncremental, BackupDatabase.text(CONTENTS), "inserts, updates and deletes are all back");
        assertEquals("apply_incremental", applied.mode());
        assertEquals(base.string("file"), applied.appliedOn().baseBackup());
        assertEquals(1L, table(applied, "incr_books").deleted(), "book 2");
        assertEquals(1L, table(applied, "incr_authors").deleted(), "author 2, once book 3 had moved off it");
        assertEquals(1L, table(applied, "incr_labels").deleted(), "label y, before w took its label");
        assertEquals(2L, table(applied, "incr_notes").deleted(), "a table without a key is replaced");
        assertEquals(List.of("incr_authors", "incr_books", "incr_labels", "incr_notes"),
                applied.restoreOrder().stream().sorted().toList());
    }

    @Test
    void theManifestSaysExactlyWhatWasCaptured() throws IOException {
        Manifest base = base();
        change();
        Manifest incremental = engine.backupIncremental(null);

        assertEquals(base.string("file"), incremental.string("base_backup"));
        assertEquals(true, incremental.get("deletes_captured"));
        assertEquals(base.get("change_horizon"), incremental.get("changes_since"));
        assertFalse(incremental.string("captures").contains("not captured"), incremental.string("captures"));
        assertEquals(Map.of("name", "incr_books", "capture", "changed_rows_and_keys", "rows", 3L, "keys", 3L),
                table(incremental.tables(), "incr_books"), "books 1 and 3 updated, 4 inserted; keys 1, 3, 4");
        assertEquals(Map.of("name", "incr_authors", "capture", "changed_rows_and_keys", "rows", 1L, "keys", 2L),
                table(incremental.tables(), "incr_authors"), "author 3 inserted; author 1 unchanged");
        assertEquals(Map.of("name", "incr_labels", "capture", "changed_rows_and_keys", "rows", 2L, "keys", 3L),
                table(incremental.tables(), "incr_labels"), "a table without timestamps: x updated, w inserted");
        assertEquals(Map.of("name", "incr_notes", "capture", "whole_table", "rows", 2L,
                "reason", "no primary key: its deleted rows could not be named"),
                table(incremental.tables(), "incr_notes"));
        assertEquals(8L, ((Number) incremental.get("total_rows")).longValue());
        assertEquals(8L, ((Number) incremental.get("total_keys")).longValue());
        ValidationReport validation = engine.validate(file(incremental));
        assertEquals(true, validation.valid(), validation.toString());
        assertTrue(validation.checks().toString().contains("key_counts"), validation.toString());
    }

    @Test
    void aClientIsAskedAboutApplyingInTheWordsOfWhatItDoes() throws IOException {
        Manifest base = base();
        change();
        Manifest incremental = engine.backupIncremental(null);
        long now = 0;
        for (Map<String, Object> t : incremental.tables()) {
            now += Long.parseLong(BackupDatabase.text("SELECT count(*) FROM public.\"" + t.get("name") + "\""));
        }
        long whole = incremental.tables().stream().filter(t -> "whole_table".equals(t.get("capture"))).count();
        assertEquals("Restore backup " + incremental.string("file") + " (incremental backup made "
                + incremental.string("created_at") + ")? It is applied on top of its base backup " + base.string("file")
                + ": its " + BackupQuestions.count(incremental.number("total_rows"), "row") + " of "
                + BackupQuestions.count(incremental.tables().size(), "table") + " replace or join what those tables "
                + "hold now (" + BackupQuestions.count(now, "row") + "), rows deleted since the base are deleted, and "
                + BackupQuestions.count(whole, "table") + " without a primary key " + (whole == 1 ? "is" : "are")
                + " replaced whole. If the database does not hold the base's rows, the restore fails and nothing "
                + "changes.", BackupQuestions.restore(engine, file(incremental), null, true, BackupEngine.Conflict.ERROR));
    }

    @Test
    void applyingWhereTheBaseIsNotFailsAndChangesNothing() throws IOException {
        base();
        change();
        Manifest incremental = engine.backupIncremental(null);
        BackupDatabase.run("DELETE FROM incr_labels WHERE code = 'v'"); // unchanged since the base: not in the backup
        String before = BackupDatabase.text(CONTENTS);

        BackupException e = assertThrows(BackupException.class, () -> restore(incremental));

        assertEquals(ErrorKind.CONFLICT, BackupToolErrors.toolError(e).kind());
        assertTrue(e.getMessage().contains("does not hold the data of its base backup")
                && e.getMessage().contains("incr_labels=1"), e.getMessage());
        assertEquals(before, BackupDatabase.text(CONTENTS), "nothing changed");
    }

    @Test
    void aBaseWithoutAChangeHorizonGetsEveryTableWholeAndStillRestoresRight() throws IOException {
        Manifest base = engine.backupFull(true, true);
        base.fields().remove("change_horizon"); // as backups made before horizons were recorded
        base.write(file(base));
        change();
        String atIncremental = BackupDatabase.text(CONTENTS);
        Manifest incremental = engine.backupIncremental(base.string("file"));

        assertTrue(incremental.tables().stream().allMatch(t -> "whole_table".equals(t.get("capture"))),
                incremental.tables().toString());
        assertTrue(incremental.string("captures").contains("the base backup records no change_horizon"),
                incremental.string("captures"));
        restore(base);
        restore(incremental);
        assertEquals(atIncremental, BackupDatabase.text(CONTENTS));
    }
}
