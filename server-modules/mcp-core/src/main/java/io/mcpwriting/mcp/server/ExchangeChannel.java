package io.mcpwriting.mcp.server;

import io.mcpwriting.mcp.http.AwaitedAnswers;
import io.mcpwriting.mcp.tool.ClientChannel;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The client channel of one call, over the SDK's exchange with its session. */
final class ExchangeChannel implements ClientChannel {

    private static final Logger LOG = Logger.getLogger(ExchangeChannel.class.getName());
    /** How long a confirmation waits for the user before it counts as declined. */
    static final Duration CONFIRM_TIMEOUT = Duration.ofMinutes(5);

    private static final Map<String, Object> CONFIRM_FORM = Map.of(
            "type", "object",
            "properties", Map.of("confirm", Map.of("type", "boolean", "title", "Go ahead",
                    "description", "Tick to go ahead; nothing changes otherwise", "default", false)),
            "required", java.util.List.of("confirm"));

    private final McpSyncServerExchange exchange;
    private final Object progressToken;
    private final String logger;

    private final AwaitedAnswers answers;

    ExchangeChannel(McpSyncServerExchange exchange, Map<String, Object> requestMeta, String logger,
            AwaitedAnswers answers) {
        this.exchange = exchange;
        this.answers = answers;
        this.progressToken = requestMeta == null ? null : requestMeta.get("progressToken");
        this.logger = logger;
    }

    @Override
    public void progress(double done, Double total, String message) {
        if (progressToken == null) {
            return;
        }
        try {
            exchange.progressNotification(new McpSchema.ProgressNotification(progressToken, done, total, message));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "progress not delivered", e); // the client went away; the work goes on
        }
    }

    @Override
    public void log(String level, String message) {
        try {
            exchange.loggingNotification(new McpSchema.LoggingMessageNotification(
                    McpSchema.LoggingLevel.valueOf(level.toUpperCase(Locale.ROOT)), logger, message));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "log message not delivered", e);
        }
    }

    @Override
    public Confirmation confirm(Supplier<String> message) {
        if (!canAsk()) {
            return Confirmation.NOT_ASKED;
        }
        String question = message.get();
        FormAnswer answer = ask(question, CONFIRM_FORM);
        boolean confirmed = answer != null && "accept".equals(answer.action()) && answer.content() != null
                && Boolean.TRUE.equals(answer.content().get("confirm"));
        return confirmed ? Confirmation.CONFIRMED : Confirmation.DECLINED;
    }

    @Override
    public FormAnswer ask(String message, Map<String, Object> requestedSchema) {
        if (!canAsk()) {
            return null;
        }
        try {
            McpSchema.ElicitResult answer = answers.asking(exchange.sessionId(), () -> exchange.createElicitation(
                    McpSchema.ElicitRequest.builder().message(message).requestedSchema(requestedSchema).build()));
            return new FormAnswer(answer.action().name().toLowerCase(Locale.ROOT), answer.content());
        } catch (RuntimeException e) {
            // no answer within the request timeout, or the client went away: nothing is done unconfirmed
            LOG.log(Level.INFO, "form not answered: " + message, e);
            return new FormAnswer("cancel", null);
        }
    }

    @Override
    public String sample(String prompt, int maxTokens) {
        McpSchema.ClientCapabilities capabilities = exchange.getClientCapabilities();
        if (capabilities == null || capabilities.sampling() == null) {
            return null;
        }
        McpSchema.CreateMessageResult reply = answers.asking(exchange.sessionId(), () -> exchange.createMessage(
                McpSchema.CreateMessageRequest.builder()
                        .messages(List.of(new McpSchema.SamplingMessage(McpSchema.Role.USER,
                                new McpSchema.TextContent(prompt))))
                        .maxTokens(maxTokens).build()));
        return reply.content() instanceof McpSchema.TextContent text ? text.text() : String.valueOf(reply.content());
    }

    private boolean canAsk() {
        return asksForms(exchange.getClientCapabilities());
    }

    /**
     * Whether the client fills in forms (MCP 2025-11-25): {@code elicitation: {}} (the older declaration, form
     * only) or one naming {@code form}; a client naming only {@code url} opens links and is not sent a form.
     */
    static boolean asksForms(McpSchema.ClientCapabilities capabilities) {
        McpSchema.ClientCapabilities.Elicitation elicitation = capabilities == null ? null : capabilities.elicitation();
        return elicitation != null && (elicitation.form() != null || elicitation.url() == null);
    }
}
