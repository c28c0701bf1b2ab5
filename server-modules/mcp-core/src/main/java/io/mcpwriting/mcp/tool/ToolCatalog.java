package io.mcpwriting.mcp.tool;

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
 * Every {@link Tool} method of the application's CDI beans, by name. A server serves the subset it lists;
 * a listed name that no bean declares, or a name declared twice, stops the application from starting.
 */
@ApplicationScoped
public class ToolCatalog {

    @Inject
    BeanManager beanManager;

    private Map<String, ToolDefinition> all;

    public synchronized Map<String, ToolDefinition> all() {
        if (all == null) {
            all = discover();
        }
        return all;
    }

    /** The definitions of the listed tools, in the listed order. */
    public List<ToolDefinition> select(List<String> names) {
        Map<String, ToolDefinition> known = all();
        List<ToolDefinition> selected = new ArrayList<>();
        for (String name : names) {
            ToolDefinition def = known.get(name);
            if (def == null) {
                throw new IllegalStateException("server lists tool '" + name + "' but no bean declares it");
            }
            selected.add(def);
        }
        return selected;
    }

    private Map<String, ToolDefinition> discover() {
        Map<String, ToolDefinition> found = new TreeMap<>();
        for (Bean<?> bean : beanManager.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            if (!type.getName().startsWith("io.mcpwriting.")) {
                continue;
            }
            Object reference = null;
            for (Method method : type.getMethods()) {
                if (!method.isAnnotationPresent(Tool.class)) {
                    continue;
                }
                if (reference == null) {
                    reference = beanManager.getReference(bean, type, beanManager.createCreationalContext(bean));
                }
                ToolDefinition def = ToolDefinition.of(reference, method);
                if (found.put(def.name(), def) != null) {
                    throw new IllegalStateException("tool '" + def.name() + "' is declared twice");
                }
            }
        }
        return found;
    }
}
