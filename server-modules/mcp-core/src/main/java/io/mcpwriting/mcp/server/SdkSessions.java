package io.mcpwriting.mcp.server;

import java.lang.reflect.Field;
import java.util.concurrent.ConcurrentMap;

/**
 * The open sessions of an SDK transport provider. The SDK keeps them in a private map named {@code sessions}
 * and offers no accessor (https://github.com/modelcontextprotocol/java-sdk/issues/1063, "Expose API to inspect
 * and remove inactive server sessions"), so this reads that field; {@code SdkSessionsTest} fails if an SDK upgrade
 * renames it or stops keeping the sessions there. The drain and the idle-session sweeper depend on it.
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
