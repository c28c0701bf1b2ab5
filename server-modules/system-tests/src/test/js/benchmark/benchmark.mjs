// The benchmark as users meet the servers: concurrent MCP sessions from the official TypeScript SDK client (over
// Streamable HTTP and legacy SSE) and from a lean wire-level client, on a fixture of a defined size. Prints, per
// client and transport: throughput, p50/p95/p99 latency, errors, server-side CPU per call by process (Liberty,
// PgBouncer, PostgreSQL) beside the client's own, and each server's memory after the load; then latency per tool.
//
//   node benchmark.mjs [--duration=30] [--warmup=60] [--concurrency=8] [--servers=all|a,b]
//                      [--clients=sdk:streamable,sdk:sse,wire:streamable] [--mix=read|mixed]
//                      [--fixture=standard|large] [--sweep=SECONDS] [--interval=SECONDS]
//
// --sweep runs each growth-sensitive tool alone at the same concurrency for that many seconds (how its cost grows
// with the fixture); --interval prints a line of figures every so many seconds (a soak).
import { spawnSync } from 'node:child_process';
import { makeFixture, SIZES } from './fixture.mjs';
import { openSession } from './clients.mjs';
import { cpuPerCall, cpuSnapshot, findProcesses, memory } from './processes.mjs';
import { servers as ports, authorization } from '../servers.mjs';

const opts = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')).map(([k, v]) => [k, v ?? 'true']));
const duration = Number(opts.duration ?? 30);
const warmup = Number(opts.warmup ?? 60);
const concurrency = Number(opts.concurrency ?? 8);
const interval = Number(opts.interval ?? 0);
const sweep = Number(opts.sweep ?? 0);
const fixtureSize = opts.fixture ?? 'standard';
const mixName = opts.mix ?? 'read';
const configs = (opts.clients ?? 'sdk:streamable,sdk:sse,wire:streamable').split(',').map((c) => c.split(':'));
const wlpServers = process.env.WLP_SERVERS_DIR ?? new URL('../../../../../../target/liberty/wlp/usr/servers', import.meta.url).pathname;
const headers = process.env.MCP_AUTH_TOKEN ? authorization : {};
const base = (server) => `http://localhost:${ports[server]}`;

const pick = (xs) => xs[Math.floor(Math.random() * xs.length)];

// [server, tool, weight, args(fixture)]; the read mix is the one the performance issue measured.
const MIXES = {
  read: [
    ['book-planning', 'get_book', 10, (f) => ({ book_id: pick(f.bookIds), include_chapters: true })],
    ['book-planning', 'list_books', 10, (f) => ({ series_id: f.seriesId, include_stats: true })],
    ['series-planning', 'list_series', 10, () => ({})],
    ['chapter-planning', 'book_list_chapters', 10, (f) => ({ book_id: pick(f.bookIds) })],
    ['character-planning', 'list_characters', 10, (f) => ({ series_id: f.seriesId })],
    ['scene', 'list_scenes', 10, (f) => ({ chapter_id: pick(f.chapterIds) })],
    ['core-continuity', 'get_plot_threads', 10, (f) => ({ series_id: f.seriesId })],
    ['scene', 'get_writing_progress', 10, (f) => ({ book_id: pick(f.bookIds) })],
    ['author', 'list_authors', 10, () => ({ limit: 20 })],
    ['database-admin', 'db_query_records', 10, (f) => ({ table: 'books', where: { series_id: f.seriesId }, limit: 20 })],
  ],
  mixed: [
    ['author', 'get_author', 10, (f) => ({ author_id: f.authorId })],
    ['author', 'update_author', 3, (f) => ({ author_id: f.authorId, bio: `bio ${Date.now()}` })],
    ['book-planning', 'get_book', 12, (f) => ({ book_id: pick(f.bookIds), include_chapters: true })],
    ['book-planning', 'list_books', 8, (f) => ({ series_id: f.seriesId, include_stats: true })],
    ['book-planning', 'update_book', 4, (f) => ({ book_id: pick(f.bookIds), actual_word_count: Math.floor(Math.random() * 100_000) })],
    ['book-planning', 'update_plot_thread', 3, (f) => ({ thread_id: f.threadId, resolution_notes: `note ${Date.now()}` })],
    ['series-planning', 'get_series', 8, (f) => ({ series_id: f.seriesId })],
    ['series-planning', 'get_locations', 4, (f) => ({ series_id: f.seriesId })],
    ['chapter-planning', 'book_get_chapter', 8, (f) => ({ chapter_id: pick(f.chapterIds), include_scenes: true })],
    ['chapter-planning', 'book_update_chapter', 3, (f) => ({ chapter_id: pick(f.chapterIds), writing_notes: `note ${Date.now()}` })],
    ['character-planning', 'list_characters', 6, (f) => ({ series_id: f.seriesId })],
    ['scene', 'list_scenes', 6, (f) => ({ chapter_id: pick(f.chapterIds) })],
    ['scene', 'get_characters_in_chapter', 4, (f) => ({ chapter_id: pick(f.chapterIds) })],
    ['core-continuity', 'get_character', 6, (f) => ({ character_id: pick(f.characterIds) })],
    ['core-continuity', 'get_plot_threads', 4, (f) => ({ series_id: f.seriesId })],
    ['review', 'word_count_tracking', 3, (f) => ({ book_id: pick(f.bookIds) })],
    ['reporting', 'generate_report', 1, (f) => ({ book_id: pick(f.bookIds) })],
    ['database-admin', 'db_query_records', 4, (f) => ({ table: 'books', where: { series_id: f.seriesId }, limit: 20 })],
  ],
};

