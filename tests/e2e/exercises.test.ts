// The exercises in real Chromium against the real server process, for every exercise: the starter
// code fails at the requirement it is written to miss, the solution passes, a deliberately naive
// client written here fails with "lost" or "duplicated" and the seqs named, an endless loop is
// stopped without freezing the page, a syntax error is reported with its line, and the lab's
// connection count is 0 after every run. Plus: the page CSP, Reset / restore / solution keep the
// learner's code, a pass marks progress and the home page counts it.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { EXERCISES } from '../../content/exercises/index.ts';
import { TECHNIQUES } from '../../protocol/techniques.ts';
import { codeKey } from '../../src/widgets/exercise/code-store.ts';
import { launchChromium } from '../helpers/browser.ts';
import { request } from '../helpers/clients.ts';
import { projectRoot, startTestServer, type TestServer } from '../helpers/server.ts';

// The real server in this process (api/server.ts's startServer, as npm start runs it).
let server: TestServer;
let browser: Browser;

before(async () => {
  server = await startTestServer();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Naive clients, one per exercise: each makes the mistake the exercise is about. */
const NAIVE: Record<string, { code: string; expect: RegExp }> = {
  // Retries after an error with the cursor it started with: everything since is delivered again.
  'poll-cursor': {
    expect: /Delivered more than once: seq \d/,
    code: `export default function connect({ channel, base, deliver }) {
  let cursor = 0;
  let timer;
  async function poll() {
    const r = await fetch(base + '/api/channels/' + channel + '/poll?after=' + cursor + '&limit=100');
    if (r.ok) {
      const a = await r.json();
      for (const e of a.events) deliver(e);
      cursor = a.cursor;
      timer = setTimeout(poll, a.events.length === 100 ? 0 : 1000);
    } else {
      cursor = 0; // starts over after an error
      timer = setTimeout(poll, Number(r.headers.get('Retry-After')) * 1000);
    }
  }
  poll();
  return () => clearTimeout(timer);
}`,
  },
  // Reconnects without its cursor after a network error.
  'long-poll-loop': {
    expect: /Delivered more than once: seq \d/,
    code: `export default function connect({ channel, base, deliver }) {
  const c = new AbortController();
  let cursor = 0;
  let stopped = false;
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  (async () => {
    while (!stopped) {
      try {
        const r = await fetch(base + '/api/channels/' + channel + '/long-poll?after=' + cursor + '&timeout=1000', { signal: c.signal });
        if (!r.ok) { await sleep(Number(r.headers.get('Retry-After')) * 1000); continue; }
        const a = await r.json();
        for (const e of a.events) deliver(e);
        cursor = a.cursor;
      } catch {
        cursor = 0; // reconnects without its cursor
        await sleep(300);
      }
    }
  })();
  return () => { stopped = true; c.abort(); };
}`,
  },
  // Reopens after EventSource gives up, but from the start (no cursor).
  'sse-reopen': {
    expect: /Delivered more than once: seq \d/,
    code: `export default function connect({ channel, base, deliver, reset }) {
  let source;
  let timer;
  function open() {
    source = new EventSource(base + '/api/channels/' + channel + '/sse?after=0');
    source.onmessage = (m) => deliver(JSON.parse(m.data));
    source.addEventListener('reset', () => reset());
    source.onerror = () => { if (source.readyState === EventSource.CLOSED) timer = setTimeout(open, 1000); };
  }
  open();
  return () => { clearTimeout(timer); source.close(); };
}`,
  },
  // Reconnects after the stream ends, but POSTs its first cursor again: everything is delivered again.
  'fetch-stream-resume': {
    expect: /Delivered more than once: seq \d/,
    code: `export default function connect({ channel, base, deliver, reset }) {
  const c = new AbortController();
  let stopped = false;
  (async () => {
    while (!stopped) {
      try {
        const r = await fetch(base + '/api/channels/' + channel + '/stream', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"after":0}', signal: c.signal });
        const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
        let text = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          text += value;
          let end;
          while ((end = text.indexOf('\\n\\n')) >= 0) {
            const block = text.slice(0, end);
            text = text.slice(end + 2);
            const data = block.split('\\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('');
            if (block.includes('event: reset')) reset();
            else if (data) deliver(JSON.parse(data));
          }
        }
      } catch {}
      await new Promise((r) => setTimeout(r, 500));
    }
  })();
  return () => { stopped = true; c.abort(); };
}`,
  },
  // Backs off, but resumes without its epoch: the new history's first events are skipped.
  'ws-reconnect': {
    expect: /Lost \(never delivered\): seq \d/,
    code: `export default function connect({ channel, base, deliver, reset }) {
  let socket;
  let last = 0;
  let attempt = 0;
  let timer;
  let stopped = false;
  function open() {
    socket = new WebSocket(base.replace('http', 'ws') + '/api/channels/' + channel + '/ws?after=' + last);
    socket.onmessage = (m) => {
      const d = JSON.parse(m.data);
      if (d.type === 'hello') attempt = 0;
      if (d.type === 'reset') { last = 0; reset(); }
      if (d.type === 'event' && d.seq > last) { last = d.seq; deliver({ seq: d.seq, time: d.time, data: d.data }); }
    };
    socket.onclose = () => { if (!stopped) timer = setTimeout(open, 250 * 2 ** attempt++ * (0.5 + Math.random() / 2)); };
  }
  open();
  return () => { stopped = true; clearTimeout(timer); socket.close(); };
}`,
  },
  // Resends pending messages after a reconnect, but without the ref: the server cannot dedupe them.
  'chat-capstone': {
    expect: /In the channel more than once: “did my message arrive\?”/,
    code: `export default function connect({ channel, base, deliver, onSend }) {
  const pending = new Map();
  let socket;
  let last = 0;
  let timer;
  let stopped = false;
  const publish = (ref, text) => socket.send(JSON.stringify({ type: 'publish', data: { ref, text } }));
  function open() {
    socket = new WebSocket(base.replace('http', 'ws') + '/api/channels/' + channel + '/ws?after=' + last);
    socket.onmessage = (m) => {
      const d = JSON.parse(m.data);
      if (d.type === 'hello') for (const [ref, text] of pending) publish(ref, text);
      if (d.type === 'ack') pending.clear();
      if (d.type === 'event' && d.seq > last) { last = d.seq; deliver({ seq: d.seq, time: d.time, data: d.data }); }
    };
    socket.onclose = () => { if (!stopped) timer = setTimeout(open, 300); };
  }
  onSend((m) => { pending.set(m.ref, m.text); if (socket.readyState === 1) publish(m.ref, m.text); });
  open();
  return () => { stopped = true; clearTimeout(timer); socket.close(); };
}`,
  },
};

const ENDLESS = `export default function connect({ log }) {
  log('about to loop');
  setTimeout(() => { for (;;) {} }, 300);
  return () => {};
}`;

const SYNTAX = `export default function connect({ channel, base, deliver }) {
  const url = base + '/api/channels/' + channel + '/poll';
  fetch(url).then((r) => r.json()).then((a) => {
    for (const e of a.events) deliver(e)
  });
  return () => { if (true {} };
}`;

const lessonOf = (id: string) => `/lessons/${EXERCISES.find((e) => e.id === id)!.lesson}/`;

interface Opened {
  page: Page;
  problems: string[];
  close(): Promise<void>;
}

async function openExercise(id: string, code?: string, viewport = { width: 1280, height: 900 }): Promise<Opened> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  if (code !== undefined)
    await context.addInitScript(
      ([key, value]) => {
        // Only the first time: a reload must show what the page itself saved since.
        if (localStorage.getItem(key!) === null) localStorage.setItem(key!, value!);
      },
      [codeKey(id), JSON.stringify({ code, backup: null })],
    );
  await page.goto(`${server.base}${lessonOf(id)}`);
  const root = page.locator(`[data-exercise="${id}"]`);
  await root.scrollIntoViewIfNeeded();
  await root.locator('.cm-editor').waitFor({ timeout: 15_000 });
  return { page, problems, close: () => context.close() };
}

interface RunResult {
  state: string;
  lost: number;
  duplicated: number;
  failed: string[];
  evidence: string;
  console: string;
  seconds: number;
}

async function runIn(page: Page, id: string): Promise<RunResult> {
  const root = page.locator(`[data-exercise="${id}"]`);
  const t0 = Date.now();
  await root.getByRole('button', { name: 'Run and grade' }).click();
  await page.waitForFunction(
    (sel) => ['passed', 'failed'].includes(document.querySelector(sel)?.getAttribute('data-state') ?? ''),
    `[data-exercise="${id}"]`,
    { timeout: 90_000, polling: 200 },
  );
  const seconds = (Date.now() - t0) / 1000;
  return {
    state: (await root.getAttribute('data-state'))!,
    lost: Number((await root.getAttribute('data-lost')) ?? 0),
    duplicated: Number((await root.getAttribute('data-duplicated')) ?? 0),
    failed: await root
      .locator('[data-passed="false"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-requirement')!)),
    evidence: (await root.locator('.ex-checks').textContent()) ?? '',
    console: (await root.locator('.ex-console').textContent()) ?? '',
    seconds,
  };
}

