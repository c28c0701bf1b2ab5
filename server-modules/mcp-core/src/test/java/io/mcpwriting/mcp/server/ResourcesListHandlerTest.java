package io.mcpwriting.mcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.mcp.resource.Resource;
import io.mcpwriting.mcp.resource.ResourceDefinition;
import io.mcpwriting.mcp.resource.ResourceEntry;
import io.mcpwriting.mcp.resource.ResourceList;
import io.mcpwriting.mcp.resource.ResourceListerDefinition;
import io.mcpwriting.mcp.resource.ResourcePages;
import io.mcpwriting.mcp.tool.Arg;
import io.modelcontextprotocol.server.McpRequestHandler;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** resources/list's answers and errors as the client gets them: what it can fix named, nothing of the insides. */
class ResourcesListHandlerTest {

    public static class Broken {
        @Resource(uri = "test://rows/{row_id}", name = "row", title = "Row", description = "A row")
        public String row(@Arg(value = "row_id", required = true, description = "id") long id) {
            return "{}";
        }

        @ResourceList("row")
        public List<ResourceEntry> rows(long afterId, int limit) {
            if (afterId > 0) {
                throw new IllegalStateException("connection to db.internal:5432 refused");
            }
            return List.of(ResourceEntry.row(1, "row-1", "Row 1"), ResourceEntry.row(2, "row-2", "Row 2"));
        }
    }

    private final McpRequestHandler<McpSchema.ListResourcesResult> handler;

    ResourcesListHandlerTest() throws NoSuchMethodException {
        Broken bean = new Broken();
        ResourceDefinition def = ResourceDefinition.of(bean, Broken.class.getMethod("row", long.class));
        ResourceListerDefinition lister = ResourceListerDefinition.of(bean,
                Broken.class.getMethod("rows", long.class, int.class));
        handler = SdkFeatures.resourcesList(ResourcePages.of(List.of(def), Map.of("row", lister), 1));
    }

    @Test
    void theFirstPageNeedsNoParamsAndPointsToTheNext() {
        McpSchema.ListResourcesResult result = handler.handle(null, null).block();
        assertEquals(1, result.resources().size());
        McpSchema.Resource row = result.resources().get(0);
        assertEquals("test://rows/1", row.uri());
        assertEquals("row-1", row.name());
        assertEquals("Row 1", row.title());
        assertEquals("application/json", row.mimeType());
        assertTrue(result.nextCursor() != null && !result.nextCursor().isEmpty());
        assertEquals(result, handler.handle(null, Map.of()).block());
    }

    @Test
    void aCursorThatIsNotOneOfOursIsInvalidParamsNamingIt() {
        for (Object params : List.of(Map.of("cursor", 42), Map.of("cursor", "bm90IG91cnM"), Map.of("cursor", ""),
                List.of("cursor"))) {
            McpError e = assertThrows(McpError.class, () -> handler.handle(null, params).block(), params::toString);
            assertEquals(McpSchema.ErrorCodes.INVALID_PARAMS, e.getJsonRpcError().code());
            assertTrue(e.getJsonRpcError().message().matches(".*'(cursor|params)'.*"), e.getJsonRpcError().message());
        }
    }

    @Test
    void aFailureOfTheListerSaysNothingOfTheServersInsides() {
        String next = handler.handle(null, null).block().nextCursor();
        McpError e = assertThrows(McpError.class, () -> handler.handle(null, Map.of("cursor", next)).block());
        assertEquals(McpSchema.ErrorCodes.INTERNAL_ERROR, e.getJsonRpcError().code());
        assertFalse(e.getJsonRpcError().message().contains("db.internal"), e.getJsonRpcError().message());
        assertTrue(e.getJsonRpcError().message().contains("reference"), e.getJsonRpcError().message());
    }
}
