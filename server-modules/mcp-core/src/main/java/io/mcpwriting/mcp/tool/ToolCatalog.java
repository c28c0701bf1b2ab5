package io.mcpwriting.mcp.tool;

import io.mcpwriting.mcp.prompt.Completion;
import io.mcpwriting.mcp.prompt.CompletionDefinition;
import io.mcpwriting.mcp.prompt.Prompt;
import io.mcpwriting.mcp.prompt.PromptDefinition;
import io.mcpwriting.mcp.resource.Resource;
import io.mcpwriting.mcp.resource.ResourceDefinition;
import io.mcpwriting.mcp.resource.ResourceList;
import io.mcpwriting.mcp.resource.ResourceListerDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every {@link Tool}, {@link Resource}, {@link ResourceList}, {@link Prompt} and {@link Completion} method of the
 * application's CDI beans, by name. A server serves the subset it lists; a listed name that no bean declares, a name
 * declared twice, or a resource list of a template no bean declares, stops the application from starting.
 */
@ApplicationScoped
public class ToolCatalog {

    @Inject
    BeanManager beanManager;

    private final Map<String, ToolDefinition> tools = new TreeMap<>();
    private final Map<String, ResourceDefinition> resources = new TreeMap<>();
    private final Map<String, ResourceListerDefinition> listers = new TreeMap<>();
    private final Map<String, PromptDefinition> prompts = new TreeMap<>();
    private final Map<String, CompletionDefinition> completions = new TreeMap<>();
    private boolean discovered;

    public Map<String, ToolDefinition> all() {
        discover();
        return tools;
    }

    /** The definitions of the listed tools, in the listed order. */
    public List<ToolDefinition> select(List<String> names) {
        return selected("tool", all(), names);
    }

    /** The listed resource templates, in the listed order. */
    public List<ResourceDefinition> selectResources(List<String> names) {
        discover();
        return selected("resource", resources, names);
    }

    /** How the templates that list their resources do so, by template name. */
    public Map<String, ResourceListerDefinition> resourceListers() {
        discover();
        return listers;
    }

    /** The listed prompts, in the listed order. */
    public List<PromptDefinition> selectPrompts(List<String> names) {
        discover();
        return selected("prompt", prompts, names);
    }

    /** How each argument name is completed, wherever it appears. */
    public Map<String, CompletionDefinition> completions() {
        discover();
        return completions;
    }

    private static <T> List<T> selected(String kind, Map<String, T> known, List<String> names) {
        List<T> selected = new ArrayList<>();
        for (String name : names) {
            T def = known.get(name);
            if (def == null) {
                throw new IllegalStateException("server lists " + kind + " '" + name + "' but no bean declares it");
            }
            selected.add(def);
        }
        return selected;
    }

    private synchronized void discover() {
        if (discovered) {
            return;
        }
        for (Bean<?> bean : beanManager.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            if (!type.getName().startsWith("io.mcpwriting.")) {
                continue;
            }
            Object reference = null;
            for (Method method : type.getMethods()) {
                boolean tool = method.isAnnotationPresent(Tool.class);
                boolean resource = method.isAnnotationPresent(Resource.class);
                boolean lister = method.isAnnotationPresent(ResourceList.class);
                boolean prompt = method.isAnnotationPresent(Prompt.class);
                boolean completion = method.isAnnotationPresent(Completion.class);
                if (!(tool || resource || lister || prompt || completion)) {
                    continue;
                }
                if (reference == null) {
                    reference = beanManager.getReference(bean, type, beanManager.createCreationalContext(bean));
                }
                if (tool) {
                    ToolDefinition def = ToolDefinition.of(reference, method);
                    once("tool", tools.put(def.name(), def), def.name());
                }
                if (resource) {
                    ResourceDefinition def = ResourceDefinition.of(reference, method);
                    once("resource", resources.put(def.name(), def), def.name());
                }
                if (lister) {
                    ResourceListerDefinition def = ResourceListerDefinition.of(reference, method);
                    once("resource list", listers.put(def.resource(), def), def.resource());
                }
                if (prompt) {
                    PromptDefinition def = PromptDefinition.of(reference, method);
                    once("prompt", prompts.put(def.name(), def), def.name());
                }
                if (completion) {
                    CompletionDefinition def = CompletionDefinition.of(reference, method);
                    once("completion", completions.put(def.argument(), def), def.argument());
                }
            }
        }
        for (String listed : listers.keySet()) {
            if (!resources.containsKey(listed)) {
                throw new IllegalStateException("a resource list names template '" + listed + "' but no bean declares it");
            }
        }
        discovered = true;
    }

    private static void once(String kind, Object previous, String name) {
        if (previous != null) {
            throw new IllegalStateException(kind + " '" + name + "' is declared twice");
        }
    }
}
