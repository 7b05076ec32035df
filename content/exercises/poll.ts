// Exercise: short polling with a cursor, a backlog larger than a page, and a 503 with Retry-After.
import type { ExerciseInput } from '../../src/exercises/schema.ts';

const starter = `// Short polling with a cursor. Run it: the grader lists what it checks below the editor.
export default function connect({ channel, base, deliver, log }) {
  let cursor = 0;
  let timer;
  let stopped = false;

  async function poll() {
    const response = await fetch(\`\${base}/api/channels/\${channel}/poll?after=\${cursor}&limit=100\`);
    if (response.ok) {
      const answer = await response.json();
      for (const event of answer.events) deliver(event);
      cursor = answer.cursor;
    } else {
      log('the server answered', response.status);
    }
    // TODO: a full page (100 events) means more are waiting: ask again at once.
    // TODO: after a 503, wait the Retry-After seconds the server asks for.
    if (!stopped) timer = setTimeout(poll, 1000);
  }

  poll();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
`;

const solution = `// Short polling with a cursor: pages through a backlog, honours Retry-After, stops cleanly.
export default function connect({ channel, base, deliver, log }) {
  const LIMIT = 100;
  const INTERVAL_MS = 1000;
  const controller = new AbortController();
  let cursor = 0;
  let timer;
  let stopped = false;

  async function poll() {
    let wait = INTERVAL_MS;
    try {
      const url = \`\${base}/api/channels/\${channel}/poll?after=\${cursor}&limit=\${LIMIT}\`;
      const response = await fetch(url, { cache: 'no-store', signal: controller.signal });
      if (response.ok) {
        const answer = await response.json();
        for (const event of answer.events) deliver(event);
        cursor = answer.cursor;
        // A full page: more events are waiting, so ask again at once.
        if (answer.events.length === LIMIT) wait = 0;
      } else {
        // 503 or 429: the server says when to come back. The cursor stays: nothing is lost.
        const seconds = Number(response.headers.get('Retry-After'));
        wait = seconds > 0 ? seconds * 1000 : 2 * INTERVAL_MS;
        log(\`the server answered \${response.status}; next poll in \${wait / 1000} s\`);
      }
    } catch (err) {
      if (stopped) return;
      wait = 2 * INTERVAL_MS;
      log('network error:', err.message);
    }
    if (!stopped) timer = setTimeout(poll, wait);
  }

  poll();
  return () => {
    stopped = true;
    clearTimeout(timer);
    controller.abort();
  };
}
`;

export default {
  id: 'poll-cursor',
  kind: 'technique',
  technique: 'poll',
  lesson: 'polling',
  title: 'Exercise: a polling client that pages, and backs off',
  task: [
    'Write a short-polling client for the channel `channel`. Ask `GET <base>/api/channels/<channel>/poll?after=<cursor>&limit=100` once a second, starting with `after=0`, pass every event of each answer to `deliver(event)` and send the answer’s `cursor` back as the next `after`.',
    '250 events are already waiting when your code starts: more than one page. When an answer is full (100 events), ask again at once instead of waiting the second.',
    'Then the grader makes the server answer `503 Service Unavailable` with `Retry-After: 2` for three seconds: wait the seconds it asks for before the next poll, and keep your cursor, so that nothing published meanwhile is lost.',
    'Return a function that stops the polling: the grader calls it at the end and checks that nothing is left asking.',
  ],
  starter,
  solution,
  hints: [
    'An answer with `events.length === 100` is a full page: set the delay to 0 for the next poll.',
    '`response.headers.get("Retry-After")` is a number of seconds as a string; `Number(...) * 1000` is the delay.',
    'A `fetch` that fails (the network) rejects: catch it and try again later, or your loop stops for good.',
  ],
  starterFails: 'backlog',
  plan: [
    { do: 'publish', count: 250 },
    { do: 'start' },
    { do: 'delivered', timeoutMs: 6000 },
    { do: 'publish', count: 3 },
    { do: 'delivered' },
    { do: 'refuse', status: 503, retryAfter: 2, durationMs: 3000 },
    { do: 'publish', count: 2 },
    { do: 'wait', ms: 3200 },
    { do: 'delivered', timeoutMs: 5000 },
  ],
  requirements: [
    { id: 'exactly-once' },
    { id: 'backlog', count: 250, withinMs: 800 },
    { id: 'retry-after' },
    { id: 'outage-rate', maxPerSecond: 2 },
    { id: 'cleanup' },
  ],
  timeLimitMs: 40_000,
} satisfies ExerciseInput;
