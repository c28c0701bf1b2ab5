package io.mcpwriting.mcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A session's reference: stable for the session on every thread, different between sessions, no trace of the id. */
class FingerprintsTest {

    private static final String SESSION = "232e1139-4822-400e-88c7-2800b63f58e5";

    @Test
    void aSessionHasOneReferenceOnEveryThread() throws Exception {
        String here = Fingerprints.sessionRef(SESSION);
        String elsewhere = CompletableFuture.supplyAsync(() -> Fingerprints.sessionRef(SESSION)).get();
        assertEquals(here, elsewhere);
        assertEquals(here, Fingerprints.sessionRef(SESSION), "the same again on the same thread");
    }

    @Test
    void theReferenceIsSixteenHexDigitsThatDoNotContainTheId() {
        String ref = Fingerprints.sessionRef(SESSION);
        assertTrue(ref.matches("[0-9a-f]{16}"), ref);
        assertFalse(SESSION.contains(ref), "no part of the id");
    }

    @Test
    void sessionsHaveDifferentReferences() {
        assertNotEquals(Fingerprints.sessionRef(SESSION), Fingerprints.sessionRef(SESSION.replace('5', '6')));
    }

    @Test
    void noSessionHasNoReference() {
        assertNull(Fingerprints.sessionRef(null));
    }
}
