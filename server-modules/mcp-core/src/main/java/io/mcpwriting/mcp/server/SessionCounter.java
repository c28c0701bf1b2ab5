package io.mcpwriting.mcp.server;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Counts the open sessions of the SDK's transport providers. The SDK keeps them in a private map and has
 * no accessor, so this reads that field; a test fails if an SDK upgrade renames it.
 */
final class SessionCounter {

    private final List<Map<?, ?>> maps = new ArrayList<>();

    void watch(Object transportProvider) {
        try {
            Field field = transportProvider.getClass().getDeclaredField("sessions");
            field.setAccessible(true);
            maps.add((Map<?, ?>) field.get(transportProvider));
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot count sessions of " + transportProvider.getClass(), e);
        }
    }

    int count() {
        int n = 0;
        for (Map<?, ?> m : maps) {
            n += m.size();
        }
        return n;
    }
}
