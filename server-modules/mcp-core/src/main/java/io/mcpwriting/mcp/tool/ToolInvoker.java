package io.mcpwriting.mcp.tool;

import io.mcpwriting.mcp.observe.CallObserver;
import io.mcpwriting.mcp.resource.FileLink;
import io.mcpwriting.mcp.resource.FileResources;
import io.mcpwriting.mcp.resource.WithFiles;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Runs one tool call: validate against the schema, bind, invoke, render; map every failure to an
 * {@code isError} result whose text the model can act on. Internal details stay in the server log.
 */
public final class ToolInvoker {

    private static final Logger LOG = Logger.getLogger(ToolInvoker.class.getName());

    /** The default bound on one result's JSON text (about 1 MB: far more than a model can read at once). */
    public static final int DEFAULT_MAX_RESULT_CHARS = 1 << 20;

    private final McpJsonMapper json;
    private final JsonSchemaValidator validator;
    private final CallObserver observer;
    private final int maxResultChars;
    private int embedMaxBytes = 256 * 1024;

    public ToolInvoker(McpJsonMapper json, JsonSchemaValidator validator, CallObserver observer) {
        this(json, validator, observer, DEFAULT_MAX_RESULT_CHARS);
    }

    /**
     * @param maxResultChars the longest result JSON returned; a longer one (in UTF-8 bytes) is refused with a RESULT_TOO_LARGE error
     *        asking for a narrower call. Each result is held several times over while it is answered (text,
     *        structured content, the serialized message), so a few concurrent results of tens of megabytes
     *        would exhaust the heap and leave their responses hanging.
     */
    public ToolInvoker(McpJsonMapper json, JsonSchemaValidator validator, CallObserver observer, int maxResultChars) {
        this.json = json;
        this.validator = validator;
        this.observer = observer;
        this.maxResultChars = maxResultChars;
    }

    /** Files a tool produced up to this size are embedded in its result besides their link. */
    public ToolInvoker embeddingFilesUpTo(int bytes) {
        this.embedMaxBytes = bytes;
        return this;
    }

    public CallToolResult call(ToolDefinition def, McpSchema.CallToolRequest request) {
        long start = System.nanoTime();
        Map<String, Object> arguments = request.arguments() == null ? Map.of() : request.arguments();
        ErrorKind failure = null;
        String message = null;
        CallToolResult result;
        try {
            String problem = validationProblem(def, arguments);
            if (problem != null) {
                throw new ToolException(ErrorKind.VALIDATION, problem);
            }
            Object value = def.method().invoke(def.bean(), ArgumentBinder.bind(def.params(), arguments));
            result = success(def, value);
        } catch (Throwable thrown) {
            Throwable cause = thrown instanceof InvocationTargetException ite ? ite.getCause() : thrown;
            if (cause instanceof ToolException te) {
                failure = te.kind();
                message = te.getMessage();
            } else if (cause instanceof CircuitBreakerOpenException || cause instanceof TimeoutException) {
                failure = ErrorKind.DATABASE_UNAVAILABLE;
                message = "The database is unavailable; retry later.";
            } else if (cause instanceof BulkheadException) {
                failure = ErrorKind.RATE_LIMITED;
                message = "The server is busy; retry shortly.";
            } else {
                failure = ErrorKind.INTERNAL;
                String reference = UUID.randomUUID().toString().substring(0, 8);
                LOG.log(Level.SEVERE, "tool " + def.name() + " failed, reference " + reference, cause);
                message = "Internal error in " + def.name() + " (reference " + reference
                        + "); the server log has the details.";
            }
            result = error(failure, message);
        }
        observer.toolCalled(def.name(), System.nanoTime() - start, failure, message);
        return result;
    }

    /** Null when the arguments fit the schema, else what is wrong, naming each argument. */
    private String validationProblem(ToolDefinition def, Map<String, Object> arguments) {
        String choice = choiceProblem(def, arguments);
        if (choice != null) {
            return "Invalid arguments for " + def.name() + ": " + choice;
        }
        JsonSchemaValidator.ValidationResponse response = validator.validate(def.tool().inputSchema(), arguments);
        if (response.valid()) {
            return null;
        }
        return "Invalid arguments for " + def.name() + ": " + readable(response.errorMessage());
    }