// The tools whose cost grows with the data, each run alone in --sweep.
const SWEEP = [
  ['book-planning', 'list_books', (f) => ({ series_id: f.seriesId, include_stats: true })],
  ['book-planning', 'get_book', (f) => ({ book_id: pick(f.bookIds), include_chapters: true })],
  ['chapter-planning', 'book_list_chapters', (f) => ({ book_id: pick(f.bookIds), include_stats: true })],
  ['chapter-planning', 'book_get_chapter', (f) => ({ chapter_id: pick(f.chapterIds), include_scenes: true })],
  ['scene', 'list_scenes', (f) => ({ chapter_id: pick(f.chapterIds), include_stats: true })],
  ['character-planning', 'list_characters', (f) => ({ series_id: f.seriesId })],
  ['scene', 'get_writing_progress', (f) => ({ book_id: pick(f.bookIds), time_period: 'all_time', include_analytics: true })],
  ['review', 'get_productivity_analytics', (f) => ({ book_id: pick(f.bookIds), analysis_type: 'daily_patterns' })],
  ['review', 'word_count_tracking', (f) => ({ book_id: pick(f.bookIds), tracking_level: 'detailed' })],
  ['scene', 'check_structure_violations', (f) => ({ book_id: pick(f.bookIds) })],
  ['core-continuity', 'check_character_continuity', (f) => ({ character_id: pick(f.characterIds), from_chapter_id: f.chapterIds[0], to_chapter_id: f.chapterIds.at(-1) })],
  ['review', 'check_world_consistency', (f) => ({ series_id: f.seriesId })],
  ['reporting', 'generate_report', (f) => ({ book_id: pick(f.bookIds) })],
  ['review', 'export_manuscript', (f) => ({ book_id: pick(f.bookIds), export_format: 'md', include_metadata: true })],
];

const mix = MIXES[mixName];
if (!mix) throw new Error(`unknown mix '${mixName}' (${Object.keys(MIXES)})`);
const wanted = opts.servers && opts.servers !== 'all' ? opts.servers.split(',') : Object.keys(ports);
const calls = mix.filter(([s]) => wanted.includes(s));
const driven = [...new Set(calls.map(([s]) => s))];
const totalWeight = calls.reduce((a, c) => a + c[2], 0);
const draw = () => {
  let r = Math.random() * totalWeight;
  for (const c of calls) if ((r -= c[2]) < 0) return c;
  return calls.at(-1);
};

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-');
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : '-');
const mib = (b) => (b / 1048576).toFixed(0);

