// Resources, prompts, completions, progress, logging and exported files, as the TypeScript SDK client (Claude
// Desktop's, Claude Code's and the Inspector's) meets them on our servers.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { ElicitRequestSchema, LoggingMessageNotificationSchema, ResourceUpdatedNotificationSchema }
  from '@modelcontextprotocol/sdk/types.js';
import { authorization, url } from './servers.mjs';

async function connect(server, capabilities = {}) {
  const client = new Client({ name: 'ts-sdk-surface', version: '1.0.0' }, { capabilities });
  await client.connect(new StreamableHTTPClientTransport(url(server), { requestInit: { headers: authorization } }));
  return client;
}

async function call(server, name, args) {
  const client = await connect(server);
  try {
    const result = await client.callTool({ name, arguments: args });
    assert.equal(result.isError, false, `${name}: ${result.content[0].text}`);
    return result.structuredContent;
  } finally {
    await client.close();
  }
}

const story = {};

before(async () => {
  const stamp = Date.now();
  story.author = (await call('author', 'create_author', { name: `Surface author ${stamp}` })).id;
  story.series = (await call('series-planning', 'create_series',
    { title: `Quillmere Chronicles ${stamp}`, author_id: story.author })).id;
  story.book = (await call('book-planning', 'create_book',
    { title: `The Salt Road ${stamp}`, series_id: story.series, book_number: 1 })).id;
  story.character = (await call('character-planning', 'create_character',
    { series_id: story.series, name: `Ysolde ${stamp}`, character_type: 'main' })).id;
  await call('series-planning', 'create_location',
    { series_id: story.series, name: 'Harrowgate', location_type: 'city', description: 'A port of salt and fog' });
  story.chapter = (await call('chapter-planning', 'book_create_chapter',
    { book_id: story.book, chapter_number: 1, title: 'Fog on the Quay', summary: 'Ysolde arrives',
      pov_character_id: story.character })).id;
  story.scene = (await call('scene', 'create_scene',
    { chapter_id: story.chapter, scene_number: 1, scene_title: 'Landing', pov_character_id: story.character })).id;
  await call('scene', 'update_scene', { scene_id: story.scene, scene_content: 'The gangplank groaned under her boots.' });
  await call('chapter-planning', 'book_create_chapter', { book_id: story.book, chapter_number: 2, title: 'Unwritten' });
});

test('resources/templates/list: the story as URI templates with titles and MIME types', async () => {
  const client = await connect('scene');
  try {
    const { resourceTemplates } = await client.listResourceTemplates();
    const byName = Object.fromEntries(resourceTemplates.map((t) => [t.name, t]));
    assert.equal(byName.scene.uriTemplate, 'writing://scenes/{scene_id}');
    assert.equal(byName.chapter.mimeType, 'text/markdown; charset=utf-8');
    assert.equal(byName.character.title, 'Character');
  } finally {
    await client.close();
  }
});

