package io.mcpwriting.mcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpwriting.mcp.prompt.Completion;
import io.mcpwriting.mcp.prompt.CompletionDefinition;
import io.mcpwriting.mcp.resource.Resource;
import io.mcpwriting.mcp.resource.MimeTypes;
import io.mcpwriting.mcp.resource.ResourceBody;
import io.mcpwriting.mcp.resource.ResourceDefinition;
import io.mcpwriting.mcp.resource.ResourceEntry;
import io.mcpwriting.mcp.resource.ResourceList;
import io.mcpwriting.mcp.resource.ResourceListerDefinition;
import io.mcpwriting.mcp.resource.ResourcePages;
import io.mcpwriting.mcp.tool.Arg;
import io.modelcontextprotocol.server.McpServerFeatures.SyncCompletionSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What SdkFeatures makes of our declarations. completion/complete: at most {@link Completion#LIMIT} values, and
 * hasMore only when the completer found more than that (it reads one past the limit), not when exactly the limit
 * matched. Resource templates: a directory of files of several types declares no MIME type (the protocol's rule:
 * only when every matching resource has it), while each listed file carries its own.
 */
class SdkFeaturesTest {

    /** A template whose thing_id completes to as many values as the context's {@code count} says. */
    public static class Things {
        @Resource(uri = "test://things/{thing_id}", name = "thing", title = "Thing", description = "A thing")
        public String thing(@Arg(value = "thing_id", required = true, description = "id") long id) {
            return "{}";
        }

        @Completion("thing_id")
        public List<String> ids(String prefix, Map<String, String> context) {
            return IntStream.rangeClosed(1, Integer.parseInt(context.get("count"))).mapToObj(String::valueOf).toList();
        }
    }

    /** A directory of files of several types, and a template that claims none but could not supply one. */
    public static class Files {
        @Resource(uri = "test://files/{name}", name = "file", title = "File", description = "A file", mimeType = "")
        public ResourceBody file(@Arg(value = "name", required = true, description = "name") String name) {
            return ResourceBody.text(MimeTypes.of(name), "");
        }

        @ResourceList("file")
        public List<ResourceEntry> files(String afterName, int limit) {
            return afterName.isEmpty() ? List.of(ResourceEntry.file("a.csv", 1), ResourceEntry.file("b.json", 2))
                    : List.of();
        }

        @Resource(uri = "test://notes/{name}", name = "note", title = "Note", description = "A note", mimeType = "")
        public String note(@Arg(value = "name", required = true, description = "name") String name) {
            return "";
        }
    }

    @Test
    void aTemplateOfFilesOfSeveralTypesDeclaresNoneAndEachFileItsOwn() throws NoSuchMethodException {
        Files files = new Files();
        ResourceDefinition def = ResourceDefinition.of(files, Files.class.getMethod("file", String.class));
        McpSchema.ResourceTemplate template = SdkFeatures.resourceTemplates(List.of(def)).get(0).resourceTemplate();
        assertNull(template.mimeType(), "not application/octet-stream, nor one of the two");
        ResourceListerDefinition lister = ResourceListerDefinition.of(files,
                Files.class.getMethod("files", String.class, int.class));
        assertEquals(List.of("text/csv; charset=utf-8", "application/json"), ResourcePages.of(List.of(def),
                Map.of("file", lister), 10).page(null).resources().stream().map(ResourcePages.Listed::mimeType)
                .toList());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ResourceDefinition.of(files, Files.class.getMethod("note", String.class)));
        assertTrue(e.getMessage().contains("no mimeType"), e.getMessage());
    }

    @Test
    void exactlyTheLimitHasNoMore() throws NoSuchMethodException {
        McpSchema.CompleteResult.CompleteCompletion c = complete(Completion.LIMIT);
        assertEquals(Completion.LIMIT, c.values().size());
        assertFalse(c.hasMore(), "all 100 matches were sent");
        assertEquals(Completion.LIMIT, c.total());
    }

    @Test
    void onePastTheLimitHasMore() throws NoSuchMethodException {
        McpSchema.CompleteResult.CompleteCompletion c = complete(Completion.LIMIT + 1);
        assertEquals(Completion.LIMIT, c.values().size(), "the value past the limit is not sent");
        assertEquals("100", c.values().get(Completion.LIMIT - 1));
        assertTrue(c.hasMore());
        assertNull(c.total(), "how many there are in all is not known");
    }

    @Test
    void fewerThanTheLimitHaveNoMore() throws NoSuchMethodException {
        McpSchema.CompleteResult.CompleteCompletion c = complete(3);
        assertEquals(List.of("1", "2", "3"), c.values());
        assertFalse(c.hasMore());
        assertEquals(3, c.total());
    }

    private static McpSchema.CompleteResult.CompleteCompletion complete(int count) throws NoSuchMethodException {
        Things things = new Things();
        ResourceDefinition template = ResourceDefinition.of(things, Things.class.getMethod("thing", long.class));
        CompletionDefinition completer = CompletionDefinition.of(things,
                Things.class.getMethod("ids", String.class, Map.class));
        List<SyncCompletionSpecification> specs = SdkFeatures.completions(List.of(), List.of(template),
                Map.of("thing_id", completer));
        assertEquals(1, specs.size());
        McpSchema.CompleteRequest request = new McpSchema.CompleteRequest(
                new McpSchema.ResourceReference("test://things/{thing_id}"),
                new McpSchema.CompleteRequest.CompleteArgument("thing_id", ""),
                new McpSchema.CompleteRequest.CompleteContext(Map.of("count", String.valueOf(count))));
        return specs.get(0).completionHandler().apply(null, request).completion();
    }
}
