package io.mcpwriting.mcp.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Counts and knows the open sessions of the SDK's transport providers. */
final class SessionCounter {

    private final List<Map<String, ?>> maps = new ArrayList<>();

    void watch(Object transportProvider) {
        maps.add(SdkSessions.of(transportProvider));
    }

    boolean contains(String sessionId) {
        for (Map<String, ?> m : maps) {
            if (m.containsKey(sessionId)) {
                return true;
            }
        }
        return false;
    }

    int count() {
        int n = 0;
        for (Map<String, ?> m : maps) {
            n += m.size();
        }
        return n;
    }
}
