package io.mcpwriting.domain.testing;

import io.mcpwriting.mcp.prompt.Completion;
import io.mcpwriting.mcp.prompt.CompletionDefinition;
import io.mcpwriting.mcp.prompt.Prompt;
import io.mcpwriting.mcp.prompt.PromptDefinition;
import io.mcpwriting.mcp.prompt.PromptReply;
import io.mcpwriting.mcp.resource.Resource;
import io.mcpwriting.mcp.resource.ResourceBody;
import io.mcpwriting.mcp.resource.ResourceDefinition;
import io.mcpwriting.mcp.resource.ResourceList;
import io.mcpwriting.mcp.resource.ResourceListerDefinition;
import io.mcpwriting.mcp.resource.ResourcePages;
import io.mcpwriting.mcp.tool.Tool;
import io.mcpwriting.mcp.tool.TestToolDefinitions;
import io.mcpwriting.mcp.tool.ToolDefinition;
import io.mcpwriting.mcp.tool.ToolInvoker;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson3.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Stream;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every tool of the writing domain, called as a server calls it but without Liberty or MCP transport: the
 * arguments are validated against the tool's input schema and bound by mcp-core's {@link ToolInvoker} (so a bad
 * argument fails as it would for a client), the tool runs on beans made by {@link Beans} over {@link DomainDb}'s
 * database, and the answer is its JSON or its error (type and message).
 *
 * <p>The tools are found as the server's catalog finds them: the {@link Tool} methods of the domain's classes; so
 * are its resource templates, prompts and completions, read through mcp-core's definitions as the server reads
 * them. Files the tools write (manuscript exports, backups) go to a temporary directory of the run.
 */
public final class DomainTools {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static DomainTools instance;

    private final Beans beans;
    private final Map<String, ToolDefinition> tools = new TreeMap<>();
    private final Map<String, ResourceDefinition> resources = new TreeMap<>();
    private final Map<String, ResourceListerDefinition> listers = new TreeMap<>();
    private final Map<String, PromptDefinition> prompts = new TreeMap<>();
    private final Map<String, CompletionDefinition> completions = new TreeMap<>();
    private final ToolInvoker invoker = new ToolInvoker(new JacksonMcpJsonMapper(MAPPER),
            new DefaultJsonSchemaValidator(), (tool, nanos, failure, message) -> { });
    private final Path files;
    /** Per tool, the outcomes its calls had in this run: ok, or the error type. */
    private final Map<String, Set<String>> outcomes = new ConcurrentSkipListMap<>();
    /** Per tool, the calls made and the milliseconds they took. */
    private final Map<String, long[]> timings = new ConcurrentSkipListMap<>();

