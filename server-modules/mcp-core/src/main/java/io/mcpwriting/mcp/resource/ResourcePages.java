package io.mcpwriting.mcp.resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code resources/list} of one server: its fixed resources and the records of its templates that have a
 * {@link ResourceList} method, in the order the server lists its resources ({@code mcp.server.resources}), a page
 * at a time. A page fills from the template the cursor points into, then from the following ones; each template
 * is asked for one entry more than still fits, so that {@link Page#nextCursor()} is set only when more remain. So a
 * page costs at most one short keyset query per listed template, whatever the page's position.
 */
public final class ResourcePages {

    public static final int MAX_PAGE_SIZE = 1000;

    /** A concrete resource as {@code resources/list} describes it. */
    public record Listed(String uri, String name, String title, String description, String mimeType, Long size) {
    }

    /** One page, and the cursor of the next (null on the last). */
    public record Page(List<Listed> resources, String nextCursor) {
    }

    /** A listed template (with its lister) or a fixed resource (without: one entry, keyed by its name). */
    private record Source(ResourceDefinition def, ResourceListerDefinition lister) {

        List<ResourceEntry> entries(String after, int limit) throws Throwable {
            if (lister == null) {
                return after == null ? List.of(new ResourceEntry(def.name(), def.name(), def.resource().title(), null,
                        null)) : List.of();
            }
            return lister.list(after, limit);
        }

        Listed listed(ResourceEntry e) {
            String uri = lister == null ? def.uri().template()
                    : def.uri().expand(Map.of(def.uri().variables().get(0), e.key()));
            // the protocol requires a name: a record without one (an empty title) goes by its template and key
            String name = e.name() == null || e.name().isBlank() ? def.name() + "-" + e.key() : e.name();
            return new Listed(uri, name, e.title(), lister == null ? def.resource().description() : null,
                    e.mimeType() == null ? def.mimeType() : e.mimeType(), e.size());
        }
    }

    private final List<Source> sources;
    private final int pageSize;

    private ResourcePages(List<Source> sources, int pageSize) {
        this.sources = sources;
        this.pageSize = pageSize;
    }

    /**
     * The listing of the {@code served} resources, in their order: the fixed ones, and the templates that have a
     * lister in {@code listers} (by template name; others are left out: they are reached by resources/read).
     */
    public static ResourcePages of(List<ResourceDefinition> served, Map<String, ResourceListerDefinition> listers,
            int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("the resources/list page size must be 1 to " + MAX_PAGE_SIZE
                    + ", not " + pageSize);
        }
        List<Source> sources = new ArrayList<>();
        for (ResourceDefinition def : served) {
            ResourceListerDefinition lister = listers.get(def.name());
            int variables = def.uri().variables().size();
            if (lister != null && variables != 1) {
                throw new IllegalStateException("resource " + def.name() + " has a lister, so its template needs exactly "
                        + "one variable (the entries' key), not " + variables);
            }
            if (variables == 0 || lister != null) {
                sources.add(new Source(def, lister));
            }
        }
        return new ResourcePages(List.copyOf(sources), pageSize);
    }

    /** The names of the listed templates and fixed resources, in listing order. */
    public List<String> listed() {
        return sources.stream().map(s -> s.def().name()).toList();
    }

    /**
     * The page {@code cursor} points to (null: the first). A malformed cursor, or one of a server that lists other
     * templates, is refused with a {@link io.mcpwriting.mcp.tool.ToolException} naming {@code cursor}.
     */
    public Page page(String cursor) {
        int start = 0;
        String after = null;
        if (cursor != null) {
            ListCursor at = ListCursor.decode(cursor);
            if (at.index() >= sources.size() || !sources.get(at.index()).def().name().equals(at.template())) {
                throw ListCursor.malformed();
            }
            start = at.index();
            after = at.after();
        }
        List<Listed> page = new ArrayList<>();
        int lastSource = -1;
        String lastKey = null;
        for (int i = start; i < sources.size(); i++) {
            int room = pageSize - page.size();
            Source source = sources.get(i);
            List<ResourceEntry> entries = entries(source, i == start ? after : null, room + 1);
            int taken = Math.min(room, entries.size());
            for (ResourceEntry e : entries.subList(0, taken)) {
                page.add(source.listed(e));
            }
            if (taken > 0) {
                lastSource = i;
                lastKey = entries.get(taken - 1).key();
            }
            if (entries.size() > taken) {
                return new Page(page, new ListCursor(lastSource, sources.get(lastSource).def().name(), lastKey).encode());
            }
        }
        return new Page(page, null);
    }

    private static List<ResourceEntry> entries(Source source, String after, int limit) {
        try {
            return source.entries(after, limit);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
