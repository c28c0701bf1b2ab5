package io.mcpwriting.mcp.server;

import io.mcpwriting.mcp.prompt.CompletionDefinition;
import io.mcpwriting.mcp.prompt.PromptDefinition;
import io.mcpwriting.mcp.prompt.PromptReply;
import io.mcpwriting.mcp.resource.FileResources;
import io.mcpwriting.mcp.resource.ResourceBody;
import io.mcpwriting.mcp.resource.ResourceDefinition;
import io.mcpwriting.mcp.resource.ResourcePages;
import io.mcpwriting.mcp.tool.ErrorKind;
import io.mcpwriting.mcp.tool.ParamSpec;
import io.mcpwriting.mcp.tool.ToolException;
import io.modelcontextprotocol.server.McpRequestHandler;
import io.modelcontextprotocol.server.McpServerFeatures.SyncCompletionSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import reactor.core.publisher.Mono;

/**
 * Resource templates, prompts and completions as the SDK's specifications: the one place that turns our
 * definitions into the SDK's types, and failures into JSON-RPC errors that say what the client can fix
 * (resource not found -32002, invalid params -32602) and nothing of the server's insides.
 */
final class SdkFeatures {

    private static final Logger LOG = Logger.getLogger(SdkFeatures.class.getName());
    static final int RESOURCE_NOT_FOUND = -32002;

    private SdkFeatures() {
    }

    /** The definitions with variables, as templates. */
    static List<SyncResourceTemplateSpecification> resourceTemplates(List<ResourceDefinition> defs) {
        return defs.stream().filter(def -> !def.uri().variables().isEmpty()).map(def -> new SyncResourceTemplateSpecification(
                new McpSchema.ResourceTemplate(def.uri().template(), def.name(), def.resource().title(),
                        def.resource().description(), def.mimeType(), null),
                (exchange, request) -> read(def, request.uri()))).toList();
    }

    /** The definitions without variables, as fixed resources (listed by {@link #resourcesList}, first where configured). */
    static List<SyncResourceSpecification> fixedResources(List<ResourceDefinition> defs) {
        return defs.stream().filter(def -> def.uri().variables().isEmpty()).map(def -> new SyncResourceSpecification(
                McpSchema.Resource.builder().uri(def.uri().template()).name(def.name()).title(def.resource().title())
                        .description(def.resource().description()).mimeType(def.mimeType()).build(),
                (exchange, request) -> read(def, request.uri()))).toList();
    }

    /**
     * {@code resources/list} a page at a time (put in place of the SDK's handler by {@link SdkRequestHandlers}): runs
     * on the calling thread, as the SDK runs the other handlers with immediate execution.
     */
    static McpRequestHandler<McpSchema.ListResourcesResult> resourcesList(ResourcePages pages) {
        return (exchange, params) -> Mono.fromCallable(() -> answer("resources/list", () -> {
            ResourcePages.Page page = pages.page(cursor(params));
            return new McpSchema.ListResourcesResult(page.resources().stream().map(SdkFeatures::resource).toList(),
                    page.nextCursor());
        }));
    }

    /** The request's cursor: absent, or text. */
    static String cursor(Object params) {
        if (params == null) {
            return null;
        }
        if (!(params instanceof Map<?, ?> map)) {
            throw ToolException.invalid("params", "must be an object");
        }
        Object cursor = map.get("cursor");
        if (cursor != null && !(cursor instanceof String)) {
            throw ToolException.invalid("cursor", "must be the text of a nextCursor");
        }
        return (String) cursor;
    }

    private static McpSchema.Resource resource(ResourcePages.Listed r) {
        return McpSchema.Resource.builder().uri(r.uri()).name(r.name()).title(r.title()).description(r.description())
                .mimeType(r.mimeType()).size(r.size()).build();
    }

