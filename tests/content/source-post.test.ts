// The source post, quoted exactly and judged claim by claim. content/source-post.md is the post as the
// course has it (its Korean restored, an English translation, an id per claim); the race and the
// lessons quote it through typed catalogues (src/i18n/), which must say what the file says, cell for
// cell, in both languages. Every prose claim has a verdict, an excerpt of the post's own Korean that
// makes it, and a lesson that shows the evidence. On the built site (dist/), the comparison lesson
// shows every cell of the table verbatim with a verdict, and every claim id has a verdict where the
// course promises one.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PROSE_VERDICTS } from '../../content/source-post-claims.ts';
import { SOURCE_POST_EN } from '../../src/i18n/en/source-post.ts';
import { SOURCE_POST_KO } from '../../src/i18n/ko/source-post.ts';
import { CLAIMED_LEVELS, POST_COLUMNS, POST_ROWS, SCALABILITY_WORDS } from '../../src/i18n/source-post.ts';
import { parseSourcePost } from '../../src/lib/source-post.ts';
import { POST_TECHNIQUES } from '../../src/widgets/race/claims.ts';
import { VERDICTS } from '../../src/widgets/race/verdicts.ts';
import { projectRoot } from '../helpers/server.ts';

const post = parseSourcePost(readFileSync(join(projectRoot, 'content', 'source-post.md'), 'utf8'));
const LANGUAGES = { ko: SOURCE_POST_KO, en: SOURCE_POST_EN } as const;
const PROSE_IDS = post.claims.filter((c) => !c.id.startsWith('T')).map((c) => c.id);

describe('content/source-post.md', () => {
  it('is the post as the course quotes it: title, date, a table of seven rows in Korean and English, its claims', () => {
    assert.equal(post.title, '[Network] Polling, SSE, Websocket');
    assert.equal(post.date, '2025-03-13');
    for (const table of [post.table.ko, post.table.en]) assert.equal(table.rows.length, 7);
    assert.deepEqual(
      post.claims.map((c) => c.id),
      [
        ...['P1', 'P2', 'P3'],
        ...['L1', 'L2', 'L3', 'L4', 'L5'],
        ...['S1', 'S2', 'S3', 'S4', 'S5'],
        ...['W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W7'],
        ...['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'],
      ],
    );
  });

  it("the table's columns are the techniques the registry marks inSourcePost, in its order", () => {
    for (const table of [post.table.ko, post.table.en])
      assert.deepEqual(
        table.columns,
        POST_TECHNIQUES.map((t) => POST_COLUMNS[t.id]),
      );
  });

  for (const [language, words] of Object.entries(LANGUAGES)) {
    it(`the ${language} catalogue has every label and cell of the post's ${language} table, verbatim, in order`, () => {
      const table = post.table[language as keyof typeof LANGUAGES];
      assert.deepEqual(
        POST_ROWS.map((r) => words.rows[r.id].label),
        table.rows.map((r) => r.label),
      );
      for (const [i, row] of POST_ROWS.entries())
        assert.deepEqual(
          POST_TECHNIQUES.map((t) => words.rows[row.id].cells[t.id]),
          table.rows[i]!.cells,
          `${language} row ${row.claim} (${row.id})`,
        );
    });
  }

  it('the rows are T1–T7 in the order of the claims list, which names each by its English label', () => {
    const t = post.claims.filter((c) => c.id.startsWith('T'));
    assert.deepEqual(
      POST_ROWS.map((r) => r.claim),
      t.map((c) => c.id),
    );
    assert.deepEqual(
      t.map((c) => c.text),
      POST_ROWS.map((r) => SOURCE_POST_EN.rows[r.id].label),
    );
  });

  it('the levels the verdicts weigh are the ones the cells say: ★ counts for difficulty, low / high / highest', () => {
    for (const t of POST_TECHNIQUES) {
      for (const words of Object.values(LANGUAGES))
        assert.equal(words.rows.difficulty.cells[t.id], '★'.repeat(CLAIMED_LEVELS.difficulty[t.id]), t.id);
      const level = CLAIMED_LEVELS.scalability[t.id];
      assert.equal(SOURCE_POST_KO.rows.scalability.cells[t.id], SCALABILITY_WORDS.ko[level - 1], t.id);
      assert.equal(SOURCE_POST_EN.rows.scalability.cells[t.id], SCALABILITY_WORDS.en[level - 1], t.id);
    }
  });
});

describe('the verdicts on the prose claims (content/source-post-claims.ts)', () => {
  const paragraphs = post.prose.flatMap((s) => s.paragraphs);
  const lessons = new Set(readdirSync(join(projectRoot, 'content', 'lessons')).map((f) => f.replace(/\.mdx$/, '')));

  it('every prose claim of the post, P1 to W7, has one, and nothing else does', () => {
    assert.deepEqual(Object.keys(PROSE_VERDICTS), PROSE_IDS);
  });

  for (const id of PROSE_IDS) {
    it(`${id}: a verdict, the post's own words quoted verbatim, and its lesson showing the evidence`, () => {
      const v = PROSE_VERDICTS[id]!;
      assert.ok((VERDICTS as readonly string[]).includes(v.verdict), v.verdict);
      assert.ok(v.quote.length > 0 && v.because.length > 20);
      for (const excerpt of v.quote)
        assert.ok(
          paragraphs.some((p) => p.includes(excerpt)),
          `${id}: "${excerpt}" is not in the post's prose as content/source-post.md has it`,
        );
      assert.ok(lessons.has(v.lesson), `${id}: no lesson content/lessons/${v.lesson}.mdx`);
      const mdx = readFileSync(join(projectRoot, 'content', 'lessons', `${v.lesson}.mdx`), 'utf8');
      assert.match(mdx, new RegExp(`<PostClaim id="${id}"`), `${id}: ${v.lesson}.mdx has no <PostClaim id="${id}">`);
    });
  }
});

