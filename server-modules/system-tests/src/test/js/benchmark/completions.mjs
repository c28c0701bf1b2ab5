// How fast completion/complete answers on a fixture (default: the large one, 300 chapters, 3,000 scenes, 200
// characters), as the TypeScript SDK client meets it: for each completed argument, N requests with prefixes by
// title or name and by id digits, narrowed by context where the argument takes one. Prints p50/p95/p99 in ms.
//   node benchmark/completions.mjs [--fixture=large|standard] [--requests=N]
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { authorization, url } from '../servers.mjs';
import { makeFixture } from './fixture.mjs';

const option = (name, otherwise) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? otherwise;
const fixtureSize = option('fixture', 'large');
const requests = Number(option('requests', 200));

async function connect(server) {
  const client = new Client({ name: 'completion-benchmark', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(url(server), { requestInit: { headers: authorization } }));
  return client;
}

const clients = {};
const session = async (server) => (clients[server] ??= await connect(server));
const call = async (server, tool, args) => {
  const result = await (await session(server)).callTool({ name: tool, arguments: args });
  if (result.isError) throw new Error(`${tool}: ${result.content[0].text}`);
  return result.structuredContent;
};

const started = Date.now();
const fixture = await makeFixture(call, fixtureSize);
console.log(`fixture ${fixtureSize} made in ${((Date.now() - started) / 1000).toFixed(1)} s`);
const seriesId = String(fixture.seriesId ?? fixture.series?.id ?? '');

const cases = [
  ['chapter-planning', { type: 'ref/prompt', name: 'plan_next_chapter' }, 'book_id', ['Book', 'B', '1'], {}],
  ['chapter-planning', { type: 'ref/resource', uri: 'writing://chapters/{chapter_id}' }, 'chapter_id',
    ['Chapter 1', 'chap', '2'], {}],
  ['scene', { type: 'ref/prompt', name: 'draft_scene' }, 'scene_id', ['Scene', 'sc', '3'], {}],
  ['scene', { type: 'ref/resource', uri: 'writing://characters/{character_id}' }, 'character_id',
    ['Character', 'c', '4'], seriesId ? { series_id: seriesId } : {}],
  ['series-planning', { type: 'ref/prompt', name: 'series_bible_summary' }, 'series_id', ['Bench', '1'], {}],
];

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
console.log('| argument | server | requests | values (max) | p50 ms | p95 ms | p99 ms |');
console.log('|---|---|---|---|---|---|---|');
for (const [server, ref, argument, prefixes, context] of cases) {
  const client = await session(server);
  const times = [];
  let most = 0;
  for (let i = 0; i < requests; i++) {
    const t = performance.now();
    const r = await client.complete({ ref, argument: { name: argument, value: prefixes[i % prefixes.length] },
      context: { arguments: context } });
    times.push(performance.now() - t);
    most = Math.max(most, r.completion.values.length);
  }
  times.sort((a, b) => a - b);
  console.log(`| ${argument} | ${server} | ${requests} | ${most} | ${pct(times, 0.5).toFixed(1)} | `
    + `${pct(times, 0.95).toFixed(1)} | ${pct(times, 0.99).toFixed(1)} |`);
}
await Promise.all(Object.values(clients).map((c) => c.close()));