    private DomainTools() {
        try {
            files = Files.createTempDirectory("domain-tests-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DomainDb.Place db = DomainDb.get().place;
        beans = new Beans(DomainDb.get().db(), Map.of(
                "mcp.export.dir", files.resolve("exports").toString(),
                "mcp.backup.dir", files.resolve("backups").toString(),
                "mcp.backup.db.host", db.host(),
                "mcp.backup.db.port", String.valueOf(db.port()),
                "mcp.backup.db.name", db.name(),
                "mcp.backup.db.user", db.owner(),
                "mcp.backup.db.password", db.ownerPassword(),
                "mcp.backup.timeout.seconds", "120"));
        for (Class<?> type : domainClasses()) {
            for (Method method : type.getMethods()) {
                if (method.isAnnotationPresent(Tool.class)) {
                    ToolDefinition def = TestToolDefinitions.of(beans.get(type), method);
                    once("tool", tools.put(def.name(), def), def.name());
                }
                if (method.isAnnotationPresent(Resource.class)) {
                    ResourceDefinition def = ResourceDefinition.of(beans.get(type), method);
                    once("resource", resources.put(def.name(), def), def.name());
                }
                if (method.isAnnotationPresent(ResourceList.class)) {
                    ResourceListerDefinition def = ResourceListerDefinition.of(beans.get(type), method);
                    once("resource list", listers.put(def.resource(), def), def.resource());
                }
                if (method.isAnnotationPresent(Prompt.class)) {
                    PromptDefinition def = PromptDefinition.of(beans.get(type), method);
                    once("prompt", prompts.put(def.name(), def), def.name());
                }
                if (method.isAnnotationPresent(Completion.class)) {
                    CompletionDefinition def = CompletionDefinition.of(beans.get(type), method);
                    once("completion", completions.put(def.argument(), def), def.argument());
                }
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            writeCoverage();
            deleteFiles();
        }));
    }

    public static synchronized DomainTools get() {
        if (instance == null) {
            instance = new DomainTools();
        }
        return instance;
    }

    /** Every tool, by name. */
    public Map<String, ToolDefinition> all() {
        return tools;
    }

    private static void once(String kind, Object previous, String name) {
        if (previous != null) {
            throw new IllegalStateException(kind + " " + name + " is declared twice");
        }
    }

    /** Every resource template, prompt and completed argument, by name. */
    public Map<String, ResourceDefinition> resources() {
        return resources;
    }

    /** How the templates list their resources, by template name. */
    public Map<String, ResourceListerDefinition> listers() {
        return listers;
    }

    /** One template's entries after {@code after} (null: from the first), as resources/list asks for them. */
    public List<io.mcpwriting.mcp.resource.ResourceEntry> list(String template, String after, int limit) {
        ResourceListerDefinition def = listers.get(template);
        if (def == null) {
            throw new IllegalArgumentException("no resource list for " + template);
        }
        return rethrown(() -> def.list(after, limit));
    }

    /** resources/list of a server serving {@code templates} in this order, {@code pageSize} to a page. */
    public ResourcePages pages(int pageSize, String... templates) {
        return ResourcePages.of(java.util.Arrays.stream(templates).map(name -> {
            ResourceDefinition def = resources.get(name);
            if (def == null) {
                throw new IllegalArgumentException("no resource template named " + name);
            }
            return def;
        }).toList(), listers, pageSize);
    }

    public Map<String, PromptDefinition> prompts() {
        return prompts;
    }

    public Map<String, CompletionDefinition> completions() {
        return completions;
    }

    /**
     * Reads a resource as resources/read does: the template matching {@code uri}, its variables bound as
     * arguments. A failure is thrown as the server would answer it ({@code ToolException} for the client's errors).
     */
    public ResourceBody read(String uri) {
        for (ResourceDefinition def : resources.values()) {
            if (def.uri().match(uri) != null) {
                return rethrown(() -> def.read(uri));
            }
        }
        throw new IllegalArgumentException("no resource template matches " + uri);
    }

    /** Gets a prompt as prompts/get does, with the arguments' text. */
    public PromptReply prompt(String name, Map<String, String> arguments) {
        PromptDefinition def = prompts.get(name);
        if (def == null) {
            throw new IllegalArgumentException("no prompt named " + name);
        }
        return rethrown(() -> def.get(arguments));
    }

    /** Completes an argument as completion/complete does: the values sent. */
    public List<String> complete(String argument, String prefix, Map<String, String> context) {
        return completed(argument, prefix, context).values();
    }

    /** Completes an argument as completion/complete does: the values sent and whether there are more. */
    public CompletionDefinition.Completed completed(String argument, String prefix, Map<String, String> context) {
        CompletionDefinition def = completions.get(argument);
        if (def == null) {
            throw new IllegalArgumentException("no completion for " + argument);
        }
        return rethrown(() -> def.complete(prefix, context));
    }

    private interface Call<T> {
        T run() throws Throwable;
    }

    private static <T> T rethrown(Call<T> call) {
        try {
            return call.run();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The run's instance of a domain class, as the tools use it. */
    public <T> T bean(Class<T> type) {
        return beans.get(type);
    }

    /** Where the tools write files in this run. */
    public Path files() {
        return files;
    }

    /** Calls {@code tool} with arguments given as a JSON object's text. */
    public ToolReply call(String tool, String jsonArguments) {
        return call(tool, MAPPER.readValue(jsonArguments, new TypeReference<Map<String, Object>>() {
        }));
    }

    /** Calls {@code tool} with the arguments a client would send (JSON values: maps, lists, numbers, text). */
    public ToolReply call(String tool, Map<String, Object> arguments) {
        ToolDefinition def = tools.get(tool);
        if (def == null) {
            throw new IllegalArgumentException("no tool named " + tool);
        }
        // through JSON and back, as a client's arguments arrive (numbers as the JSON parser reads them)
        Map<String, Object> sent = MAPPER.readValue(MAPPER.writeValueAsString(arguments),
                new TypeReference<Map<String, Object>>() {
                });
        long start = System.nanoTime();
        ToolReply reply = ToolReply.of(tool, invoker.call(def, new McpSchema.CallToolRequest(tool, sent)));
        long[] timing = timings.computeIfAbsent(tool, t -> new long[2]);
        synchronized (timing) {
            timing[0]++;
            timing[1] += (System.nanoTime() - start) / 1_000_000;
        }
        outcomes.computeIfAbsent(tool, t -> new ConcurrentSkipListSet<>())
                .add(reply.isError() ? reply.errorType() : "ok");
        return reply;
    }

    /**
     * Which tools the run called, with which outcomes (ok, validation, not_found, ...), and which it never called:
     * written to target/domain-tool-coverage.txt when the test JVM ends.
     */
    private void writeCoverage() {
        StringBuilder text = new StringBuilder("# tool -> outcomes of its calls in this test run (calls, time)\n");
        int happy = 0;
        int failing = 0;
        for (String tool : tools.keySet()) {
            Set<String> seen = outcomes.getOrDefault(tool, Set.of());
            happy += seen.contains("ok") ? 1 : 0;
            failing += seen.stream().anyMatch(o -> !o.equals("ok") && !o.equals("internal")) ? 1 : 0;
            long[] timing = timings.getOrDefault(tool, new long[2]);
            text.append(tool).append(" -> ").append(seen.isEmpty() ? "NOT CALLED" : String.join(", ", seen))
                    .append(" (").append(timing[0]).append(" calls, ").append(timing[1]).append(" ms)\n");
        }
        text.insert(0, "# " + tools.size() + " tools; " + happy + " called successfully; " + failing
                + " with an error path (validation, not_found, conflict)\n");
        try {
            Path target = Path.of("target");
            if (Files.isDirectory(target)) {
                Files.writeString(target.resolve("domain-tool-coverage.txt"), text);
            }
        } catch (IOException e) {
            // a report only; the tests' results stand without it
        }
    }

    /** The files the tools wrote in this run (exports, backups) go with it. */
    private void deleteFiles() {
        try (Stream<Path> paths = Files.walk(files)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the system cleans it up in the end
        }
    }

    /** The classes of the writing domain (its main classes, not the tests'). */
    private static List<Class<?>> domainClasses() {
        Path root;
        try {
            root = Path.of(io.mcpwriting.domain.Checks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path domain = root.resolve("io/mcpwriting/domain");
        try (Stream<Path> paths = Files.walk(domain)) {
            return paths.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$"))
                    .map(p -> root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), ".")
                            .replaceAll("\\.class$", ""))
                    .sorted()
                    .<Class<?>>map(DomainTools::load)
                    .filter(c -> !c.isInterface() && !Modifier.isAbstract(c.getModifiers()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, DomainTools.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