/** The server's view of the last run's lab: nothing may be left open. */
async function assertNothingOpen(page: Page): Promise<void> {
  const labs: string[] = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => /\/api\/lab\/([0-9a-f]{32})\/exercise$/.exec(e.name)?.[1])
      .filter((x): x is string => Boolean(x)),
  );
  assert.ok(labs.length > 0, 'a grading run was started');
  const lab = labs.at(-1)!;
  const { json } = await request(server.base, `/api/lab/${lab}/connections`);
  assert.equal(json.live, 0, `lab ${lab}: connections still open after the run`);
}

const timings: string[] = [];

describe('exercises', () => {
  test('one exercise per technique and a capstone, each ending its lesson', () => {
    for (const t of TECHNIQUES)
      assert.ok(
        EXERCISES.some((e) => e.kind === 'technique' && e.technique === t.id && e.lesson === t.lesson),
        `${t.id}: an exercise in its lesson`,
      );
    assert.ok(EXERCISES.some((e) => e.kind === 'capstone'));
  });

  test('the page CSP allows blob: workers and still no unsafe-eval or unsafe-inline script', async () => {
    const res = await fetch(`${server.base}${lessonOf('poll-cursor')}`);
    const csp = res.headers.get('content-security-policy') ?? '';
    const script = csp.split(';').find((d) => d.trim().startsWith('script-src'))!;
    assert.doesNotMatch(script, /'unsafe-eval'|'unsafe-inline'/);
    assert.match(csp, /worker-src 'self' blob:/);
  });

  for (const exercise of EXERCISES) {
    describe(exercise.id, () => {
      test(`the starter fails at "${exercise.starterFails}"`, async () => {
        const { page, problems, close } = await openExercise(exercise.id, exercise.starter);
        try {
          const r = await runIn(page, exercise.id);
          timings.push(`${exercise.id} starter: ${r.seconds.toFixed(1)} s`);
          assert.equal(r.state, 'failed', r.evidence);
          assert.ok(r.failed.includes(exercise.starterFails), `failed: ${r.failed.join(', ')}\n${r.evidence}`);
          await assertNothingOpen(page);
          assert.deepEqual(problems, []);
        } finally {
          await close();
        }
      });

      test('the solution passes', async () => {
        const { page, problems, close } = await openExercise(exercise.id, exercise.solution);
        try {
          const r = await runIn(page, exercise.id);
          timings.push(`${exercise.id} solution: ${r.seconds.toFixed(1)} s`);
          assert.equal(r.state, 'passed', `${r.evidence}\nconsole: ${r.console}`);
          assert.deepEqual([r.lost, r.duplicated], [0, 0]);
          await assertNothingOpen(page);
          assert.deepEqual(problems, []);
        } finally {
          await close();
        }
      });

      test('a naive client fails with the seqs it lost or repeated', async () => {
        const naive = NAIVE[exercise.id]!;
        const { page, close } = await openExercise(exercise.id, naive.code);
        try {
          const r = await runIn(page, exercise.id);
          assert.equal(r.state, 'failed');
          assert.match(r.evidence, naive.expect);
          assert.ok(
            r.lost > 0 || r.duplicated > 0 || exercise.id === 'chat-capstone',
            `lost ${r.lost}, dup ${r.duplicated}`,
          );
          await assertNothingOpen(page);
        } finally {
          await close();
        }
      });

      test('an endless loop is stopped, the page stays responsive; a syntax error names its line', async () => {
        const { page, problems, close } = await openExercise(exercise.id, ENDLESS);
        try {
          const r = await runIn(page, exercise.id);
          assert.equal(r.state, 'failed');
          assert.match(r.console, /without a break \(an endless loop\?\): the run was stopped/);
          // The page answered while the worker spun: its own thread was never blocked.
          assert.equal(await page.evaluate(() => 1 + 1), 2);
          await assertNothingOpen(page);
          assert.deepEqual(problems, []);
        } finally {
          await close();
        }
        const syntax = await openExercise(exercise.id, SYNTAX);
        try {
          const s = await runIn(syntax.page, exercise.id);
          assert.equal(s.state, 'failed');
          assert.match(s.console, /Syntax error on line 6\b/);
          assert.deepEqual(syntax.problems, []);
        } finally {
          await syntax.close();
        }
      });
    });
  }

  test('Reset, restore and the solution keep the learner’s code; a pass marks progress and the home page counts it', async () => {
    const id = 'poll-cursor';
    const mine = `// my own attempt\n${EXERCISES[0]!.solution}`;
    const { page, close } = await openExercise(id, mine);
    try {
      const root = page.locator(`[data-exercise="${id}"]`);
      const editorText = () => root.locator('.ex-editor:not(.ex-solution) .cm-content').textContent();
      await root.getByRole('button', { name: 'Reset to the starter' }).click();
      assert.match((await editorText()) ?? '', /TODO: a full page/);
      await root.getByRole('button', { name: 'Restore my code' }).click();
      assert.match((await editorText()) ?? '', /my own attempt/);
      await root.getByRole('button', { name: 'Show the solution beside my code' }).click();
      await root.locator('.ex-solution .cm-editor').waitFor();
      assert.match((await editorText()) ?? '', /my own attempt/, 'the solution is shown beside, not instead');
      await root.getByRole('button', { name: 'Show a hint (3 available)' }).click();
      assert.equal(await root.locator('.ex-hint').count(), 1);
      const r = await runIn(page, id);
      assert.equal(r.state, 'passed', r.evidence);
      const progress = await page.evaluate(() => JSON.parse(localStorage.getItem('realtime-lab:progress:v1') ?? '{}'));
      assert.ok(progress.exercises?.[id] > 0, 'the pass is in the progress store');
      await page.goto(`${server.base}/`);
      assert.match(
        (await page.locator('[data-progress-summary]').textContent()) ?? '',
        new RegExp(`solved 1 of ${EXERCISES.length} exercises`),
      );
      await page.reload();
      await page.goto(`${server.base}${lessonOf(id)}`);
      await root.scrollIntoViewIfNeeded();
      await root.locator('.cm-editor').waitFor();
      assert.match((await editorText()) ?? '', /my own attempt/, 'kept over a reload');
    } finally {
      await close();
    }
  });

  test('screenshots of a failed run at 1280 px and 360 px', async () => {
    const dir = join(projectRoot, 'screenshots');
    mkdirSync(dir, { recursive: true });
    for (const width of [1280, 360]) {
      const id = 'ws-reconnect';
      const { page, close } = await openExercise(id, EXERCISES.find((e) => e.id === id)!.starter, {
        width,
        height: 900,
      });
      try {
        await runIn(page, id);
        await page.locator(`[data-exercise="${id}"]`).screenshot({ path: join(dir, `exercise-failed-${width}.png`) });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `no horizontal scroll at ${width} px (${overflow} px over)`);
      } finally {
        await close();
      }
    }
  });

  test('timings', (t) => {
    for (const line of timings) t.diagnostic(line);
  });
});
