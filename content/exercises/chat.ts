// The capstone: a chat client over WebSocket that publishes with a ref, waits for the ack, and
// resends after a reconnect without the message appearing twice (the server dedupes refs).
import type { ExerciseInput } from '../../src/exercises/schema.ts';

const starter = `// A chat client over WebSocket. Receiving already works (with resume); sending does not survive a drop.
export default function connect({ channel, base, deliver, log, onSend }) {
  const url = \`\${base.replace('http', 'ws')}/api/channels/\${channel}/ws\`;
  let socket;
  let lastSeq = 0;
  let epoch = '';
  let attempt = 0;
  let timer;
  let stopped = false;

  function open() {
    socket = new WebSocket(\`\${url}?after=\${lastSeq}\${epoch ? \`&epoch=\${epoch}\` : ''}\`);
    socket.onmessage = (message) => {
      const m = JSON.parse(message.data);
      if (m.type === 'hello') {
        attempt = 0;
        epoch = m.epoch;
      } else if (m.type === 'ack') {
        log('acked as seq', m.seq);
      } else if (m.type === 'event' && m.seq > lastSeq) {
        lastSeq = m.seq;
        deliver({ seq: m.seq, time: m.time, data: m.data });
      }
    };
    socket.onclose = () => {
      if (stopped) return;
      const delay = Math.min(250 * 2 ** attempt++, 4000) * (0.5 + Math.random() / 2);
      timer = setTimeout(open, delay);
    };
  }

  onSend((message) => {
    // TODO: keep the message until its ack arrives, and send it again after a reconnect.
    if (socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({ type: 'publish', data: { ref: message.ref, text: message.text } }));
    }
  });

  open();
  return () => {
    stopped = true;
    clearTimeout(timer);
    socket.close();
  };
}
`;

const solution = `// A chat client over WebSocket: every message is kept until its ack, and resent with its ref.
export default function connect({ channel, base, deliver, log, onSend }) {
  const url = \`\${base.replace('http', 'ws')}/api/channels/\${channel}/ws\`;
  /** ref -> text: sent (or not yet), not acked. */
  const pending = new Map();
  let socket;
  let lastSeq = 0;
  let epoch = '';
  let attempt = 0;
  let timer;
  let stopped = false;

  const publish = (ref, text) => socket.send(JSON.stringify({ type: 'publish', data: { ref, text }, ref }));

  function open() {
    socket = new WebSocket(\`\${url}?after=\${lastSeq}\${epoch ? \`&epoch=\${epoch}\` : ''}\`);
    socket.onmessage = (message) => {
      const m = JSON.parse(message.data);
      if (m.type === 'hello') {
        attempt = 0;
        epoch = m.epoch;
        // Connected again: resend whatever has no ack. The server appends a ref once.
        for (const [ref, text] of pending) publish(ref, text);
      } else if (m.type === 'ack') {
        pending.delete(m.ref);
        if (m.duplicate) log(\`\${m.ref} was already published (seq \${m.seq}): not appended twice\`);
      } else if (m.type === 'event' && m.seq > lastSeq) {
        lastSeq = m.seq;
        deliver({ seq: m.seq, time: m.time, data: m.data });
      }
    };
    socket.onclose = () => {
      if (stopped) return;
      const delay = Math.min(250 * 2 ** attempt++, 4000) * (0.5 + Math.random() / 2);
      log(\`disconnected; \${pending.size} message(s) waiting; reconnecting in \${Math.round(delay)} ms\`);
      timer = setTimeout(open, delay);
    };
  }

  onSend((message) => {
    pending.set(message.ref, message.text);
    if (socket.readyState === WebSocket.OPEN) publish(message.ref, message.text);
  });

  open();
  return () => {
    stopped = true;
    clearTimeout(timer);
    socket.close();
  };
}
`;

export default {
  id: 'chat-capstone',
  kind: 'capstone',
  technique: 'websocket',
  lesson: 'choosing',
  title: 'Capstone: a chat client that never loses or doubles a message',
  task: [
    'Build the sending side of a chat client over WebSocket. `onSend(handler)` registers your handler: the grader calls it with each message the user sends, `{ ref, text }`. Publish it as `{"type":"publish","data":{"ref":…,"text":…},"ref":…}` on the socket, and keep it as pending until the server’s `ack` with the same `ref` arrives.',
    'The connection drops twice: once right after the server appended a message but before its ack reached you (you cannot tell whether it arrived), and once while the user is sending. After you reconnect, send every pending message again with the same `ref`. The server keeps each `ref` of a channel for five minutes and appends it once: it acks a resend with the original `seq` and `"duplicate": true`. That `ref` is an idempotency key.',
    'Receiving already works in the starter (with resume from the last seq): deliver every event of the channel once, yours and the others’. Return a function that closes everything.',
  ],
  starter,
  solution,
  hints: [
    'A `Map` from ref to text is the pending list: set on send, delete on ack.',
    'The `hello` message is the moment a (re)connection is ready: resend the pending messages there.',
    'Without the `ref` on the publish, the server cannot know that a resend is the same message: it would appear twice.',
  ],
  starterFails: 'each-message-once',
  plan: [
    { do: 'start' },
    { do: 'wait-request' },
    { do: 'send', text: 'hello everyone' },
    { do: 'publish', count: 2 },
    { do: 'delivered' },
    { do: 'drop-ack' },
    { do: 'send', text: 'did my message arrive?' },
    { do: 'delivered' },
    { do: 'cut' },
    { do: 'send', text: 'typed while offline' },
    { do: 'publish', count: 1 },
    { do: 'delivered', timeoutMs: 8000 },
  ],
  requirements: [{ id: 'exactly-once' }, { id: 'each-message-once' }, { id: 'cleanup' }],
  timeLimitMs: 40_000,
} satisfies ExerciseInput;