/** One client per worker and server; runs until `until`, recording what ends after `from`. */
async function drive(kind, transport, from, until, chooser, record) {
  const workers = await Promise.all(Array.from({ length: concurrency }, async () => {
    const sessions = {};
    for (const s of new Set(chooser.servers)) sessions[s] = await openSession(kind, transport, base(s), headers);
    return sessions;
  }));
  await Promise.all(workers.map(async (sessions) => {
    while (performance.now() < until()) {
      const [server, tool, args] = chooser.next();
      const start = performance.now();
      let failed = false;
      let size = 0;
      try {
        const r = await sessions[server].call(tool, args);
        failed = r.isError;
        size = r.text?.length ?? 0;
        if (failed && !drive.reported?.has(tool)) (drive.reported ??= new Set()).add(tool) && console.error(`  ${tool}: ${r.text?.slice(0, 160)}`);
      } catch (e) {
        failed = true;
        if (!drive.reported?.has(tool)) (drive.reported ??= new Set()).add(tool) && console.error(`  ${tool}: ${e.message.slice(0, 160)}`);
      }
      const end = performance.now();
      if (start >= from()) record(server, tool, end - start, failed, size);
    }
  }));
  await Promise.all(workers.flatMap((sessions) => Object.values(sessions).map((s) => s.close().catch(() => {}))));
}

function stats(latencies) {
  const sorted = Float64Array.from(latencies).sort();
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) };
}

async function runConfig(kind, transport, fixture, procs) {
  const label = `${kind === 'sdk' ? 'TS SDK' : 'wire'} / ${transport}`;
  const all = [];
  const byTool = new Map();
  let errors = 0;
  let windowLat = [];
  let windowErr = 0;
  const t0 = performance.now();
  const measureFrom = t0 + warmup * 1000;
  const measureUntil = measureFrom + duration * 1000;
  let before;
  const startTimer = setTimeout(() => { before = cpuSnapshot(procs); }, warmup * 1000);
  const lines = [];
  const ticker = interval > 0 ? setInterval(() => {
    if (performance.now() < measureFrom) return;
    const s = stats(windowLat);
    const mem = Object.values(memory(procs)).reduce((a, m) => a + m.rss, 0);
    const line = `  [${label}] ${((performance.now() - measureFrom) / 1000).toFixed(0)}s: ${(s.n / interval).toFixed(0)} calls/s, ` +
      `p50 ${f1(s.p50)} p95 ${f1(s.p95)} p99 ${f1(s.p99)} ms, ${windowErr} errors, servers' RSS ${mib(mem)} MiB`;
    console.log(line);
    lines.push(line);
    windowLat = [];
    windowErr = 0;
  }, interval * 1000) : null;
  const chooser = { servers: calls.map((c) => c[0]), next: () => { const c = draw(); return [c[0], c[1], c[3](fixture)]; } };
  await drive(kind, transport, () => measureFrom, () => measureUntil, chooser, (server, tool, ms, failed) => {
    all.push(ms);
    windowLat.push(ms);
    const key = `${server}/${tool}`;
    if (!byTool.has(key)) byTool.set(key, []);
    byTool.get(key).push(ms);
    if (failed) { errors++; windowErr++; }
  });
  clearTimeout(startTimer);
  if (ticker) clearInterval(ticker);
  const after = cpuSnapshot(procs);
  const s = stats(all);
  const cpu = cpuPerCall(before, after, s.n);
  return { label, ...s, rate: s.n / duration, errors, cpu, byTool, lines };
}

async function runSweep(fixture, procs) {
  const rows = [];
  for (const [server, tool, args] of SWEEP.filter(([s]) => wanted.includes(s))) {
    const lat = [];
    let errors = 0;
    let bytes = 0;
    let before = null;
    const start = performance.now();
    // a short warm-up (2 s) before the measured window, so that the first compile of the tool is not counted
    await drive('sdk', 'streamable', () => start + 2000, () => start + 2000 + sweep * 1000,
      { servers: [server], next: () => [server, tool, args(fixture)] },
      (_s, _t, ms, failed, size) => {
        before ??= cpuSnapshot(procs);
        lat.push(ms);
        if (failed) errors++;
        bytes = Math.max(bytes, size);
      });
    const s = stats(lat);
    const cpu = cpuPerCall(before, cpuSnapshot(procs), s.n);
    rows.push({ server, tool, ...s, errors, bytes, cpu });
  }
  return rows;
}

function analyze() {
  if (!process.env.BENCHMARK_OWNER_URL) return;
  spawnSync('psql', [process.env.BENCHMARK_OWNER_URL, '-qc', 'SET client_min_messages = error; ANALYZE'], { stdio: 'inherit' });
}

