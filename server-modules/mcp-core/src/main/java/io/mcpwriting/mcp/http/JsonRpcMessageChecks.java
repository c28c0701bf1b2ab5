package io.mcpwriting.mcp.http;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks the shape of every JSON-RPC message posted to the MCP endpoints before the SDK sees it. The SDK
 * answers some malformed messages with a 500 and others with no response at all (a {@code tools/call}
 * whose {@code params} or {@code arguments} is not an object leaves the client waiting forever); here
 * each gets a JSON-RPC error: {@code -32700} for a body that is not JSON, {@code -32600} for one that is
 * not a single message or not JSON-RPC 2.0, and {@code -32602} (with the request's id) for params of the wrong
 * shape or a tool this server does not have (named, as the SDK does not). A POST to the Streamable HTTP endpoint
 * that does not accept both JSON and an event stream gets 406, as the MCP specification says.
 */
public final class JsonRpcMessageChecks {

    /** Methods whose params object is required. */
    private static final Set<String> NEED_PARAMS = Set.of("initialize", "tools/call", "logging/setLevel",
            "resources/read", "resources/subscribe", "resources/unsubscribe", "prompts/get", "completion/complete");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final int MAX_NESTING = JSON.tokenStreamFactory().streamReadConstraints().getMaxNestingDepth();

    private static final Refusal NOT_ACCEPTABLE = new Refusal(406, JsonRpcErrors.INVALID_REQUEST,
            "Not Acceptable: Accept must include application/json and text/event-stream");

    private final Set<String> tools;
    private final AwaitedAnswers answers;

    public JsonRpcMessageChecks(Set<String> tools, AwaitedAnswers answers) {
        this.tools = Set.copyOf(tools);
        this.answers = answers;
    }

    /** The parsed message, or why it is refused (then the message may be null). */
    record Verdict(Refusal refusal, JsonNode message) {
    }

    /** Null when a POST to the Streamable HTTP endpoint accepts both answers it may get, else the 406. */
    Refusal checkAccept(String accept) {
        return acceptsJsonAndEvents(accept) ? null : NOT_ACCEPTABLE;
    }

    /**
     * Parses the body, the one time our code parses it, and checks the message. On the legacy {@code /message}
     * endpoint a request's answer would travel on the SSE stream, so a refusal there is an HTTP 400 instead.
     *
     * @param session the session the message names (null if none): a response is taken only from a session the
     *        server awaits an answer from
     */
    Verdict inspect(String text, boolean legacyEndpoint, String session) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (StreamConstraintsException e) {
            return new Verdict(new Refusal(400, JsonRpcErrors.PARSE_ERROR,
                    "Parse error: the JSON is nested too deeply (the limit is " + MAX_NESTING + " levels)"), null);
        } catch (JacksonException | IllegalArgumentException e) {
            return new Verdict(new Refusal(400, JsonRpcErrors.PARSE_ERROR,
                    "Parse error: the body is not valid JSON"), null);
        }
        return new Verdict(check(message, legacyEndpoint, answers.awaits(session)), message);
    }

    private Refusal check(JsonNode message, boolean legacyEndpoint, boolean answerAwaited) {
        if (message == null || message.isMissingNode()) {
            return new Refusal(400, JsonRpcErrors.PARSE_ERROR, "Parse error: the body is empty");
        }
        if (!message.isObject()) {
            return new Refusal(400, JsonRpcErrors.INVALID_REQUEST,
                    "Invalid Request: the body must be one JSON-RPC message (a JSON object)");
        }
        JsonNode id = message.get("id");
        JsonNode idForAnswer = id != null && (id.isString() || id.isIntegralNumber()) ? id : null;
        JsonNode version = message.get("jsonrpc");
        if (version == null || !version.isString() || !"2.0".equals(version.asString())) {
            return new Refusal(400, idForAnswer, JsonRpcErrors.INVALID_REQUEST,
                    "Invalid Request: jsonrpc must be \"2.0\"");
        }
        JsonNode method = message.get("method");
        if (method == null) {
            if ((message.has("result") || message.has("error")) && !answerAwaited) {
                return new Refusal(400, JsonRpcErrors.INVALID_REQUEST,
                        "Invalid Request: a response, but this server awaits no answer from this session");
            }
            return null; // the answer to the server's own request (elicitation), or what the SDK refuses itself
        }
        if (id == null || !method.isString()) {
            return null; // notifications are accepted or dropped; a non-text method is "method not found"
        }
        int status = legacyEndpoint ? 400 : 200;
        JsonNode params = message.get("params");
        boolean noParams = params == null || params.isNull();
        if (!noParams && !params.isObject()) {
            return new Refusal(status, idForAnswer, JsonRpcErrors.INVALID_PARAMS,
                    "Invalid params: params must be a JSON object");
        }
        String name = method.asString();
        if (noParams && NEED_PARAMS.contains(name)) {
            return new Refusal(status, idForAnswer, JsonRpcErrors.INVALID_PARAMS,
                    "Invalid params: " + name + " needs a params object");
        }
        if ("tools/call".equals(name)) {
            JsonNode tool = params.get("name");
            if (tool == null || !tool.isString()) {
                return new Refusal(status, idForAnswer, JsonRpcErrors.INVALID_PARAMS,
                        "Invalid params: params.name must be the name of a tool (text)");
            }
            if (!tools.contains(tool.asString())) {
                return new Refusal(status, idForAnswer, JsonRpcErrors.INVALID_PARAMS, "Unknown tool: "
                        + printable(tool.asString()) + " (this server's tools: " + String.join(", ", new TreeSet<>(tools))
                        + ")");
            }
            JsonNode arguments = params.get("arguments");
            if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
                return new Refusal(status, idForAnswer, JsonRpcErrors.INVALID_PARAMS,
                        "Invalid params: params.arguments must be a JSON object of named arguments");
            }
        }
        return null;
    }

    /** A client's text as it can be shown back: at most 100 characters, controls replaced. */
    private static String printable(String text) {
        String cut = text.length() > 100 ? text.substring(0, 100) + "..." : text;
        return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    /** The Streamable HTTP transport answers with JSON or an event stream; a client must take both. */
    static boolean acceptsJsonAndEvents(String accept) {
        if (accept == null) {
            return false;
        }
        String lower = accept.toLowerCase(Locale.ROOT);
        return lower.contains("application/json") && lower.contains("text/event-stream");
    }

    /** Whether the body is declared JSON; any other is left to the transport, which answers it itself. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType).strip();
        return type.toLowerCase(Locale.ROOT).equals("application/json");
    }
}
