// The benchmark's clients (benchmark/clients.mjs) against a real server: each client and transport opens a session,
// gets a result and a tool error, and closes; what the benchmark counts must be what happened.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSession } from './benchmark/clients.mjs';
import { authorization, url } from './servers.mjs';

for (const [kind, transport] of [['sdk', 'streamable'], ['sdk', 'sse'], ['wire', 'streamable']]) {
  test(`benchmark client ${kind} over ${transport}: results and tool errors as the server sent them`, async () => {
    const session = await openSession(kind, transport, url('author', '/').href, authorization);
    try {
      const created = await session.call('create_author', { name: `Benchmark client ${kind} ${transport}` });
      assert.equal(created.isError, false);
      assert.equal(created.structured.name, `Benchmark client ${kind} ${transport}`);
      const missing = await session.call('get_author', { author_id: 987654321 });
      assert.equal(missing.isError, true);
      assert.match(missing.text, /987654321/);
    } finally {
      await session.close();
    }
  });
}