test('resources/read: a chapter as Markdown with its written scene; the character with details and knowledge', async () => {
  const client = await connect('scene');
  try {
    const chapter = await client.readResource({ uri: `writing://chapters/${story.chapter}` });
    assert.equal(chapter.contents[0].uri, `writing://chapters/${story.chapter}`);
    assert.match(chapter.contents[0].text, /# Chapter 1: Fog on the Quay/);
    assert.match(chapter.contents[0].text, /The gangplank groaned under her boots\./);
    const character = JSON.parse((await client.readResource({ uri: `writing://characters/${story.character}` }))
      .contents[0].text);
    assert.equal(character.id, story.character);
    assert.deepEqual(character.knowledge, []);
    await assert.rejects(client.readResource({ uri: 'writing://scenes/999999999' }),
      (e) => e.code === -32002 && /scene 999999999 does not exist/.test(e.message));
    await assert.rejects(client.readResource({ uri: 'writing://scenes/abc' }),
      (e) => e.code === -32602 && /scene_id/.test(e.message));
  } finally {
    await client.close();
  }
});

// Every page of resources/list, following nextCursor until it is absent; the resources in order and the page count.
async function listAll(client) {
  const resources = [];
  let pages = 0;
  let cursor;
  do {
    const page = await client.listResources(cursor === undefined ? undefined : { cursor });
    resources.push(...page.resources);
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor !== undefined && pages < 10000);
  return { resources, pages };
}

async function connectSse(server) {
  const client = new Client({ name: 'ts-sdk-surface-sse', version: '1.0.0' });
  await client.connect(new SSEClientTransport(url(server, '/sse'), {
    requestInit: { headers: authorization },
    eventSourceInit: { fetch: (u, init) => fetch(u, { ...init, headers: { ...init?.headers, ...authorization } }) },
  }));
  return client;
}

test('resources/list: the records a page at a time, each once, over both transports; a bogus cursor is -32602', async () => {
  // more chapters than one page holds (100 by default), in a book of their own
  const book = (await call('book-planning', 'create_book',
    { title: `The Long Index ${Date.now()}`, series_id: story.series, book_number: 2 })).id;
  const writer = await connect('chapter-planning');
  const created = [];
  try {
    for (let n = 1; n <= 105; n++) {
      const result = await writer.callTool({ name: 'book_create_chapter',
        arguments: { book_id: book, chapter_number: n, title: `Index entry ${n}` } });
      assert.equal(result.isError, false, result.content[0].text);
      created.push(`writing://chapters/${result.structuredContent.id}`);
    }
  } finally {
    await writer.close();
  }
  for (const open of [connect, connectSse]) {
    const client = await open('chapter-planning'); // serves chapter, book: chapters first, then books, by id
    try {
      const { resources, pages } = await listAll(client);
      const uris = resources.map((r) => r.uri);
      assert.ok(pages >= 2, `${open.name}: more than one page (${pages})`);
      assert.equal(new Set(uris).size, uris.length, `${open.name}: no resource twice`);
      for (const uri of created) {
        assert.equal(uris.filter((u) => u === uri).length, 1, `${open.name}: ${uri} once`);
      }
      assert.ok(uris.includes(`writing://books/${book}`), `${open.name}: the book too`);
      const chapters = uris.filter((u) => u.startsWith('writing://chapters/'));
      assert.deepEqual(uris.slice(0, chapters.length), chapters, `${open.name}: chapters before books`);
      const ids = chapters.map((u) => Number(u.split('/').at(-1)));
      assert.deepEqual(ids, [...ids].sort((a, b) => a - b), `${open.name}: in id order`);
      const first = resources.find((r) => r.uri === created[0]);
      assert.equal(first.mimeType, 'text/markdown; charset=utf-8');
      assert.match(first.title, /, chapter 1: Index entry 1$/);
      await assert.rejects(client.listResources({ cursor: 'bogus' }),
        (e) => e.code === -32602 && /cursor/.test(e.message), `${open.name}: a bogus cursor`);
    } finally {
      await client.close();
    }
  }
});

test('resources/subscribe: a change made through another server reaches the subscribed session', async () => {
  const client = await connect('scene');
  const updated = [];
  let heard;
  const arrived = new Promise((resolve) => { heard = resolve; });
  client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => {
    updated.push(n.params.uri);
    if (n.params.uri === `writing://chapters/${story.chapter}`) heard();
  });
  try {
    assert.equal(client.getServerCapabilities().resources.subscribe, true);
    await client.subscribeResource({ uri: `writing://chapters/${story.chapter}` });
    await new Promise((resolve) => setTimeout(resolve, 300)); // the GET stream that carries notifications opens
    await call('chapter-planning', 'book_update_chapter', { chapter_id: story.chapter, summary: 'Ysolde arrives, wary' });
    await Promise.race([arrived, new Promise((_, reject) => setTimeout(() => reject(new Error(
      `no notifications/resources/updated for the chapter within 5 s; heard ${JSON.stringify(updated)}`)), 5000))]);
    assert.ok(!updated.includes(`writing://scenes/${story.scene}`), 'only subscribed URIs are announced');
    await client.unsubscribeResource({ uri: `writing://chapters/${story.chapter}` });
  } finally {
    await client.close();
  }
});

