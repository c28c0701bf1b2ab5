package io.mcpwriting.mcp.resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A URI template of simple variables ({@code writing://books/{book_id}/manuscript}): its variables and matching. */
public final class UriTemplate {

    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final String template;
    private final List<String> variables = new ArrayList<>();
    private final Pattern pattern;

    public UriTemplate(String template) {
        this.template = template;
        StringBuilder regex = new StringBuilder();
        Matcher m = VARIABLE.matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/?#]+)");
            variables.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        pattern = Pattern.compile(regex.toString());
    }

    public String template() {
        return template;
    }

    public List<String> variables() {
        return variables;
    }

    /** The variables' values in {@code uri}, or null when it does not match. */
    public Map<String, String> match(String uri) {
        Matcher m = pattern.matcher(uri);
        if (!m.matches()) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < variables.size(); i++) {
            values.put(variables.get(i), java.net.URLDecoder.decode(m.group(i + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return values;
    }

    /** The URI with each variable replaced by its value. */
    public String expand(Map<String, ?> values) {
        String uri = template;
        for (String v : variables) {
            uri = uri.replace("{" + v + "}", java.net.URLEncoder.encode(String.valueOf(values.get(v)),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        return uri;
    }
}
