package io.mcpwriting.mcp.server;

import java.lang.reflect.Field;
import java.util.concurrent.ConcurrentMap;

/**
 * The open sessions of an SDK transport provider. The SDK keeps them in a private map named {@code sessions}
 * and offers no accessor, so this reads that field; the build's tests fail if an SDK upgrade renames it.
 */
final class SdkSessions {

    private SdkSessions() {
    }

    @SuppressWarnings("unchecked")
    static <S> ConcurrentMap<String, S> of(Object transportProvider) {
        try {
            Field field = transportProvider.getClass().getDeclaredField("sessions");
            field.setAccessible(true);
            return (ConcurrentMap<String, S>) field.get(transportProvider);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot reach the sessions of " + transportProvider.getClass(), e);
        }
    }
}
