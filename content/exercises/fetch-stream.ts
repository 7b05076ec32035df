// Exercise: a fetch stream does not reconnect by itself; after a cut, POST again with the cursor of the
// last event, and handle reset.
import type { ExerciseInput } from '../../src/exercises/schema.ts';

const starter = `// Streaming with fetch: a POST whose body is read as a text/event-stream.
export default function connect({ channel, base, deliver, log, reset }) {
  const controller = new AbortController();

  // The frames of the stream, one block of lines per blank line (a simple parser: "field: value").
  function frames(block) {
    const frame = { event: 'message', data: '', id: '' };
    for (const line of block.split('\\n')) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue; // a comment (":") or nothing
      const field = line.slice(0, colon);
      const value = line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') frame.data += value;
      else if (field === 'id') frame.id = value;
      else if (field === 'event') frame.event = value;
    }
    return frame;
  }

  async function read() {
    const response = await fetch(\`\${base}/api/channels/\${channel}/stream\`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ after: 0 }),
      signal: controller.signal,
    });
    log('stream open:', response.status);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
      let end;
      while ((end = text.indexOf('\\n\\n')) >= 0) {
        const frame = frames(text.slice(0, end));
        text = text.slice(end + 2);
        if (frame.event === 'message' && frame.data) deliver(JSON.parse(frame.data));
      }
    }
    log('the stream ended');
    // TODO: nothing reconnects a fetch. Wait a moment, then POST again with the cursor of the last
    // event you saw: its id is "<epoch>:<seq>", send { after: <seq>, epoch: "<epoch>" }.
    // TODO: an "event: reset" frame means the history was lost: call reset().
  }

  read().catch((err) => log('stopped:', err.message));
  return () => controller.abort();
}
`;

const solution = `// Streaming with fetch, with what EventSource would have done rebuilt: reconnect and resume.
export default function connect({ channel, base, deliver, log, reset }) {
  const controller = new AbortController();
  let after = 0;
  let epoch;
  let stopped = false;

  function frames(block) {
    const frame = { event: 'message', data: '', id: '' };
    for (const line of block.split('\\n')) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      const field = line.slice(0, colon);
      const value = line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') frame.data += value;
      else if (field === 'id') frame.id = value;
      else if (field === 'event') frame.event = value;
    }
    return frame;
  }

  async function readOnce() {
    const response = await fetch(\`\${base}/api/channels/\${channel}/stream\`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ after, epoch }),
      signal: controller.signal,
    });
    log('stream open from seq', after);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      text += value;
      let end;
      while ((end = text.indexOf('\\n\\n')) >= 0) {
        const frame = frames(text.slice(0, end));
        text = text.slice(end + 2);
        // Every frame carries the cursor as its id: keep it, it is what the next POST sends.
        if (frame.id) [epoch, after] = [frame.id.split(':')[0], Number(frame.id.split(':')[1])];
        if (frame.event === 'reset') {
          log('the history was reset; new epoch', epoch);
          reset(epoch);
        } else if (frame.event === 'message' && frame.data) {
          deliver(JSON.parse(frame.data));
        }
      }
    }
  }

  (async () => {
    while (!stopped) {
      try {
        await readOnce();
      } catch (err) {
        if (stopped) return;
        log('the stream failed:', err.message);
      }
      if (stopped) return;
      // What EventSource would have done: wait, then ask again from the cursor.
      const wait = 500 + Math.random() * 500;
      log('reconnecting from seq', after, 'in', Math.round(wait), 'ms');
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  })();

  return () => {
    stopped = true;
    controller.abort();
  };
}
`;

export default {
  id: 'fetch-stream-resume',
  kind: 'technique',
  technique: 'fetch-stream',
  lesson: 'fetch-streaming',
  title: 'Exercise: rebuild what EventSource did',
  task: [
    'POST `{"after": 0}` as JSON to `<base>/api/channels/<channel>/stream` and read the answer, a `text/event-stream`, from `response.body`; deliver the JSON of each message’s `data`. The starter does this much.',
    'The grader cuts your connection. Nothing reconnects a fetch: when the stream ends or fails, wait a moment and POST again, with the cursor of the last event you saw. Every frame’s `id:` is `<epoch>:<seq>`: send `{"after": <seq>, "epoch": "<epoch>"}`.',
    'Then the grader restarts the channel’s history. Your next stream starts with an `event: reset` frame: call `reset()`, then deliver the new history. Return a function that stops everything.',
  ],
  starter,
  solution,
  hints: [
    'Wrap the reading in a loop: `while (!stopped) { await readOnce(); wait; }`.',
    'Keep `after` and `epoch` outside the loop, updated from each frame’s `id:`; a gap or reset frame carries an id too.',
    'Abort the fetch in the function you return, and set a flag so the loop does not start again.',
  ],
  starterFails: 'exactly-once',
  plan: [
    { do: 'start' },
    { do: 'wait-request' },
    { do: 'publish', count: 3 },
    { do: 'delivered' },
    { do: 'publish', count: 3, cut: true },
    { do: 'delivered', timeoutMs: 8000 },
    { do: 'restart' },
    { do: 'publish', count: 3 },
    { do: 'delivered', timeoutMs: 8000 },
  ],
  requirements: [{ id: 'exactly-once' }, { id: 'reset' }, { id: 'cleanup' }],
  timeLimitMs: 40_000,
} satisfies ExerciseInput;
