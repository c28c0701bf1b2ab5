// scripts/client-config.sh prints configurations that work: every server it names is reached with the URL and
// Authorization header it gives, by the TypeScript SDK client (what Claude Code, Cursor and VS Code run).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { running, servers, token } from './servers.mjs';

const script = new URL('../../../../../scripts/client-config.sh', import.meta.url).pathname;
const config = (client, ...options) => JSON.parse(execFileSync('bash', [script, client, ...options], { encoding: 'utf8' }));

test('the Claude Code configuration names all ten servers and each answers with its own tools', async () => {
  const { mcpServers } = config('claude-code');
  assert.deepEqual(Object.keys(mcpServers).sort(), Object.keys(servers).sort());
  for (const name of running) {
    const entry = mcpServers[name];
    const headers = { Authorization: entry.headers.Authorization.replace('${MCP_AUTH_TOKEN}', token) };
    const client = new Client({ name: 'client-config-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(entry.url), { requestInit: { headers } }));
    try {
      assert.equal(client.getServerVersion().name, name);
      assert.ok((await client.listTools()).tools.length > 0);
    } finally {
      await client.close();
    }
  }
});

test('Claude Desktop gets the bridge form: no space in an argument, the header value in env', () => {
  for (const entry of Object.values(config('claude-desktop').mcpServers)) {
    assert.ok(entry.args.every((a) => !a.includes(' ')), JSON.stringify(entry.args));
    assert.ok(entry.args.includes('Authorization:${AUTH_HEADER}'));
    assert.match(entry.env.AUTH_HEADER, /^Bearer /);
  }
});

test('VS Code asks for the token once, as a password, and Cursor reads it from the environment', () => {
  const vscode = config('vscode');
  assert.equal(vscode.inputs[0].password, true);
  assert.ok(Object.values(vscode.servers).every((s) => s.headers.Authorization === 'Bearer ${input:mcp-writing-token}'));
  assert.ok(Object.values(config('cursor').mcpServers).every((s) => s.headers.Authorization === 'Bearer ${env:MCP_AUTH_TOKEN}'));
});

test('behind the TLS balancer, the mcp-remote bridge trusts the private CA through NODE_EXTRA_CA_CERTS in its env', () => {
  const ca = join(mkdtempSync(join(tmpdir(), 'client-config-')), 'ca.crt');
  writeFileSync(ca, '-----BEGIN CERTIFICATE-----\n');
  const balancer = ['--url', 'https://localhost:8443', '--prefix', '--ca', ca];
  for (const options of [balancer, [...balancer, '--no-token']]) {
    for (const [name, entry] of Object.entries(config('claude-desktop', ...options).mcpServers)) {
      assert.equal(entry.args[2], `https://localhost:8443/${name}/mcp`);
      assert.equal(entry.env.NODE_EXTRA_CA_CERTS, ca, JSON.stringify(entry));
    }
  }
  // a balancer URL that names its port can only take /<server>/mcp paths, with or without --prefix
  for (const [name, entry] of Object.entries(config('claude-desktop', '--url', 'https://localhost:8443').mcpServers)) {
    assert.equal(entry.args[2], `https://localhost:8443/${name}/mcp`);
  }
  // plain HTTP to a server's own port: nothing to trust
  for (const entry of Object.values(config('claude-desktop', '--ca', ca).mcpServers)) {
    assert.equal(entry.env.NODE_EXTRA_CA_CERTS, undefined, JSON.stringify(entry));
  }
});
