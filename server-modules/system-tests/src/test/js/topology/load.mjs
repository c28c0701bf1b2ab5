// Load through the load balancer for scripts/topology-check.sh: official TypeScript SDK clients over Streamable HTTP,
// each with its own MCP session to the author server, doing reads (get_author, list_authors) and writes
// (create_author, update_author). A client follows the spec: when the server answers 404 to its session (the
// instance that held it was restarted, or the balancer moved it), it initializes a new session and sends the call
// again. A call fails when it ends in any other error, an isError result, or a wrong answer. Every 5xx the balancer
// answers is counted (tool calls, initializations, the GET streams). A 429 (the session's rate limit) is waited out.
// At the end a sample of the acknowledged writes is read back through the balancer, and all of them are written to
// --writes-out (id, name, last acknowledged bio or \N; tab-separated) for the caller to find in the database.
//   node load.mjs --base https://10.77.0.10:9443 --token T --clients 8 --stop-file F --out figures.json --writes-out W
//   node load.mjs --base https://10.77.0.10:9443 --token T --probe author book-planning
// NODE_EXTRA_CA_CERTS names the balancer's private CA.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { existsSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : dflt; };
const base = opt('base');
const token = opt('token');
const headers = { Authorization: `Bearer ${token}` };
const fiveHundreds = [];

// Counts every 5xx the balancer answers, whatever the request.
const countingFetch = async (url, init) => {
  const response = await fetch(url, init);
  if (response.status >= 500) fiveHundreds.push({ at: new Date().toISOString(), status: response.status, method: init?.method ?? 'GET' });
  return response;
};

