// Exercise: the long-polling loop: the cursor, empty answers at the timeout, 429 with Retry-After, no duplicates.
import type { ExerciseInput } from '../../src/exercises/schema.ts';

const starter = `// Long polling: ask, deliver, ask again at once. Run it and read what fails.
export default function connect({ channel, base, deliver, log }) {
  const controller = new AbortController();
  let cursor = 0;
  let stopped = false;

  async function loop() {
    while (!stopped) {
      const url = \`\${base}/api/channels/\${channel}/long-poll?after=\${cursor}&timeout=1000\`;
      const response = await fetch(url, { signal: controller.signal });
      const answer = await response.json();
      for (const event of answer.events) deliver(event);
      // The next request asks for what comes after the last event we have.
      cursor = answer.events[answer.events.length - 1].seq;
    }
  }

  loop();
  return () => {
    stopped = true;
    controller.abort();
  };
}
`;

const solution = `// Long polling: one loop, one cursor, a wait on 429 and on network errors.
export default function connect({ channel, base, deliver, log }) {
  const controller = new AbortController();
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  let cursor = 0;
  let stopped = false;

  async function loop() {
    while (!stopped) {
      try {
        const url = \`\${base}/api/channels/\${channel}/long-poll?after=\${cursor}&timeout=1000\`;
        const response = await fetch(url, { cache: 'no-store', signal: controller.signal });
        if (!response.ok) {
          // 429 (or 503): wait what the server asks for, then ask again with the same cursor.
          const seconds = Number(response.headers.get('Retry-After')) || 1;
          log(\`the server answered \${response.status}; asking again in \${seconds} s\`);
          await sleep(seconds * 1000);
          continue;
        }
        const answer = await response.json();
        for (const event of answer.events) deliver(event);
        // The server's cursor: the last event's seq, or ours again after an empty answer (the timeout).
        cursor = answer.cursor;
      } catch (err) {
        if (stopped) return;
        // The connection dropped: the same cursor again, so nothing is lost and nothing repeated.
        log('network error; asking again in 0.5 s:', err.message);
        await sleep(500);
      }
    }
  }

  loop();
  return () => {
    stopped = true;
    controller.abort();
  };
}
`;

export default {
  id: 'long-poll-loop',
  kind: 'technique',
  technique: 'long-poll',
  lesson: 'long-polling',
  title: 'Exercise: the long-polling loop',
  task: [
    'Write the long-polling loop for the channel `channel`: ask `GET <base>/api/channels/<channel>/long-poll?after=<cursor>&timeout=1000`, starting with `after=0`; the server holds the request until there is an event after your cursor, or answers with no events after one second. Deliver every event with `deliver(event)`, then ask again at once with the answer’s `cursor`.',
    'The grader keeps the channel quiet for a while: your requests come back empty at their timeout, and you must keep asking.',
    'Then it makes the server answer one request with `429 Too Many Requests` and `Retry-After: 2`: wait two seconds before the next one. At the end it cuts your connection while events are published: ask again with the same cursor, so that no event is lost or delivered twice.',
    'Return a function that stops the loop (an `AbortController` also ends the request being held).',
  ],
  starter,
  solution,
  hints: [
    'An answer at the timeout has `"events": []`: what is the last event of an empty list?',
    'The answer carries a `cursor`: it is the right `after` for the next request in every case, empty answers included.',
    'Wrap one round of the loop in `try`/`catch`: a cut connection makes `fetch` (or `response.json()`) reject.',
    'A `429` is not a failure of the loop: read `Retry-After`, wait, and continue with the same cursor.',
  ],
  starterFails: 'asks-again',
  plan: [
    { do: 'start' },
    { do: 'wait-request' },
    { do: 'publish', count: 3 },
    { do: 'delivered' },
    { do: 'mark', name: 'quiet-start' },
    { do: 'wait', ms: 3600 },
    { do: 'mark', name: 'quiet-end' },
    { do: 'publish', count: 2 },
    { do: 'delivered' },
    { do: 'refuse', status: 429, retryAfter: 2, count: 1 },
    { do: 'wait', ms: 1500 },
    { do: 'publish', count: 2 },
    { do: 'delivered', timeoutMs: 6000 },
    { do: 'publish', count: 2, cut: true },
    { do: 'delivered' },
  ],
  requirements: [
    { id: 'exactly-once' },
    { id: 'asks-again', from: 'quiet-start', to: 'quiet-end', min: 3 },
    { id: 'retry-after' },
    { id: 'cleanup' },
  ],
  timeLimitMs: 40_000,
} satisfies ExerciseInput;
