// The servers under test: liberty-config/servers.list, narrowed by MCP_SERVERS; and the bearer token they require.
import { readFileSync } from 'node:fs';

const list = process.env.SERVERS_LIST ?? new URL('../../../../../liberty-config/servers.list', import.meta.url).pathname;

export const token = process.env.MCP_AUTH_TOKEN ?? 'system-test-token';

export const servers = Object.fromEntries(
  readFileSync(list, 'utf8').split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([name, port]) => name && !name.startsWith('#') && port)
    .map(([name, port]) => [name, Number(port)]),
);

const selected = (process.env.MCP_SERVERS ?? '').split(',').filter(Boolean);

export const running = selected.length ? selected : Object.keys(servers);

export const url = (server, path = '/mcp') => new URL(`http://localhost:${servers[server]}${path}`);

export const authorization = { Authorization: `Bearer ${token}` };
