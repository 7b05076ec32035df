// Bytes on the wire per delivered event, measured on a single subscriber's TCP connection and predicted
// from the framing rules: RFC 6455 §5.2 (a 2-byte header up to 125 bytes of payload, 4 up to 65535),
// HTTP/1.1 chunked transfer coding (RFC 9112 §7.1: hex size, CRLF, data, CRLF) under an event stream, and
// a whole request plus response per event for the techniques that answer with JSON. Which rule applies is
// the registry's `wire`; whether a request is held before the publish, its `connection`.
import type { PollAnswer } from '../../protocol/messages.ts';
import { channelPath } from '../../protocol/routes.ts';
import { type TechniqueId, technique } from '../../protocol/techniques.ts';
import type { WireReply } from './protocol.ts';
import { type RawExchange, RawHttpConnection } from './raw-http.ts';
import { endpointOf, openStream, parseEventStreamFrame, type StreamSubscriber } from './subscribers.ts';

export function webSocketHeaderBytes(payloadLength: number): number {
  return payloadLength < 126 ? 2 : payloadLength < 65_536 ? 4 : 10;
}

export function chunkFramingBytes(chunkLength: number): number {
  return chunkLength.toString(16).length + 4;
}

/** The payload as JSON of exactly `bytes` bytes: a string of `bytes - 2` characters and its quotes. */
export const payloadOf = (bytes: number) => 'x'.repeat(Math.max(0, bytes - 2));

const sum = (list: readonly WireReply['parts'][], key: keyof WireReply['parts']) =>
  list.reduce((s, p) => s + p[key], 0);

function average(parts: WireReply['parts'][], measured: number, sample: string): WireReply {
  const n = parts.length;
  const each = (key: keyof WireReply['parts']) => sum(parts, key) / n;
  const avg = {
    request: each('request'),
    responseHead: each('responseHead'),
    framing: each('framing'),
    envelope: each('envelope'),
    payload: each('payload'),
  };
  return {
    measured: measured / n,
    expected: avg.request + avg.responseHead + avg.framing + avg.envelope + avg.payload,
    parts: avg,
    sample,
  };
}

async function waitUntil(pred: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** The cursor of a JSON answer (a PollAnswer; the bare baseline's carries only `events` and `cursor`). */
function cursorOf(body: string): number | undefined {
  const { cursor } = JSON.parse(body) as Partial<Pick<PollAnswer, 'cursor'>>;
  return Number.isSafeInteger(cursor) ? cursor : undefined;
}

export async function measureWire(
  id: TechniqueId,
  base: string,
  channel: string,
  payloadBytes: number,
  events: number,
): Promise<WireReply> {
  const t = technique(id);
  const to = endpointOf(base);
  const path = (query: string) => `${channelPath(channel, t.segment)}${query}`;
  const publisher = new RawHttpConnection(to);
  const publish = () =>
    publisher.exchange(
      'POST',
      channelPath(channel, 'events'),
      { 'Content-Type': 'application/json' },
      JSON.stringify({ data: payloadOf(payloadBytes) }),
    );
  const parts: WireReply['parts'][] = [];
  let sample = '';
  try {
    if (t.wire !== 'json-answers') {
      const texts: string[] = [];
      // A heartbeat comment (event stream) or the greeting (WebSocket) may fall inside the window: it is not
      // part of any event, so its bytes, with their own framing, are taken out.
      let heartbeatBytes = 0;
      const otherFrameBytes = (length: number) =>
        length + (t.wire === 'websocket-frames' ? webSocketHeaderBytes(length) : chunkFramingBytes(length));
      const hooks = {
        onMessage: (text: string) => texts.push(text),
        onDrop: (why: string) => texts.push(`drop: ${why}`),
        onOtherFrame: (text: string) => (heartbeatBytes += otherFrameBytes(Buffer.byteLength(text))),
      };
      const sub: StreamSubscriber = await openStream(id, to, channel, hooks);
      try {
        // One event first, unmeasured: what a stream sends once (the project's retry: line rides with its
        // first frame) is not the cost of an event.
        await publish();
        await waitUntil(() => texts.length >= 1, `the first event over ${id}`);
        texts.length = 0;
        const before = sub.wireBytes();
        heartbeatBytes = 0;
        for (let i = 1; i <= events; i++) {
          await publish();
          await waitUntil(() => texts.length >= i, `event ${i} over ${id}`);
        }
        const measured = sub.wireBytes() - before - heartbeatBytes;
        for (const text of texts) {
          const length = Buffer.byteLength(text);
          if (t.wire === 'websocket-frames') {
            parts.push({
              request: 0,
              responseHead: 0,
              framing: webSocketHeaderBytes(length),
              envelope: length - payloadBytes,
              payload: payloadBytes,
            });
          } else {
            // All of the frame but its data (the `id:` line, the field names, the newlines) only delimits.
            const jsonLength = Buffer.byteLength(parseEventStreamFrame(text).data ?? '');
            parts.push({
              request: 0,
              responseHead: 0,
              framing: chunkFramingBytes(length) + length - jsonLength,
              envelope: jsonLength - payloadBytes,
              payload: payloadBytes,
            });
          }
        }
        sample = texts[0] ?? '';
        return average(parts, measured, sample);
      } finally {
        sub.close();
      }
    }

    const reader = new RawHttpConnection(to);
    try {
      // Where the log stands now; a held request is told not to wait for it.
      const head = await reader.exchange(t.method, path(t.connection === 'held-request' ? '?timeout=0' : ''));
      let cursor = cursorOf(head.body) ?? 0;
      const before = reader.wireBytes();
      for (let i = 0; i < events; i++) {
        let exchange: RawExchange;
        if (t.connection !== 'held-request') {
          await publish();
          exchange = await reader.exchange(t.method, path(`?after=${cursor}`));
        } else {
          const held = reader.exchange(t.method, path(`?after=${cursor}&timeout=10000`));
          // Let the request arrive and wait before publishing, so the answer is the wake-up, not a replay.
          await new Promise((r) => setTimeout(r, 20));
          await publish();
          exchange = await held;
        }
        cursor = cursorOf(exchange.body) ?? cursor;
        const bodyLength = Buffer.byteLength(exchange.body);
        parts.push({
          request: exchange.requestBytes,
          responseHead: Buffer.byteLength(exchange.head),
          framing: 0,
          envelope: bodyLength - payloadBytes,
          payload: payloadBytes,
        });
        sample ||= exchange.head + exchange.body;
      }
      return average(parts, reader.wireBytes() - before, sample);
    } finally {
      reader.close();
    }
  } finally {
    publisher.close();
  }
}