    private static McpSchema.ReadResourceResult read(ResourceDefinition def, String uri) {
        return answer("resources/read " + def.name(), () -> {
            ResourceBody body;
            try {
                body = def.read(uri);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
            return new McpSchema.ReadResourceResult(List.of(FileResources.contents(uri, body)));
        });
    }

    static List<SyncPromptSpecification> prompts(List<PromptDefinition> defs) {
        return defs.stream().map(def -> new SyncPromptSpecification(
                new McpSchema.Prompt(def.name(), def.prompt().title(), def.prompt().description(),
                        def.params().stream().map(p -> new McpSchema.PromptArgument(p.name(), null,
                                p.arg().description(), p.arg().required())).toList()),
                (exchange, request) -> answer("prompts/get " + def.name(), () -> {
                    PromptReply reply;
                    try {
                        reply = def.get(request.arguments());
                    } catch (RuntimeException | Error e) {
                        throw e;
                    } catch (Throwable t) {
                        throw new IllegalStateException(t);
                    }
                    return new McpSchema.GetPromptResult(reply.description(), reply.messages().stream()
                            .map(SdkFeatures::message).toList());
                }))).toList();
    }

    private static McpSchema.PromptMessage message(PromptReply.Message m) {
        McpSchema.Content content = m.isImage()
                ? new McpSchema.ImageContent(null, java.util.Base64.getEncoder().encodeToString(m.resource().blob()),
                        m.resource().mimeType())
                : m.resource() == null ? new McpSchema.TextContent(m.text())
                : new McpSchema.EmbeddedResource(null, FileResources.contents(m.uri(), m.resource()));
        return new McpSchema.PromptMessage(McpSchema.Role.USER, content);
    }

    /** One completion per prompt and template whose arguments have a completer, dispatching on the argument. */
    static List<SyncCompletionSpecification> completions(List<PromptDefinition> prompts,
            List<ResourceDefinition> resources, Map<String, CompletionDefinition> completers) {
        List<SyncCompletionSpecification> specs = new ArrayList<>();
        for (PromptDefinition p : prompts) {
            List<String> names = p.params().stream().map(ParamSpec::name).filter(completers::containsKey).toList();
            if (!names.isEmpty()) {
                specs.add(completion(new McpSchema.PromptReference(p.name()), completers));
            }
        }
        for (ResourceDefinition r : resources) {
            if (r.uri().variables().stream().anyMatch(completers::containsKey)) {
                specs.add(completion(new McpSchema.ResourceReference(r.uri().template()), completers));
            }
        }
        return specs;
    }

    private static SyncCompletionSpecification completion(McpSchema.CompleteReference ref,
            Map<String, CompletionDefinition> completers) {
        return new SyncCompletionSpecification(ref, (exchange, request) -> answer("completion/complete", () -> {
            CompletionDefinition completer = completers.get(request.argument().name());
            if (completer == null) {
                return new McpSchema.CompleteResult(new McpSchema.CompleteResult.CompleteCompletion(List.of(), 0, false));
            }
            Map<String, String> context = request.context() == null || request.context().arguments() == null
                    ? Map.of() : new LinkedHashMap<>(request.context().arguments());
            CompletionDefinition.Completed found;
            try {
                found = completer.complete(request.argument().value(), context);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
            // the total is known only when nothing was left out
            return new McpSchema.CompleteResult(new McpSchema.CompleteResult.CompleteCompletion(found.values(),
                    found.hasMore() ? null : found.values().size(), found.hasMore()));
        }));
    }

    /** Runs a request; what the client can act on is said, anything else is logged under a reference. */
    private static <T> T answer(String what, Supplier<T> work) {
        try {
            return work.get();
        } catch (ToolException e) {
            int code = e.kind() == ErrorKind.NOT_FOUND && what.startsWith("resources/") ? RESOURCE_NOT_FOUND
                    : e.kind() == ErrorKind.NOT_FOUND ? McpSchema.ErrorCodes.INVALID_PARAMS
                    : e.kind() == ErrorKind.VALIDATION ? McpSchema.ErrorCodes.INVALID_PARAMS : McpSchema.ErrorCodes.INTERNAL_ERROR;
            throw McpError.builder(code).message(e.getMessage()).build();
        } catch (CircuitBreakerOpenException | TimeoutException e) {
            throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
                    .message("The database is unavailable; retry later.").build();
        } catch (RuntimeException e) {
            String reference = UUID.randomUUID().toString().substring(0, 8);
            LOG.log(Level.SEVERE, what + " failed, reference " + reference, e);
            throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
                    .message("Internal error in " + what + " (reference " + reference + "); the server log has the details.")
                    .build();
        }
    }
}