async function connect(server) {
  const client = new Client({ name: 'mcp-writing-topology-load', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(`/${server}/mcp`, base), { requestInit: { headers }, fetch: countingFetch });
  client.onerror = () => {}; // the GET stream of a restarted instance ends; the SDK reconnects it or gives up quietly
  await client.connect(transport);
  return client;
}

const is404 = (e) => e instanceof StreamableHTTPError ? e.code === 404 : /\b404\b/.test(String(e?.message ?? e));
const is429 = (e) => e instanceof StreamableHTTPError ? e.code === 429 : /\b429\b|Too many requests/.test(String(e?.message ?? e));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One client: a session that is re-initialized after a 404, as the spec says, and that backs off after a 429. */
class SpecClient {
  constructor(server) { this.server = server; this.client = null; this.reinitialized = 0; this.throttled = 0; }
  async call(name, argsObj) {
    for (let attempt = 0; ; attempt++) {
      try {
        if (!this.client) this.client = await connect(this.server);
        const r = await this.client.callTool({ name, arguments: argsObj });
        if (r.isError) throw new Error(`${name}: ${r.content?.[0]?.text ?? 'isError'}`);
        return r.structuredContent ?? JSON.parse(r.content?.[0]?.text ?? 'null');
      } catch (e) {
        if (is404(e) && attempt < 3) {
          this.client?.close().catch(() => {});
          this.client = null;
          this.reinitialized++;
          continue;
        }
        if (is429(e) && attempt < 5) { // the session's rate limit: the server says retry after a second
          this.throttled++;
          await sleep(1000);
          continue;
        }
        throw e;
      }
    }
  }
  close() { return this.client?.close().catch(() => {}); }
}

/**
 * Legacy SSE through the balancer: `sessions` streams open at once (leastconn spreads them over the instances), then
 * `calls` tool calls on each; every POST /<server>/message?sessionId= must reach the instance holding its stream,
 * else that instance answers 404 and the call fails.
 */
async function legacySseSessions(server, sessions, calls) {
  const withToken = (u, init) => {
    const merged = new Headers(init?.headers); // the SDK may pass a Headers object: spreading it would drop them
    merged.set('Authorization', headers.Authorization);
    return countingFetch(u, { ...init, headers: merged });
  };
  const open = await Promise.all(Array.from({ length: sessions }, async () => {
    const client = new Client({ name: 'mcp-writing-topology-sse', version: '1.0.0' });
    await client.connect(new SSEClientTransport(new URL(`/${server}/sse`, base),
      { requestInit: { headers }, eventSourceInit: { fetch: withToken }, fetch: withToken }));
    return client;
  }));
  try {
    for (let i = 0; i < calls; i++) {
      await Promise.all(open.map(async (client) => {
        const r = await client.callTool({ name: 'list_authors', arguments: { limit: 1 } });
        if (r.isError) throw new Error(`legacy SSE list_authors: ${r.content?.[0]?.text}`);
      }));
    }
  } finally {
    await Promise.all(open.map((client) => client.close().catch(() => {})));
  }
  return `, ${sessions} legacy SSE sessions open at once, ${calls} calls on each`;
}

if (args.includes('--probe')) {
  const servers = args.slice(args.indexOf('--probe') + 1).filter((a) => !a.startsWith('--'));
  for (const server of servers) {
    const client = await connect(server);
    const { tools } = await client.listTools();
    let extra = '';
    if (server === 'author') {
      const a = (await client.callTool({ name: 'create_author', arguments: { name: `Topology probe ${Date.now()}` } })).structuredContent;
      const got = (await client.callTool({ name: 'get_author', arguments: { author_id: a.id } })).structuredContent;
      if (got?.name !== a.name) throw new Error(`author ${a.id} read back as ${JSON.stringify(got)}`);
      extra = `, create_author + get_author (id ${a.id})`;
      extra += await legacySseSessions(server, 6, 3);
    }
    console.log(`${server}: official SDK client initialized on ${base}/${server}/mcp (${client.transport?.sessionId ? "session established" : "NO session id"}), ${tools.length} tools${extra}`);
    await client.close();
  }
  if (fiveHundreds.length) throw new Error(`5xx answers: ${JSON.stringify(fiveHundreds)}`);
  process.exit(0);
}

const clients = Number(opt('clients', '8'));
const stopFile = opt('stop-file');
const out = opt('out');
const stats = { calls: 0, failed: 0, failures: [], reinitialized: 0, latencies: [], perSecond: {} };
const written = new Map(); // author id -> { name, bio } last acknowledged
const started = Date.now();

function record(ms, ok, what, error) {
  stats.calls++;
  stats.latencies.push(ms);
  const sec = Math.floor(Date.now() / 1000);
  const b = (stats.perSecond[sec] ??= { calls: 0, failed: 0, maxMs: 0 });
  b.calls++;
  b.maxMs = Math.max(b.maxMs, ms);
  if (!ok) {
    stats.failed++;
    b.failed++;
    if (stats.failures.length < 50) stats.failures.push({ at: new Date().toISOString(), what, error: String(error?.message ?? error) });
  }
}

async function worker(i) {
  const c = new SpecClient('author');
  const mine = [];
  let n = 0;
  while (!existsSync(stopFile)) {
    n++;
    const kind = mine.length === 0 || n % 4 === 0 ? 'create' : ['get', 'list', 'update'][n % 3];
    const t0 = performance.now();
    try {
      if (kind === 'create') {
        const name = `Topology load ${i}-${n}-${Date.now()}`;
        const a = await c.call('create_author', { name });
        if (!a?.id) throw new Error(`create_author answered ${JSON.stringify(a)}`);
        written.set(a.id, { name, bio: null });
        mine.push(a.id);
      } else if (kind === 'update') {
        const id = mine[n % mine.length];
        const bio = `bio ${i}-${n}`;
        await c.call('update_author', { author_id: id, bio });
        written.get(id).bio = bio;
      } else if (kind === 'get') {
        const id = mine[n % mine.length];
        const a = await c.call('get_author', { author_id: id });
        if (a?.name !== written.get(id).name) throw new Error(`get_author ${id}: ${JSON.stringify(a).slice(0, 200)}`);
      } else {
        await c.call('list_authors', { limit: 20 });
      }
      record(performance.now() - t0, true, kind);
    } catch (e) {
      record(performance.now() - t0, false, kind, e);
    }
  }
  stats.reinitialized += c.reinitialized;
  await c.close();
}

// Read back through the balancer: a sample of the acknowledged writes, spread over the whole run (every write is
// checked in the database by topology-check.sh, from --writes-out).
async function verify() {
  const all = [...written.keys()];
  const step = Math.max(1, Math.floor(all.length / 400));
  const ids = all.filter((_, k) => k % step === 0);
  const missing = [];
  const lanes = Array.from({ length: 4 }, () => new SpecClient('author'));
  await Promise.all(lanes.map(async (c, lane) => {
    for (let k = lane; k < ids.length; k += lanes.length) {
      const want = written.get(ids[k]);
      try {
        const a = await c.call('get_author', { author_id: ids[k] });
        if (a?.name !== want.name || (want.bio !== null && a?.bio !== want.bio)) missing.push({ id: ids[k], want, got: a });
      } catch (e) {
        missing.push({ id: ids[k], want, error: String(e?.message ?? e) });
      }
    }
    await c.close();
  }));
  return { checked: ids.length, missing };
}

const ticker = setInterval(() => {}, 1000);
console.log(`load running: ${clients} official SDK clients on ${base}/author/mcp`);
await Promise.all(Array.from({ length: clients }, (_, i) => worker(i)));
clearInterval(ticker);
const durationS = (Date.now() - started) / 1000;
const writes = [...written.values()];
const writesOut = opt('writes-out');
if (writesOut) {
  writeFileSync(writesOut, [...written].map(([id, w]) => `${id}\t${w.name}\t${w.bio ?? '\\N'}\n`).join(''));
}
const check = await verify();
const sorted = [...stats.latencies].sort((a, b) => a - b);
const pct = (p) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : 0;
const result = {
  clients, durationS, calls: stats.calls, failed: stats.failed, fiveHundreds: fiveHundreds.length,
  reinitialized: stats.reinitialized, acknowledgedWrites: writes.length + writes.filter((w) => w.bio !== null).length,
  authorsWritten: writes.length, writesChecked: check.checked, writesMissing: check.missing.length,
  latencyMs: { p50: +pct(0.5).toFixed(1), p99: +pct(0.99).toFixed(1), max: +(sorted.at(-1) ?? 0).toFixed(1) },
  failures: stats.failures, missing: check.missing.slice(0, 20), fiveHundredSamples: fiveHundreds.slice(0, 20),
  perSecond: stats.perSecond,
};
if (out) writeFileSync(out, JSON.stringify(result, null, 1));
console.log(`load: ${result.calls} calls in ${durationS.toFixed(0)} s by ${clients} clients, ${result.failed} failed, ` +
  `${result.fiveHundreds} 5xx, ${result.reinitialized} re-initializations after a 404; latency p50 ${result.latencyMs.p50} ms, ` +
  `p99 ${result.latencyMs.p99} ms, max ${result.latencyMs.max} ms; acknowledged writes ${result.acknowledgedWrites} ` +
  `(${result.authorsWritten} authors created), ${result.writesMissing} missing of ${result.writesChecked} read back`);
if (result.failed || result.fiveHundreds || result.writesMissing) {
  console.log(JSON.stringify({ failures: result.failures, fiveHundreds: result.fiveHundredSamples, missing: result.missing }, null, 1));
  process.exit(1);
}
process.exit(0);
