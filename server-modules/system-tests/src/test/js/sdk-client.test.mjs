// The TypeScript SDK's client against our Java servers, over Streamable HTTP and the legacy HTTP+SSE transport.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { authorization, url } from './servers.mjs';

const streamable = () => new StreamableHTTPClientTransport(url('author'), { requestInit: { headers: authorization } });

async function connected(transport) {
  const client = new Client({ name: 'ts-sdk-e2e', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

const json = (result) => JSON.parse(result.content[0].text);

test('streamable HTTP: lists the author tools with schemas and annotations', async () => {
  const client = await connected(streamable());
  try {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), ['create_author', 'get_author', 'list_authors', 'update_author']);
    const get = tools.find((t) => t.name === 'get_author');
    assert.deepEqual(get.inputSchema.required, ['author_id']);
    assert.equal(get.annotations.readOnlyHint, true);
    assert.equal(client.getServerVersion().name, 'author');
  } finally {
    await client.close();
  }
});

test('streamable HTTP: calls tools and gets JSON text plus structured content', async () => {
  const client = await connected(streamable());
  try {
    const name = `TS client ${Date.now()}`;
    const created = await client.callTool({ name: 'create_author', arguments: { name, birth_year: 1950 } });
    assert.equal(created.isError, false);
    assert.equal(json(created).name, name);
    assert.equal(created.structuredContent.birth_year, 1950);
    const fetched = await client.callTool({ name: 'get_author', arguments: { author_id: created.structuredContent.id } });
    assert.equal(fetched.structuredContent.name, name);
  } finally {
    await client.close();
  }
});

test('streamable HTTP: tool errors are isError results that name the problem', async () => {
  const client = await connected(streamable());
  try {
    const missing = await client.callTool({ name: 'get_author', arguments: { author_id: 987654321 } });
    assert.equal(missing.isError, true);
    assert.match(missing.content[0].text, /author 987654321 does not exist/);
    const invalid = await client.callTool({ name: 'create_author', arguments: { name: 'x', birth_year: 'soon' } });
    assert.equal(invalid.isError, true);
    assert.match(invalid.content[0].text, /birth_year/);
    await assert.rejects(client.callTool({ name: 'create_book', arguments: {} }), /-32602|Unknown tool/);
  } finally {
    await client.close();
  }
});

test('streamable HTTP: a terminated session is gone', async () => {
  const transport = streamable();
  const client = await connected(transport);
  const sessionId = transport.sessionId;
  assert.ok(sessionId);
  await transport.terminateSession();
  await client.close();
  const response = await fetch(url('author'), {
    method: 'POST',
    headers: { ...authorization, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream',
      'Mcp-Session-Id': sessionId, 'MCP-Protocol-Version': '2025-11-25' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/list' }),
  });
  assert.equal(response.status, 404);
  const body = await response.json();
  assert.equal(body.jsonrpc, '2.0');
  assert.ok(body.error.message);
});

test('legacy HTTP+SSE: lists and calls tools as older clients do', async () => {
  const transport = new SSEClientTransport(url('author', '/sse'), {
    requestInit: { headers: authorization },
    eventSourceInit: { fetch: (u, init) => fetch(u, { ...init, headers: { ...init?.headers, ...authorization } }) },
  });
  const client = await connected(transport);
  try {
    const { tools } = await client.listTools();
    assert.equal(tools.length, 4);
    const listed = await client.callTool({ name: 'list_authors', arguments: {} });
    assert.equal(listed.isError, false);
    assert.ok(Array.isArray(listed.structuredContent.authors));
    const bad = await client.callTool({ name: 'get_author', arguments: {} });
    assert.equal(bad.isError, true);
    assert.match(bad.content[0].text, /author_id/);
  } finally {
    await client.close();
  }
});

test('without the bearer token the client is refused', async () => {
  const client = new Client({ name: 'intruder', version: '1.0.0' });
  await assert.rejects(client.connect(new StreamableHTTPClientTransport(url('author'))), /401|Unauthorized/);
});
