package io.mcpwriting.mcp.tool;

import io.mcpwriting.mcp.observe.CallObserver;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
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
    private static final TypeRef<Map<String, Object>> OBJECT = new TypeRef<>() {
    };

    private final McpJsonMapper json;
    private final JsonSchemaValidator validator;
    private final CallObserver observer;

    public ToolInvoker(McpJsonMapper json, JsonSchemaValidator validator, CallObserver observer) {
        this.json = json;
        this.validator = validator;
        this.observer = observer;
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
        JsonSchemaValidator.ValidationResponse response = validator.validate(def.tool().inputSchema(), arguments);
        if (response.valid()) {
            return null;
        }
        return "Invalid arguments for " + def.name() + ": " + readable(response.errorMessage());
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

    private CallToolResult success(ToolDefinition def, Object value) throws Exception {
        String text;
        Map<String, Object> structured;
        if (value instanceof JsonText jt) {
            text = jt.json();
            structured = json.readValue(text, OBJECT);
        } else {
            text = json.writeValueAsString(value);
            structured = json.convertValue(value, OBJECT);
        }
        return CallToolResult.builder()
                .addTextContent(text)
                .structuredContent(structured)
                .isError(false)
                .build();
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
