package it.io.mcpwriting.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a whole list from a paged list tool, checking each page's bookkeeping on the way. */
public final class Pages {

    private Pages() {
    }

    public static List<Map<String, Object>> all(McpSession session, String tool, String listField, int limit,
            Object... filters) {
        List<Map<String, Object>> items = new ArrayList<>();
        Long total = null;
        int offset = 0;
        while (true) {
            Map<String, Object> arguments = new LinkedHashMap<>();
            for (int i = 0; i < filters.length; i += 2) {
                arguments.put((String) filters[i], filters[i + 1]);
            }
            arguments.put("limit", limit);
            arguments.put("offset", offset);
            Outcome page = session.call(tool, arguments).ok();
            Map<String, Object> position = page.map("page");
            long pageTotal = ((Number) position.get("total")).longValue();
            if (total == null) {
                total = pageTotal;
            }
            assertEquals(total, pageTotal, tool + ": the total stays the same from page to page");
            List<Map<String, Object>> listed = page.list(listField);
            assertTrue(listed.size() <= limit, tool + ": a page holds at most limit items");
            assertEquals(listed.size(), page.number("count"), tool + ": count is the number on this page");
            items.addAll(listed);
            Object next = position.get("next_offset");
            if (next == null) {
                assertEquals(total.longValue(), items.size(), tool + ": the pages add up to the total");
                return items;
            }
            assertEquals(offset + listed.size(), ((Number) next).intValue(), tool + ": next_offset follows this page");
            offset = ((Number) next).intValue();
        }
    }
}
