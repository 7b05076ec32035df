// Exercise: a WebSocket client that reconnects with exponential backoff and jitter, resumes with
// after and epoch, and ignores a repeated event.
import type { ExerciseInput } from '../../src/exercises/schema.ts';

const starter = `// WebSocket: the browser neither reconnects nor resumes; this client must. Run it.
export default function connect({ channel, base, deliver, log, reset }) {
  const url = \`\${base.replace('http', 'ws')}/api/channels/\${channel}/ws\`;
  let socket;
  let lastSeq = 0;
  let stopped = false;

  function open() {
    socket = new WebSocket(\`\${url}?after=\${lastSeq}\`);
    socket.onmessage = (message) => {
      const m = JSON.parse(message.data);
      if (m.type === 'event') {
        lastSeq = m.seq;
        deliver({ seq: m.seq, time: m.time, data: m.data });
      }
    };
    // Reconnects at once, every time.
    socket.onclose = () => {
      if (!stopped) open();
    };
  }

  open();
  return () => {
    stopped = true;
    socket.close();
  };
}
`;

const solution = `// WebSocket: reconnect with exponential backoff and jitter, resume with after and epoch.
export default function connect({ channel, base, deliver, log, reset }) {
  const url = \`\${base.replace('http', 'ws')}/api/channels/\${channel}/ws\`;
  let socket;
  let lastSeq = 0;
  let epoch = '';
  let attempt = 0;
  let timer;
  let stopped = false;

  function open() {
    const cursor = epoch ? \`after=\${lastSeq}&epoch=\${epoch}\` : \`after=\${lastSeq}\`;
    socket = new WebSocket(\`\${url}?\${cursor}\`);
    socket.onmessage = (message) => {
      const m = JSON.parse(message.data);
      if (m.type === 'hello') {
        // Connected: the next failure starts the backoff from the beginning again.
        attempt = 0;
        epoch = m.epoch;
      } else if (m.type === 'reset') {
        epoch = m.epoch;
        lastSeq = 0;
        reset(m.epoch);
      } else if (m.type === 'event') {
        if (m.seq <= lastSeq) {
          log('ignored a repeated event, seq', m.seq);
          return;
        }
        lastSeq = m.seq;
        deliver({ seq: m.seq, time: m.time, data: m.data });
      }
    };
    socket.onclose = () => {
      if (stopped) return;
      // 250 ms, 500 ms, 1 s, 2 s, then 4 s at most, each times a random factor from 0.5 to 1.
      const delay = Math.min(250 * 2 ** attempt, 4000) * (0.5 + Math.random() / 2);
      attempt++;
      log(\`closed; reconnecting in \${Math.round(delay)} ms\`);
      timer = setTimeout(open, delay);
    };
  }

  open();
  return () => {
    stopped = true;
    clearTimeout(timer);
    socket.close();
  };
}
`;

export default {
  id: 'ws-reconnect',
  kind: 'technique',
  technique: 'websocket',
  lesson: 'websocket',
  title: 'Exercise: reconnect, back off, resume',
  task: [
    'Open a WebSocket on `base` with `ws` for `http`: `ws://<host>/api/channels/<channel>/ws?after=0` (`base` with `ws` for `http`). The server sends JSON text messages: `hello` (with `epoch` and `head`), `event` (`seq`, `time`, `data`), `reset` (`epoch`) and `gap` (`missed`). Deliver each event as `{ seq, time, data }`.',
    'The grader sends one event twice, as a redelivery after a failover can: ignore an event whose seq you already have.',
    'Then it cuts your connection and refuses your next three reconnects with `503`. Reconnect with exponential backoff and jitter: about 250 ms, 500 ms, 1 s, 2 s, then 4 s at most, each times a random factor, back to the start once a connection works. Resume with `?after=<last seq>&epoch=<epoch>`, the epoch of the last `hello` or `reset`.',
    'Last, it restarts the channel’s history and publishes more events than you had. Only your `epoch` lets the server see that your cursor is from a lost history: on `reset`, call `reset(epoch)` and start again from seq 0. Return a function that closes the socket.',
  ],
  starter,
  solution,
  hints: [
    'Count failed attempts since the last `hello`: the delay is `250 * 2 ** attempt` milliseconds, capped, times `0.5 + Math.random() / 2`.',
    'Keep the epoch of the last `hello` (or `reset`) and send it back as `&epoch=` when you reconnect.',
    'Events arrive in order: an event whose `seq` is not above the last one you delivered is a repeat.',
    'Clear the pending reconnect timer in your close function, or the socket comes back after the end.',
  ],
  starterFails: 'backoff',
  plan: [
    { do: 'start' },
    { do: 'wait-request' },
    { do: 'publish', count: 3 },
    { do: 'delivered' },
    { do: 'repeat' },
    { do: 'wait', ms: 300 },
    { do: 'publish', count: 1 },
    { do: 'delivered' },
    { do: 'refuse', status: 503, retryAfter: 1, count: 3, durationMs: 15_000, cut: true },
    { do: 'publish', count: 2 },
    { do: 'delivered', timeoutMs: 20_000 },
    { do: 'restart' },
    { do: 'publish', count: 8 },
    { do: 'delivered', timeoutMs: 8000 },
  ],
  requirements: [{ id: 'exactly-once' }, { id: 'backoff', maxPerSecond: 3 }, { id: 'reset' }, { id: 'cleanup' }],
  timeLimitMs: 50_000,
} satisfies ExerciseInput;