describe("the post's words quoted in lessons", () => {
  it('every <q lang="ko"> a lesson writes is words of a cell of the table or of the prose, verbatim', () => {
    const prose = post.prose.flatMap((s) => s.paragraphs).map((p) => p.replace(/\*\*|`/g, ''));
    const cells = [post.table.ko, post.table.en].flatMap((t) => t.rows.flatMap((r) => [r.label, ...r.cells]));
    const misquoted: string[] = [];
    let quotes = 0;
    for (const file of readdirSync(join(projectRoot, 'content', 'lessons'))) {
      const mdx = readFileSync(join(projectRoot, 'content', 'lessons', file), 'utf8');
      for (const m of mdx.matchAll(/<q lang="ko">([\s\S]*?)<\/q>/g)) {
        const quote = m[1]!.replace(/\s+/g, ' ').trim();
        if (quote.startsWith('{')) continue; // computed from the file itself
        quotes++;
        if (!cells.some((c) => c.includes(quote)) && !prose.some((p) => p.includes(quote)))
          misquoted.push(`${file}: "${quote}"`);
      }
    }
    assert.ok(quotes > 10, `only ${quotes} quotes found`);
    assert.deepEqual(misquoted, [], 'not the words of content/source-post.md');
  });
});

/** The built page at `path` (dist/), or a failure saying to build the site. */
function built(path: string): string {
  const file = join(projectRoot, 'dist', path, 'index.html');
  assert.ok(existsSync(file), `${file} is not built: run npm run build`);
  return readFileSync(file, 'utf8');
}

/** The HTML of the element with `id` up to the first closing tag of its kind: enough to read a row or a block. */
function element(html: string, tag: string, id: string): string {
  const start = html.search(new RegExp(`<${tag}[^>]*\\bid="${id}"`));
  assert.ok(start >= 0, `no <${tag} id="${id}">`);
  return html.slice(start, html.indexOf(`</${tag}>`, start));
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&gt;/g, '>')
    .replace(/&lt;/g, '<')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"');

describe('on the built site', () => {
  it("the comparison lesson shows every cell of the post's table verbatim, in Korean and in English, each with a verdict", () => {
    const html = built('lessons/comparison');
    for (const [i, row] of POST_ROWS.entries()) {
      const tr = element(html, 'tr', `post-${row.claim.toLowerCase()}`);
      assert.ok(text(tr).includes(post.table.ko.rows[i]!.label), `${row.claim}: Korean label`);
      assert.ok(text(tr).includes(post.table.en.rows[i]!.label), `${row.claim}: English label`);
      for (const [j, t] of POST_TECHNIQUES.entries()) {
        const td = /<td[^>]*data-technique="([^"]+)"[^>]*data-verdict="([a-z]+)"[^>]*>([\s\S]*?)<\/td>/g;
        const cells = [...tr.matchAll(td)].filter((m) => m[1] === t.id);
        assert.equal(cells.length, 1, `${row.claim}/${t.id}: one cell`);
        const [, , verdict, body] = cells[0]!;
        assert.ok((VERDICTS as readonly string[]).includes(verdict!), `${row.claim}/${t.id}: verdict ${verdict}`);
        assert.ok(text(body!).includes(post.table.ko.rows[i]!.cells[j]!), `${row.claim}/${t.id}: the Korean cell`);
        assert.ok(text(body!).includes(post.table.en.rows[i]!.cells[j]!), `${row.claim}/${t.id}: the English cell`);
      }
    }
  });

  it('every prose claim has its verdict and the quote in its own lesson', () => {
    for (const id of PROSE_IDS) {
      const v = PROSE_VERDICTS[id]!;
      const block = element(built(`lessons/${v.lesson}`), 'section', `claim-${id.toLowerCase()}`);
      assert.match(block, new RegExp(`data-verdict="${v.verdict}"`), `${id} in ${v.lesson}`);
      for (const excerpt of v.quote)
        assert.ok(text(block).includes(excerpt.replace(/\*\*|`/g, '')), `${id}: the quote "${excerpt}"`);
    }
  });

  it("the page of every claim lists them all in the post's order, each with a verdict and a link to its evidence", () => {
    const html = built('source-post');
    assert.ok(text(html).includes(post.title) && html.includes(post.date), 'attributed: title and date');
    const order = post.claims.map((c) => html.indexOf(`id="${c.id.toLowerCase()}"`));
    assert.ok(
      order.every((p) => p >= 0),
      `missing: ${post.claims.filter((_, i) => order[i]! < 0).map((c) => c.id)}`,
    );
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
      "in the post's order",
    );
    for (const c of post.claims) {
      const li = element(html, 'li', c.id.toLowerCase());
      assert.match(li, /data-verdict="(confirmed|nuanced|corrected)"/, `${c.id}: a verdict`);
      const evidence = c.id.startsWith('T')
        ? `/lessons/comparison/#post-${c.id.toLowerCase()}`
        : `/lessons/${PROSE_VERDICTS[c.id]!.lesson}/#claim-${c.id.toLowerCase()}`;
      assert.ok(li.includes(`href="${evidence}"`), `${c.id}: a link to ${evidence}`);
    }
  });
});
