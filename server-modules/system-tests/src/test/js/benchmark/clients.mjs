// The clients the benchmark drives: the official TypeScript SDK client (what Claude Desktop, Claude Code and
// the Inspector run) over Streamable HTTP or legacy SSE, and a lean wire-level Streamable HTTP client that
// costs the load generator as little as possible. Each opens one MCP session to one server.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';

const PROTOCOL = '2025-11-25';

/** Opens a session; returns { call(tool, args) -> { isError, structured }, close() }. */
export async function openSession(kind, transport, baseUrl, headers) {
  if (kind === 'sdk') return sdkSession(transport, baseUrl, headers);
  if (kind === 'wire' && transport === 'streamable') return wireSession(baseUrl, headers);
  throw new Error(`no ${kind} client over ${transport}`);
}

async function sdkSession(transport, baseUrl, headers) {
  const client = new Client({ name: 'mcp-writing-benchmark', version: '1.0.0' });
  const t = transport === 'sse'
    ? new SSEClientTransport(new URL('/sse', baseUrl), { requestInit: { headers }, eventSourceInit: { fetch: withHeaders(headers) } })
    : new StreamableHTTPClientTransport(new URL('/mcp', baseUrl), { requestInit: { headers } });
  await client.connect(t);
  return {
    async call(name, args) {
      const r = await client.callTool({ name, arguments: args });
      return { isError: r.isError === true, structured: r.structuredContent, text: r.content?.[0]?.text };
    },
    close: () => client.close(),
  };
}

const withHeaders = (headers) => (url, init) => fetch(url, { ...init, headers: { ...init?.headers, ...headers } });

async function wireSession(baseUrl, headers) {
  const endpoint = new URL('/mcp', baseUrl);
  const base = { ...headers, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' };
  let id = 0;
  const init = await post(endpoint, base, {
    jsonrpc: '2.0', id: ++id, method: 'initialize',
    params: { protocolVersion: PROTOCOL, capabilities: {}, clientInfo: { name: 'mcp-writing-benchmark-wire', version: '1.0.0' } },
  });
  const session = init.response.headers.get('mcp-session-id');
  const version = init.message.result.protocolVersion;
  const sessionHeaders = { ...base, 'Mcp-Session-Id': session, 'MCP-Protocol-Version': version };
  await post(endpoint, sessionHeaders, { jsonrpc: '2.0', method: 'notifications/initialized' });
  return {
    async call(name, args) {
      const { message } = await post(endpoint, sessionHeaders, { jsonrpc: '2.0', id: ++id, method: 'tools/call', params: { name, arguments: args } });
      if (message.error) throw new Error(message.error.message);
      const r = message.result;
      return { isError: r.isError === true, structured: r.structuredContent, text: r.content?.[0]?.text };
    },
    close: () => fetch(endpoint, { method: 'DELETE', headers: sessionHeaders }).then((r) => r.arrayBuffer()),
  };
}

async function post(endpoint, headers, body) {
  const response = await fetch(endpoint, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await response.text();
  if (response.status >= 400) throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`);
  if (!('id' in body)) return { response };
  const type = response.headers.get('content-type') ?? '';
  const json = type.startsWith('text/event-stream')
    ? text.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).filter(Boolean).at(-1)
    : text;
  return { response, message: JSON.parse(json) };
}
