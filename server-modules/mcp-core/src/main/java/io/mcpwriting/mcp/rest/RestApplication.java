package io.mcpwriting.mcp.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Plain REST endpoints beside MCP ({@code /info}). */
@ApplicationPath("/")
public class RestApplication extends Application {
}
