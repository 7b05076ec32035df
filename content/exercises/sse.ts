// Exercise: EventSource resumes by itself after a cut, but not after a 503; reopen it, and handle reset.
import type { ExerciseInput } from '../../src/exercises/schema.ts';

const starter = `// Server-Sent Events with EventSource. Run it: the first cut is handled by the browser itself.
export default function connect({ channel, base, deliver, log, reset }) {
  const source = new EventSource(\`\${base}/api/channels/\${channel}/sse?after=0\`);
  source.onopen = () => log('stream open');
  source.onmessage = (message) => deliver(JSON.parse(message.data));
  source.onerror = () => log('stream error; readyState is', source.readyState);
  // TODO: when readyState is EventSource.CLOSED, EventSource has given up: open a new one yourself.
  // TODO: listen for the "reset" event and call reset().
  return () => source.close();
}
`;

const solution = `// Server-Sent Events: EventSource resumes by itself, except when a reconnect is refused.
export default function connect({ channel, base, deliver, log, reset }) {
  let source;
  let lastSeq = 0;
  let epoch = '';
  let timer;
  let stopped = false;

  function open() {
    const cursor = epoch ? \`after=\${lastSeq}&epoch=\${epoch}\` : \`after=\${lastSeq}\`;
    source = new EventSource(\`\${base}/api/channels/\${channel}/sse?\${cursor}\`);
    source.onopen = () => log('stream open');
    source.onmessage = (message) => {
      const event = JSON.parse(message.data);
      // The id is "<epoch>:<seq>": EventSource sends it back by itself as Last-Event-ID.
      epoch = message.lastEventId.split(':')[0];
      lastSeq = event.seq;
      deliver(event);
    };
    source.addEventListener('reset', (message) => {
      epoch = JSON.parse(message.data).epoch;
      lastSeq = 0;
      log('the history was reset; new epoch', epoch);
      reset(epoch);
    });
    source.onerror = () => {
      if (stopped) return;
      if (source.readyState === EventSource.CLOSED) {
        // The reconnect was answered with an error status: EventSource will not try again.
        log('EventSource gave up; reopening from seq', lastSeq, 'in 1 s');
        timer = setTimeout(open, 1000);
      } else {
        log('connection lost; EventSource reconnects by itself with Last-Event-ID');
      }
    };
  }

  open();
  return () => {
    stopped = true;
    clearTimeout(timer);
    source.close();
  };
}
`;

export default {
  id: 'sse-reopen',
  kind: 'technique',
  technique: 'sse',
  lesson: 'sse',
  title: 'Exercise: when EventSource gives up',
  task: [
    'Read the channel `channel` with an EventSource on `<base>/api/channels/<channel>/sse?after=0` and deliver each message’s data parsed with `JSON.parse`: it is the event.',
    'The grader cuts your connection once: watch the console, EventSource reconnects by itself and resumes with `Last-Event-ID`, and you have nothing to do.',
    'Then it cuts the connection again and makes the server answer the reconnect with `503`. That one EventSource does not retry: it fires `error` with `readyState === EventSource.CLOSED` and stays closed. Open a new EventSource yourself after a moment, from the last seq you delivered: `?after=<seq>&epoch=<epoch>` (the epoch is the part of `message.lastEventId` before the `:`).',
    'Last, the grader restarts the channel’s history. The server tells your stream with an `event: reset` message: call `reset()`, then deliver the new history’s events as usual. Return a function that closes the stream.',
  ],
  starter,
  solution,
  hints: [
    'In `onerror`, look at `source.readyState`: `CONNECTING` (0) means the browser is retrying, `CLOSED` (2) means it gave up.',
    'Keep the last seq you delivered in a variable outside the EventSource, so a new one can start from it.',
    '`source.addEventListener("reset", …)`: named events do not reach `onmessage`.',
  ],
  starterFails: 'reopens',
  plan: [
    { do: 'start' },
    { do: 'wait-request' },
    { do: 'publish', count: 3 },
    { do: 'delivered' },
    { do: 'publish', count: 2, cut: true },
    { do: 'delivered', timeoutMs: 8000 },
    { do: 'refuse', status: 503, retryAfter: 1, count: 1, cut: true },
    { do: 'publish', count: 2 },
    { do: 'delivered', timeoutMs: 10_000 },
    { do: 'restart' },
    { do: 'publish', count: 3 },
    { do: 'delivered', timeoutMs: 8000 },
  ],
  requirements: [{ id: 'exactly-once' }, { id: 'reopens' }, { id: 'reset' }, { id: 'cleanup' }],
  timeLimitMs: 50_000,
} satisfies ExerciseInput;