async function main() {
  const procs = findProcesses(wlpServers, driven);
  const missing = driven.filter((s) => !procs.liberty[s]);
  if (missing.length) throw new Error(`servers not running (no pid file in ${wlpServers}/.pid): ${missing}`);
  const setup = {};
  const call = async (server, tool, args) => {
    setup[server] ??= await openSession('sdk', 'streamable', base(server), headers);
    const r = await setup[server].call(tool, args);
    if (r.isError) throw new Error(`fixture: ${tool}: ${r.text}`);
    return r.structured;
  };
  const t = performance.now();
  const fixture = await makeFixture(call, fixtureSize);
  await Promise.all(Object.values(setup).map((s) => s.close()));
  analyze();
  const sz = SIZES[fixtureSize];
  console.log(`MCP benchmark: fixture ${fixtureSize} (${fixture.bookIds.length} books, ${fixture.chapterIds.length} chapters, ` +
    `${fixture.chapterIds.length * sz.scenes} scenes, ${fixture.words.toLocaleString('en')} words, ${sz.characters} characters, ` +
    `${sz.sessions} writing sessions; made in ${((performance.now() - t) / 1000).toFixed(1)} s)`);
  console.log(`  mix '${mixName}' over ${driven.length} servers (${driven.join(', ')}), concurrency ${concurrency}, ` +
    `${warmup} s warm-up + ${duration} s measured per client; CPU per call from /proc, client on the same machine`);

  const results = [];
  for (const [kind, transport] of configs) {
    console.log(`  running ${kind} over ${transport} ...`);
    results.push(await runConfig(kind, transport, fixture, procs));
  }
  const mem = memory(procs);

  console.log('\n| client / transport | calls/s | p50 ms | p95 ms | p99 ms | errors | CPU ms/call: Liberty | PgBouncer | PostgreSQL | servers total | client |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(`| ${r.label} | ${r.rate.toFixed(0)} | ${f1(r.p50)} | ${f1(r.p95)} | ${f1(r.p99)} | ${r.errors} (${f2((100 * r.errors) / Math.max(1, r.n))} %) | ` +
      `${f2(r.cpu.liberty)} | ${f2(r.cpu.pgbouncer)} | ${f2(r.cpu.postgres)} | ${f2(r.cpu.server)} | ${f2(r.cpu.client)} |`);
  }
  const total = Object.values(mem).reduce((a, m) => a + m.rss, 0);
  const totalPss = Object.values(mem).reduce((a, m) => a + m.pss, 0);
  console.log(`\nMemory after load (RSS / PSS MiB): ${Object.entries(mem).map(([s, m]) => `${s} ${mib(m.rss)}/${mib(m.pss)}`).join(', ')}`);
  console.log(`  servers driven together: RSS ${mib(total)} MiB, PSS ${mib(totalPss)} MiB`);
  for (const r of results) {
    console.log(`\nPer tool, ${r.label} (calls, p50, p95, p99 ms):`);
    for (const [key, lat] of [...r.byTool].sort()) {
      const s = stats(lat);
      console.log(`  ${key.padEnd(40)} ${String(s.n).padStart(6)} ${f1(s.p50).padStart(7)} ${f1(s.p95).padStart(7)} ${f1(s.p99).padStart(7)}`);
    }
    console.log(`  Liberty CPU ms/call by server: ${Object.entries(r.cpu.perServer).map(([s, v]) => `${s} ${f2(v)}`).join(', ')}`);
  }
  if (sweep > 0) {
    console.log(`\nEach tool alone, TS SDK / streamable, concurrency ${concurrency}, ${sweep} s, fixture ${fixtureSize}:`);
    console.log('| tool | calls | p50 ms | p95 ms | max ms | errors | result KiB | server CPU ms/call |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const r of await runSweep(fixture, procs)) {
      console.log(`| ${r.server}/${r.tool} | ${r.n} | ${f1(r.p50)} | ${f1(r.p95)} | ${f1(r.max)} | ${r.errors} | ${(r.bytes / 1024).toFixed(1)} | ${f2(r.cpu.server)} |`);
    }
  }
  const failed = results.reduce((a, r) => a + r.errors, 0);
  console.log(`\nbenchmark: ${results.reduce((a, r) => a + r.n, 0)} calls measured, ${failed} errors`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => { console.error(e); process.exit(2); });