test('resources/read: a whole book as Markdown and the series story bible', async () => {
  const client = await connect('book-planning');
  try {
    const manuscript = (await client.readResource({ uri: `writing://books/${story.book}/manuscript` })).contents[0];
    assert.equal(manuscript.mimeType, 'text/markdown; charset=utf-8');
    assert.match(manuscript.text, /^---\ntitle: /);
    assert.match(manuscript.text, /The gangplank groaned/);
  } finally {
    await client.close();
  }
  const series = await connect('series-planning');
  try {
    const bible = (await series.readResource({ uri: `writing://series/${story.series}/bible` })).contents[0].text;
    assert.match(bible, /## Characters\n\n- \*\*Ysolde/);
    assert.match(bible, /\*\*Harrowgate\*\* \(city\): A port of salt and fog/);
  } finally {
    await series.close();
  }
});

test('prompts: draft_scene embeds the scene, its chapter, the POV character and the bible', async () => {
  const client = await connect('scene');
  try {
    const { prompts } = await client.listPrompts();
    const draft = prompts.find((p) => p.name === 'draft_scene');
    assert.deepEqual(draft.arguments.map((a) => [a.name, a.required]), [['scene_id', true], ['style', false]]);
    const got = await client.getPrompt({ name: 'draft_scene', arguments: { scene_id: String(story.scene), style: 'terse' } });
    assert.match(got.messages[0].content.text, /Style: terse/);
    const uris = got.messages.filter((m) => m.content.type === 'resource').map((m) => m.content.resource.uri);
    assert.deepEqual(uris, [`writing://scenes/${story.scene}`, `writing://chapters/${story.chapter}`,
      `writing://characters/${story.character}`, `writing://series/${story.series}/bible`]);
    await assert.rejects(client.getPrompt({ name: 'draft_scene', arguments: {} }),
      (e) => e.code === -32602 && /scene_id/.test(e.message));
  } finally {
    await client.close();
  }
});

test('completion/complete: ids of prompt arguments and template variables by title or name, narrowed by context', async () => {
  const client = await connect('chapter-planning');
  try {
    const byTitle = await client.complete({ ref: { type: 'ref/prompt', name: 'plan_next_chapter' },
      argument: { name: 'book_id', value: 'The Salt Road' } });
    assert.ok(byTitle.completion.values.includes(String(story.book)), JSON.stringify(byTitle));
    const chapters = await client.complete({ ref: { type: 'ref/resource', uri: 'writing://chapters/{chapter_id}' },
      argument: { name: 'chapter_id', value: 'unwr' }, context: { arguments: { book_id: String(story.book) } } });
    assert.equal(chapters.completion.values.length, 1, JSON.stringify(chapters));
    const none = await client.complete({ ref: { type: 'ref/prompt', name: 'plan_next_chapter' },
      argument: { name: 'book_id', value: '%_nothing like this' } });
    assert.deepEqual(none.completion.values, []);
  } finally {
    await client.close();
  }
});

test('export_manuscript: progress, a placeholder warning as a log message, and the file as a resource link', async () => {
  const client = await connect('review');
  const messages = [];
  client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => messages.push(n.params));
  try {
    await client.setLoggingLevel('info');
    const progress = [];
    const result = await client.callTool({ name: 'export_manuscript',
      arguments: { book_id: story.book, export_format: 'epub' } }, undefined, { onprogress: (p) => progress.push(p) });
    assert.equal(result.isError, false, result.content[0].text);
    assert.deepEqual(progress.map((p) => p.progress), [0, 1, 2, 3]);
    assert.equal(progress.at(-1).total, 3);
    assert.equal(messages.length, 1);
    assert.equal(messages[0].level, 'warning');
    assert.match(messages[0].data, /chapter\(s\) 2 have no written scenes/);
    const link = result.content.find((c) => c.type === 'resource_link');
    assert.equal(link.uri, `writing://exports/${result.structuredContent.filename}`);
    assert.equal(link.mimeType, 'application/epub+zip');
    assert.equal(link.size, result.structuredContent.file_size_bytes);
    const embedded = result.content.find((c) => c.type === 'resource');
    const read = (await client.readResource({ uri: link.uri })).contents[0];
    assert.equal(read.blob, embedded.resource.blob);
    const bytes = Buffer.from(read.blob, 'base64');
    assert.equal(bytes.length, link.size);
    assert.equal(bytes.subarray(0, 2).toString(), 'PK');
    await assert.rejects(client.readResource({ uri: 'writing://exports/..%2Fpasswd' }), (e) => e.code === -32602);
  } finally {
    await client.close();
  }
});

