// The data the benchmark reads: made through the servers' own tools (the contract), in batches where the
// database-admin server can insert many rows in one call. Two sizes:
//   standard: 1 series, 5 books x 12 chapters x 2 scenes (~300 words each), 20 characters, 60 writing sessions
//   large:    1 series, 10 books x 30 chapters x 10 scenes (~333 words each, about a million words),
//             200 characters with 5 knowledge items each, 2,000 writing sessions
export const SIZES = {
  standard: { books: 5, chapters: 12, scenes: 2, words: 300, characters: 20, knowledge: 2, sessions: 60 },
  large: { books: 10, chapters: 30, scenes: 10, words: 333, characters: 200, knowledge: 5, sessions: 2000 },
};

const WORDS = ('the rain fell on the harbour and she walked alone past the shuttered inns counting the lamps ' +
  'that still burned while the ships creaked at their moorings and somewhere a bell rang twice').split(' ');

const prose = (n, seed) => Array.from({ length: n }, (_, i) => WORDS[(i * 7 + seed) % WORDS.length]).join(' ');

// Batches of at most 500 rows and about 256 KiB of JSON, well inside the servers' 1 MiB request limit.
function chunks(rows) {
  const out = [[]];
  let bytes = 0;
  for (const row of rows) {
    const size = JSON.stringify(row).length;
    if (out.at(-1).length === 500 || (bytes + size > 262_144 && out.at(-1).length)) {
      out.push([]);
      bytes = 0;
    }
    out.at(-1).push(row);
    bytes += size;
  }
  return out;
}

/** Creates the fixture; `call(server, tool, args)` returns the parsed structured result. */
export async function makeFixture(call, size = 'standard') {
  const s = SIZES[size];
  if (!s) throw new Error(`unknown fixture size '${size}' (standard or large)`);
  const author = await call('author', 'create_author', { name: `Benchmark author ${Date.now()}` });
  const series = await call('series-planning', 'create_series', { title: `Benchmark series (${size})`, author_id: author.id });
  const bookIds = [];
  for (let b = 1; b <= s.books; b++) {
    const book = await call('book-planning', 'create_book', {
      title: `Book ${b}`, series_id: series.id, book_number: b, target_word_count: 100_000, status: 'in_progress',
    });
    bookIds.push(book.id);
  }
  const insert = async (table, rows) => {
    const ids = [];
    for (const part of chunks(rows)) {
      const r = await call('database-admin', 'db_batch_insert', { table, records: part });
      ids.push(...r.ids.map(Number));
    }
    return ids;
  };
  const chapterRows = bookIds.flatMap((book_id) => Array.from({ length: s.chapters }, (_, c) => ({
    book_id, chapter_number: c + 1, title: `Chapter ${c + 1}`, summary: prose(30, c), word_count: s.scenes * s.words,
    target_word_count: 3000, status: 'drafted',
  })));
  const chapterIds = await insert('chapters', chapterRows);
  const sceneRows = chapterIds.flatMap((chapter_id, ci) => Array.from({ length: s.scenes }, (_, k) => ({
    chapter_id, scene_number: k + 1, scene_title: `Scene ${k + 1}`, summary: prose(20, k),
    scene_content: prose(s.words, ci + k), word_count: s.words, writing_status: 'drafted',
  })));
  await insert('chapter_scenes', sceneRows);
  const characterIds = await insert('characters', Array.from({ length: s.characters }, (_, i) => ({
    series_id: series.id, name: `Character ${i + 1}`, character_type: i < 5 ? 'main' : 'supporting',
    first_appearance_book_id: bookIds[0],
  })));
  await insert('character_knowledge', characterIds.flatMap((character_id, i) => Array.from({ length: s.knowledge }, (_, k) => ({
    character_id, knowledge_category: 'secret', knowledge_item: `Secret ${k + 1} of character ${i + 1}`,
    knowledge_level: 'knows', learned_book_id: bookIds[0], learned_chapter_id: chapterIds[(i + k) % chapterIds.length],
  }))));
  const day = (i) => new Date(Date.UTC(2026, 0, 1) + i * 3_600_000 * 5).toISOString().slice(0, 10);
  await insert('writing_sessions', Array.from({ length: s.sessions }, (_, i) => ({
    book_id: bookIds[i % bookIds.length], chapter_id: chapterIds[i % chapterIds.length], session_date: day(i),
    words_written: 500 + (i % 1500), duration_minutes: 30 + (i % 90), mood_rating: 1 + (i % 5),
  })));
  const thread = await call('book-planning', 'create_plot_thread', {
    series_id: series.id, title: 'The missing ledger', description: 'Who took it, and why', thread_type: 'main_case',
  });
  await call('series-planning', 'create_location', { series_id: series.id, name: 'The harbour', location_type: 'city' });
  return { size, authorId: author.id, seriesId: series.id, bookIds, chapterIds, characterIds, threadId: thread.id, words: sceneRows.length * s.words };
}
