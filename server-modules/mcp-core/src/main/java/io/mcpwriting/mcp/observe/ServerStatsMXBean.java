package io.mcpwriting.mcp.observe;

import java.util.Map;

/** What a JMX console shows of one MCP server ({@code io.mcpwriting:type=McpServer,name=<server>}). */
public interface ServerStatsMXBean {

    String getServerName();

    String getVersion();

    long getUptimeSeconds();

    long getToolCalls();

    long getToolErrors();

    int getActiveSessions();

    double getLatencyP50Millis();

    double getLatencyP95Millis();

    double getLatencyP99Millis();

    Map<String, Long> getCallsByTool();

    Map<String, Long> getErrorsByType();
}
