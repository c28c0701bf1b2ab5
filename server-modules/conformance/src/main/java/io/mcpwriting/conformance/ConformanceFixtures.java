package io.mcpwriting.conformance;

import io.mcpwriting.mcp.prompt.Completion;
import io.mcpwriting.mcp.prompt.Prompt;
import io.mcpwriting.mcp.prompt.PromptReply;
import io.mcpwriting.mcp.resource.Resource;
import io.mcpwriting.mcp.resource.ResourceBody;
import io.mcpwriting.mcp.tool.Arg;
import io.mcpwriting.mcp.tool.ClientChannel;
import io.mcpwriting.mcp.tool.ErrorKind;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.ToolContent;
import io.mcpwriting.mcp.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixtures the official conformance suite's server scenarios call, by the names it uses, written with the
 * same annotations as the writing tools: what passes here passes through the same core.
 */
@ApplicationScoped
public class ConformanceFixtures {

    /** A 1x1 red PNG. */
    static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC";
    /** A WAV header with no samples: the smallest valid audio/wav. */
    static final String WAV = Base64.getEncoder().encodeToString(Wav.silence());

    private static final String JSON_SCHEMA_2020_12 = """
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
             "$defs": {"address": {"type": "object",
                                   "properties": {"street": {"type": "string"}, "city": {"type": "string"}}}},
             "properties": {"name": {"type": "string"}, "address": {"$ref": "#/$defs/address"}},
             "additionalProperties": false}""";

    @Tool(name = "test_simple_text", description = "Returns simple text")
    public ToolContent simpleText() {
        return ToolContent.builder().text("This is a simple text response for testing.").build();
    }

    @Tool(name = "test_image_content", description = "Returns an image")
    public ToolContent imageContent() {
        return ToolContent.builder().image(PNG, "image/png").build();
    }

    @Tool(name = "test_audio_content", description = "Returns audio")
    public ToolContent audioContent() {
        return ToolContent.builder().audio(WAV, "audio/wav").build();
    }

    @Tool(name = "test_embedded_resource", description = "Returns an embedded resource")
    public ToolContent embeddedResource() {
        return ToolContent.builder().resource("test://embedded-resource",
                ResourceBody.text("text/plain", "This is an embedded resource content.")).build();
    }

    @Tool(name = "test_multiple_content_types", description = "Returns text, an image and a resource")
    public ToolContent multipleContentTypes() {
        return ToolContent.builder().text("Multiple content types test:").image(PNG, "image/png")
                .resource("test://mixed-content-resource",
                        ResourceBody.text("application/json", "{\"test\":\"data\",\"value\":123}"))
                .build();
    }

    @Tool(name = "test_tool_with_logging", description = "Logs three messages while it runs")
    public ToolContent toolWithLogging() throws InterruptedException {
        ClientChannel client = ClientChannel.current();
        client.log("info", "Tool execution started");
        Thread.sleep(50);
        client.log("info", "Tool processing data");
        Thread.sleep(50);
        client.log("info", "Tool execution completed");
        return ToolContent.builder().text("Tool with logging executed successfully").build();
    }

    @Tool(name = "test_error_handling", description = "Always fails")
    public ToolContent errorHandling() {
        throw new ToolException(ErrorKind.VALIDATION, "This tool intentionally returns an error for testing");
    }

    @Tool(name = "test_tool_with_progress", description = "Reports progress 0, 50 and 100 of 100")
    public ToolContent toolWithProgress() throws InterruptedException {
        ClientChannel client = ClientChannel.current();
        client.progress(0, 100.0, null);
        Thread.sleep(50);
        client.progress(50, 100.0, null);
        Thread.sleep(50);
        client.progress(100, 100.0, null);
        return ToolContent.builder().text("Tool with progress executed successfully").build();
    }

    @Tool(name = "test_sampling", description = "Asks the client's model")
    public ToolContent sampling(@Arg(value = "prompt", required = true, description = "The prompt") String prompt) {
        String reply = ClientChannel.current().sample(prompt, 100);
        if (reply == null) {
            throw ToolException.invalid("prompt", "the client does not offer sampling");
        }
        return ToolContent.builder().text("LLM response: " + reply).build();
    }

    @Tool(name = "test_elicitation", description = "Asks the user for a name and email")
    public ToolContent elicitation(@Arg(value = "message", required = true, description = "The question") String message) {
        Map<String, Object> schema = Map.of("type", "object",
                "properties", Map.of("username", Map.of("type", "string", "description", "User's response"),
                        "email", Map.of("type", "string", "description", "User's email address")),
                "required", List.of("username", "email"));
        return answered("User response: ", ClientChannel.current().ask(message, schema));
    }

