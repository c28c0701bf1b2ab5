package it.io.mcpwriting.operations;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.mcpwriting.support.McpSession;
import it.io.mcpwriting.support.TestDb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console log is JSON lines, one per tool call, that the operators' jq filters select on. */
class CallLogIT {

    private static Path log(String name) {
        return Path.of(System.getProperty("liberty.runtime.dir"), "wlp/usr/servers/author/logs", name);
    }

    private static List<String> consoleLines() throws Exception {
        return Files.readAllLines(log("console.log"));
    }

    @Test
    void everyCallIsAJsonLineWithServiceToolAndDuration() throws Exception {
        String name = TestDb.unique("Logged");
        long messagesBefore = Files.size(log("messages.log"));
        try (McpSession session = McpSession.open("author")) {
            session.call("create_author", "name", name).ok();
            session.call("get_author", "author_id", 987654321).error("does not exist");
        }
        Thread.sleep(500);
        List<String> lines = consoleLines();
        assertTrue(lines.stream().filter(l -> l.startsWith("{")).count() > 0, "console.log has JSON lines");
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"service\":\"author\"") && l.contains("\"tool\":\"create_author\"")
                && l.contains("\"level\":\"INFO\"") && l.contains("\"durationMs\":")), "a success line");
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"tool\":\"get_author\"") && l.contains("\"level\":\"WARN\"")
                && l.contains("\"error\":{\"name\":\"not_found\"")), "a failure line with its error type");
        // Liberty's launcher prints one plain banner line ("Launching <server> ...") before logging starts.
        assertTrue(lines.stream().filter(l -> !l.isBlank() && !l.startsWith("Launching "))
                .allMatch(l -> l.startsWith("{") && l.endsWith("}")), "nothing but JSON lines on the console");
        // written once, to the console: not copied into messages.log through Liberty's System.out
        byte[] messages = Files.readAllBytes(log("messages.log"));
        String since = new String(messages, (int) Math.min(messagesBefore, messages.length),
                (int) Math.max(0, messages.length - messagesBefore), StandardCharsets.UTF_8);
        assertFalse(since.contains("\"event\":\"tool_call\""), "no call lines in messages.log");
    }
}