test('db_delete_records asks the user through elicitation: declining changes nothing, accepting deletes', async () => {
  const author = (await call('author', 'create_author', { name: `Doomed ${Date.now()}` })).id;
  const asked = [];
  let answer = { action: 'decline' };
  const client = await connect('database-admin', { elicitation: { form: {} } });
  client.setRequestHandler(ElicitRequestSchema, async (request) => {
    asked.push(request.params);
    return answer;
  });
  try {
    const args = { table: 'authors', where: { id: author }, soft_delete: false };
    const declined = await client.callTool({ name: 'db_delete_records', arguments: args });
    assert.equal(declined.isError, false, declined.content[0].text);
    assert.equal(declined.structuredContent.declined, true);
    assert.match(asked[0].message, /^Delete 1 row\(s\) of authors matching \{"id":\d+\}\?$/);
    assert.equal(asked[0].requestedSchema.properties.confirm.type, 'boolean');
    const still = await client.callTool({ name: 'db_query_records', arguments: { table: 'authors', where: { id: author } } });
    assert.equal(still.structuredContent.records.length, 1, 'declining deleted nothing');

    answer = { action: 'accept', content: { confirm: true } };
    const deleted = await client.callTool({ name: 'db_delete_records', arguments: args });
    assert.equal(deleted.isError, false, deleted.content[0].text);
    assert.equal(deleted.structuredContent.deleted, 1);
  } finally {
    await client.close();
  }
});

test('db_export_csv: the export reaches the client as a resource link, read back as CSV text', async () => {
  const client = await connect('database-admin');
  try {
    const result = await client.callTool({ name: 'db_export_csv', arguments: { table: 'genres', limit: 3 } });
    assert.equal(result.isError, false, result.content[0].text);
    const link = result.content.find((c) => c.type === 'resource_link');
    assert.equal(link.uri, `writing://admin/exports/${result.structuredContent.exportFile}`);
    const read = (await client.readResource({ uri: link.uri })).contents[0];
    assert.equal(read.mimeType, 'text/csv; charset=utf-8');
    assert.equal(read.text.trim().split('\n').length, 4, read.text);
    assert.equal(result.content.find((c) => c.type === 'resource').resource.text, read.text);
  } finally {
    await client.close();
  }
});

test('restores, batch deletes and backup deletion ask first: declining changes nothing; a backup reports progress', async () => {
  const author = (await call('author', 'create_author', { name: `Kept ${Date.now()}`, bio: 'as backed up' })).id;
  const asked = [];
  const client = await connect('database-admin', { elicitation: { form: {} } });
  client.setRequestHandler(ElicitRequestSchema, async (request) => {
    asked.push(request.params);
    return { action: 'decline' };
  });
  try {
    const progress = [];
    const backup = await client.callTool({ name: 'db_backup_table', arguments: { table: 'authors' } }, undefined,
      { onprogress: (p) => progress.push(p) });
    assert.equal(backup.isError, false, backup.content[0].text);
    assert.ok(progress.length >= 2, `progress: ${JSON.stringify(progress)}`);
    assert.ok(progress.every((p, i) => i === 0 || p.progress > progress[i - 1].progress), 'progress only grows');
    const file = backup.structuredContent.backupFile;
    await call('author', 'update_author', { author_id: author, bio: 'changed since' });

    const declined = [
      ['db_restore_table', { backupFile: file, table: 'authors', onConflict: 'overwrite' }],
      ['db_batch_delete', { table: 'authors', conditions: [{ id: author }], soft_delete: false }],
      ['db_delete_backup', { backupFile: file }],
    ];
    for (const [name, args] of declined) {
      const before = asked.length;
      const result = await client.callTool({ name, arguments: args });
      assert.equal(result.isError, false, `${name}: ${result.content[0].text}`);
      assert.equal(asked.length, before + 1, `${name} asked once`);
      assert.equal(asked.at(-1).requestedSchema.properties.confirm.type, 'boolean', name);
      assert.equal(result.structuredContent.declined, true, `${name}: ${JSON.stringify(result.structuredContent)}`);
    }
    assert.match(asked[0].message, new RegExp(file.replace(/[.]/g, '\\.')), 'the restore names its backup');
    assert.match(asked[0].message, /authors/, 'the restore names its table');
    const now = await call('author', 'get_author', { author_id: author });
    assert.equal(now.bio, 'changed since', 'the declined restore and delete changed nothing');
    const listed = await client.callTool({ name: 'db_list_backups', arguments: { type: 'table', limit: 100 } });
    assert.ok(listed.structuredContent.backups.some((b) => b.filename === file || b.backupFile === file
      || JSON.stringify(b).includes(file)), 'the declined deletion kept the backup');
  } finally {
    await client.close();
  }
});