    /**
     * Null unless the tool takes exactly one of some arguments ({@link Tool#exactlyOneOf()}) and the call gives none
     * or several: then which were wanted and which came. Checked before the schema, whose validator would only say
     * how many branches of its oneOf matched ("2 are valid with indexes '0, 1'").
     */
    static String choiceProblem(ToolDefinition def, Map<String, Object> arguments) {
        Tool tool = def.method().getAnnotation(Tool.class);
        if (tool == null || tool.exactlyOneOf().length == 0) {
            return null;
        }
        List<String> given = Stream.of(tool.exactlyOneOf()).filter(arguments::containsKey).toList();
        if (given.size() == 1) {
            return null;
        }
        String got = given.isEmpty() ? "none"
                : String.join(", ", given.subList(0, given.size() - 1)) + " and " + given.get(given.size() - 1);
        return "give exactly one of " + String.join(", ", tool.exactlyOneOf()) + "; got " + got;
    }

    /** The validator reports JSON pointers ("/book_id: ..."); clients think in argument names. */
    static String readable(String validatorMessage) {
        String text = validatorMessage;
        int open = text.indexOf('[');
        int close = text.lastIndexOf(']');
        if (open >= 0 && close > open) {
            text = text.substring(open + 1, close);
        }
        return text.replaceAll("(^|, )/", "$1").replaceAll("(^|, ): ", "$1").replace("/", ".");
    }

    /**
     * The JSON text is made once; structured content carries the same text, not a re-parsed copy of it. Files the
     * tool produced follow as resource links, small ones also embedded.
     */
    private CallToolResult success(ToolDefinition def, Object value) throws IOException {
        if (value instanceof ToolContent content) {
            return CallToolResult.builder().content(content.parts().stream().map(ToolInvoker::content).toList())
                    .isError(false).build();
        }
        List<FileLink> files = List.of();
        if (value instanceof WithFiles withFiles) {
            files = withFiles.files();
            value = withFiles.value();
        }
        String text = value instanceof JsonText jt ? jt.json() : json.writeValueAsString(value);
        checkSize(def, text);
        RawJsonObject structured = RawJsonObject.of(text);
        if (structured == null) {
            throw new IllegalStateException(def.name() + " returned JSON that is not an object");
        }
        CallToolResult.Builder result = CallToolResult.builder()
                .addTextContent(text)
                .structuredContent(structured)
                .isError(false);
        for (FileLink file : files) {
            result.addContent(McpSchema.ResourceLink.builder().uri(file.uri()).name(file.name()).title(file.title())
                    .mimeType(file.mimeType()).size(file.size()).build());
            if (file.size() <= embedMaxBytes) {
                result.addContent(new McpSchema.EmbeddedResource(null, FileResources.contents(file)));
            }
        }
        return result.build();
    }

    static McpSchema.Content content(ToolContent.Part part) {
        return switch (part.kind()) {
            case "text" -> new McpSchema.TextContent(part.text());
            case "image" -> new McpSchema.ImageContent(null, part.data(), part.mimeType());
            case "audio" -> new McpSchema.AudioContent(null, part.data(), part.mimeType());
            default -> new McpSchema.EmbeddedResource(null, FileResources.contents(part.uri(), part.resource()));
        };
    }

    private void checkSize(ToolDefinition def, String text) {
        // a char is one to three UTF-8 bytes: count them only where the answer depends on it
        long bytes = (long) text.length() * 3 <= maxResultChars ? text.length()
                : text.length() > maxResultChars ? text.length() : utf8Length(text);
        if (bytes > maxResultChars) {
            List<String> arguments = def.params().stream().map(ParamSpec::name).toList();
            throw new ToolException(ErrorKind.RESULT_TOO_LARGE, "The result of " + def.name() + " is too large to "
                    + "return (" + bytes / 1024 + " KB; the limit is " + maxResultChars / 1024 + " KB)"
                    + (arguments.isEmpty() ? "." : "; narrow the call with its arguments (" + String.join(", ", arguments)
                            + ")."));
        }
    }

    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private CallToolResult error(ErrorKind kind, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("error_type", kind.type());
        return CallToolResult.builder()
                .addTextContent(message)
                .structuredContent(body)
                .isError(true)
                .build();
    }
}