    @Tool(name = "test_elicitation_sep1034_defaults", description = "Asks with a default for every primitive type")
    public ToolContent elicitationDefaults() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("name", Map.of("type", "string", "description", "User name", "default", "John Doe"));
        properties.put("age", Map.of("type", "integer", "description", "User age", "default", 30));
        properties.put("score", Map.of("type", "number", "description", "User score", "default", 95.5));
        properties.put("status", Map.of("type", "string", "description", "User status",
                "enum", List.of("active", "inactive", "pending"), "default", "active"));
        properties.put("verified", Map.of("type", "boolean", "description", "Verification status", "default", true));
        return answered("Elicitation completed: ", ClientChannel.current().ask(
                "Please review and update the form fields with defaults",
                Map.of("type", "object", "properties", properties, "required", List.of())));
    }

    @Tool(name = "test_elicitation_sep1330_enums", description = "Asks with every kind of enum")
    public ToolContent elicitationEnums() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("untitledSingle", Map.of("type", "string", "enum", List.of("option1", "option2", "option3")));
        properties.put("titledSingle", Map.of("type", "string", "oneOf", List.of(
                Map.of("const", "value1", "title", "First Option"), Map.of("const", "value2", "title", "Second Option"),
                Map.of("const", "value3", "title", "Third Option"))));
        properties.put("legacyEnum", Map.of("type", "string", "enum", List.of("opt1", "opt2", "opt3"),
                "enumNames", List.of("Option One", "Option Two", "Option Three")));
        properties.put("untitledMulti", Map.of("type", "array",
                "items", Map.of("type", "string", "enum", List.of("option1", "option2", "option3"))));
        properties.put("titledMulti", Map.of("type", "array", "items", Map.of("anyOf", List.of(
                Map.of("const", "value1", "title", "First Choice"), Map.of("const", "value2", "title", "Second Choice"),
                Map.of("const", "value3", "title", "Third Choice")))));
        return answered("Elicitation completed: ", ClientChannel.current().ask("Choose your options",
                Map.of("type", "object", "properties", properties, "required", List.of())));
    }

    @Tool(name = "json_schema_2020_12_tool", description = "Tool with JSON Schema 2020-12 features",
            inputSchema = JSON_SCHEMA_2020_12)
    public ToolContent jsonSchema202012(@Arg("name") String name, @Arg("address") Map<String, Object> address) {
        return ToolContent.builder().text("name=" + name + ", address=" + address).build();
    }

    @Tool(name = "test_reconnection", description = "Answers after a short pause")
    public ToolContent reconnection() throws InterruptedException {
        Thread.sleep(100);
        return ToolContent.builder().text("Reconnection test completed successfully").build();
    }

    private static ToolContent answered(String prefix, ClientChannel.FormAnswer answer) {
        if (answer == null) {
            throw ToolException.invalid("elicitation", "the client does not offer elicitation");
        }
        return ToolContent.builder().text(prefix + "action=" + answer.action() + ", content=" + answer.content()).build();
    }

    @Resource(uri = "test://static-text", name = "static-text", title = "Static text",
            description = "A fixed text resource", mimeType = "text/plain")
    public ResourceBody staticText() {
        return ResourceBody.text("text/plain", "This is the content of the static text resource.");
    }

    @Resource(uri = "test://static-binary", name = "static-binary", title = "Static binary",
            description = "A fixed binary resource", mimeType = "image/png")
    public ResourceBody staticBinary() {
        return ResourceBody.blob("image/png", Base64.getDecoder().decode(PNG));
    }

    @Resource(uri = "test://watched-resource", name = "watched-resource", title = "Watched",
            description = "A resource to subscribe to", mimeType = "text/plain")
    public ResourceBody watched() {
        return ResourceBody.text("text/plain", "Watched resource content");
    }

    @Resource(uri = "test://template/{id}/data", name = "template-data", title = "Template data",
            description = "A resource template")
    public ResourceBody templateData(@Arg(value = "id", required = true, description = "Any id") String id) {
        return ResourceBody.text("application/json",
                "{\"id\":\"" + id.replaceAll("[^A-Za-z0-9_-]", "") + "\",\"templateTest\":true,\"data\":\"Data for ID: "
                        + id.replaceAll("[^A-Za-z0-9_-]", "") + "\"}");
    }

    @Prompt(name = "test_simple_prompt", title = "Simple prompt", description = "A prompt without arguments")
    public PromptReply simplePrompt() {
        return PromptReply.builder(null).user("This is a simple prompt for testing.").build();
    }

    @Prompt(name = "test_prompt_with_arguments", title = "Prompt with arguments", description = "A prompt with two arguments")
    public PromptReply promptWithArguments(
            @Arg(value = "arg1", required = true, description = "First test argument") String arg1,
            @Arg(value = "arg2", required = true, description = "Second test argument") String arg2) {
        return PromptReply.builder(null).user("Prompt with arguments: arg1='" + arg1 + "', arg2='" + arg2 + "'").build();
    }

    @Prompt(name = "test_prompt_with_embedded_resource", title = "Prompt with a resource",
            description = "A prompt embedding a resource")
    public PromptReply promptWithEmbeddedResource(
            @Arg(value = "resourceUri", required = true, description = "URI of the resource to embed") String uri) {
        return PromptReply.builder(null)
                .resource(uri, ResourceBody.text("text/plain", "Embedded resource content for testing."))
                .user("Please process the embedded resource above.").build();
    }

    @Prompt(name = "test_prompt_with_image", title = "Prompt with an image", description = "A prompt with an image")
    public PromptReply promptWithImage() {
        return PromptReply.builder(null).image(Base64.getDecoder().decode(PNG), "image/png")
                .user("Please analyze the image above.").build();
    }

    @Completion("arg1")
    public List<String> completeArg1(String prefix, Map<String, String> context) {
        return List.of("paris", "park", "party").stream().filter(v -> v.startsWith(prefix)).toList();
    }
}
