// Bytes on the wire per delivered event, measured on a single subscriber's TCP connection and predicted
// from the framing rules: RFC 6455 §5.2 (a 2-byte header up to 125 bytes of payload, 4 up to 65535),
// HTTP/1.1 chunked transfer coding (RFC 9112 §7.1: hex size, CRLF, data, CRLF) under an SSE stream, and
// a whole request plus response per event for the polling techniques.
import type { TechniqueId as Technique } from '../../protocol/techniques.ts';
import type { WireReply } from './protocol.ts';
import { type RawExchange, RawHttpConnection } from './raw-http.ts';
import { endpointOf, openSse, openWebSocket, type StreamSubscriber } from './subscribers.ts';

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

export async function measureWire(
  technique: Technique,
  base: string,
  channel: string,
  payloadBytes: number,
  events: number,
): Promise<WireReply> {
  const to = endpointOf(base);
  const publisher = new RawHttpConnection(to);
  const publish = () =>
    publisher.exchange(
      'POST',
      `/api/channels/${channel}/events`,
      { 'Content-Type': 'application/json' },
      JSON.stringify({ data: payloadOf(payloadBytes) }),
    );
  const parts: WireReply['parts'][] = [];
  let sample = '';
  try {
    if (technique === 'websocket' || technique === 'sse') {
      const texts: string[] = [];
      // A heartbeat comment (SSE) or the greeting (WebSocket) may fall inside the window: it is not part
      // of any event, so its bytes, with their own framing, are taken out.
      let heartbeatBytes = 0;
      const otherFrameBytes = (length: number) =>
        length + (technique === 'websocket' ? webSocketHeaderBytes(length) : chunkFramingBytes(length));
      const hooks = {
        onMessage: (t: string) => texts.push(t),
        onDrop: (why: string) => texts.push(`drop: ${why}`),
        onOtherFrame: (t: string) => (heartbeatBytes += otherFrameBytes(Buffer.byteLength(t))),
      };
      const sub: StreamSubscriber =
        technique === 'websocket' ? await openWebSocket(to, channel, hooks) : await openSse(to, channel, hooks);
      try {
        const before = sub.wireBytes();
        heartbeatBytes = 0;
        for (let i = 1; i <= events; i++) {
          await publish();
          await waitUntil(() => texts.length >= i, `event ${i} over ${technique}`);
        }
        const measured = sub.wireBytes() - before - heartbeatBytes;
        for (const text of texts) {
          const length = Buffer.byteLength(text);
          if (technique === 'websocket') {
            parts.push({
              request: 0,
              responseHead: 0,
              framing: webSocketHeaderBytes(length),
              envelope: length - payloadBytes,
              payload: payloadBytes,
            });
          } else {
            const json = text.slice(text.indexOf('data: ') + 6, -2);
            const jsonLength = Buffer.byteLength(json);
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
      let cursor = Number(
        /"cursor":(\d+)/.exec((await reader.exchange('GET', `/api/channels/${channel}/poll`)).body)?.[1] ?? 0,
      );
      const before = reader.wireBytes();
      for (let i = 0; i < events; i++) {
        let exchange: RawExchange;
        if (technique === 'poll') {
          await publish();
          exchange = await reader.exchange('GET', `/api/channels/${channel}/poll?after=${cursor}`);
        } else {
          const held = reader.exchange('GET', `/api/channels/${channel}/long-poll?after=${cursor}&timeout=10000`);
          // Let the request arrive and wait before publishing, so the answer is the wake-up, not a replay.
          await new Promise((r) => setTimeout(r, 20));
          await publish();
          exchange = await held;
        }
        cursor = Number(/"cursor":(\d+)/.exec(exchange.body)?.[1] ?? cursor);
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
