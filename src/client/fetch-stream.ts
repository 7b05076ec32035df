/**
 * The browser side of streaming with fetch: a POST whose response body is read as a
 * `text/event-stream`, the way chat and completion APIs push tokens. EventSource cannot send a body
 * or headers, so this client does itself what EventSource would have done: parse the stream (the
 * WHATWG rules, below), reconnect after `retry` ms with jitter, resume from the last id, and stop on
 * a status that says stop. Server side: api/transports/fetch-stream.ts. Wire format: docs/api-contract.md.
 */
import { parseEventId } from '../../protocol/channels.ts';
import { gaveUpSentence } from './http-feed.ts';
import type { FeedOpener } from './open-feed.ts';
import { type FeedClient, type FeedOptions, isChannelEvent } from './types.ts';
import { backoffMs, channelUrl, utf8Bytes } from './url.ts';

/** One dispatched event of the stream: what EventSource would hand to a listener. */
export interface StreamEvent {
  /** `message` unless the frame named another type with `event:`. */
  type: string;
  data: string;
  /** The last event ID at dispatch: the last `id:` seen, in this frame or an earlier one. */
  lastEventId: string;
}

// #region event-stream-parser
/**
 * "Interpret an event stream" (WHATWG HTML §9.2.6), for text that arrives in pieces of any size: a
 * piece may end in the middle of a line, or between the CR and the LF of a CRLF.
 */
export class EventStreamParser {
  private buffer = '';
  private first = true;
  private data = '';
  private eventType = '';
  private lastEventIdBuffer = '';
  private readonly dispatch: (event: StreamEvent) => void;
  private readonly onRetry: (ms: number) => void;

  constructor(dispatch: (event: StreamEvent) => void, onRetry: (ms: number) => void = () => {}) {
    this.dispatch = dispatch;
    this.onRetry = onRetry;
  }

  /** Feeds decoded text. TextDecoderStream strips a leading BOM already; a string from elsewhere may have one. */
  push(text: string): void {
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.startsWith('\uFEFF')) text = text.slice(1);
    }
    this.buffer += text;
    // Lines end with CRLF, LF or CR. A CR at the very end may be the first half of a CRLF: wait for more.
    let start = 0;
    for (;;) {
      const end = this.buffer.slice(start).search(/[\r\n]/);
      if (end < 0) break;
      const at = start + end;
      if (this.buffer[at] === '\r' && at === this.buffer.length - 1) break;
      this.line(this.buffer.slice(start, at));
      start = at + (this.buffer[at] === '\r' && this.buffer[at + 1] === '\n' ? 2 : 1);
    }
    this.buffer = this.buffer.slice(start);
  }

  /** The stream ended: a lone CR ends its line, and an event without its blank line is discarded. */
  end(): void {
    if (this.buffer.endsWith('\r')) this.line(this.buffer.slice(0, -1));
    this.buffer = '';
    this.data = '';
    this.eventType = '';
  }

  private line(line: string): void {
    if (line === '') {
      this.dispatchEvent();
      return;
    }
    if (line.startsWith(':')) return; // a comment: heartbeats look like this
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.eventType = value;
    else if (field === 'data') this.data += `${value}\n`;
    else if (field === 'id' && !value.includes('\0')) this.lastEventIdBuffer = value;
    else if (field === 'retry' && /^[0-9]+$/.test(value)) this.onRetry(Number(value));
    // Any other field is ignored.
  }

  private dispatchEvent(): void {
    const lastEventId = this.lastEventIdBuffer;
    if (this.data === '') {
      this.eventType = '';
      return;
    }
    const data = this.data.endsWith('\n') ? this.data.slice(0, -1) : this.data;
    const type = this.eventType || 'message';
    this.data = '';
    this.eventType = '';
    this.dispatch({ type, data, lastEventId });
  }
}
// #endregion event-stream-parser

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Statuses that say "later", not "no": the client waits (Retry-After, or its backoff) and asks again. */
const RETRYABLE = new Set([429, 502, 503, 504]);
/** What EventSource waits before reconnecting when the server never said (Chromium's default). */
const DEFAULT_RETRY_MS = 3000;

// #region fetch-stream-client
export function openFetchStream(options: FeedOptions): FeedClient {
  const { channel, lab, base, onEvent, onGap, onReset, onState, onReconnect, onWire } = options;
  let after = options.after;
  let epoch = options.epoch;
  let lastSeq: number | undefined;
  let reconnects = 0;
  let failures = 0;
  let retryMs = DEFAULT_RETRY_MS;
  let closed = false;
  let controller: AbortController | undefined;
  let wakeUp: (() => void) | undefined;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const onFrame = (frame: StreamEvent) => {
    onWire?.({ kind: 'message', bytes: utf8Bytes(frame.data) });
    // Every frame this server sends carries an id "<epoch>:<seq>": it is the cursor to resume from.
    const id = parseEventId(frame.lastEventId);
    if (id) [epoch, after] = [id.epoch, id.after];
    const body = parseJson(frame.data) as Record<string, unknown> | undefined;
    if (frame.type === 'message' && isChannelEvent(body)) {
      lastSeq = body.seq;
      onEvent?.(body);
    } else if (frame.type === 'gap') {
      onGap?.({ missed: typeof body?.missed === 'number' ? body.missed : 0 });
    } else if (frame.type === 'reset') {
      lastSeq = undefined;
      onReset?.({ epoch: typeof body?.epoch === 'string' ? body.epoch : epoch });
    }
  };

  async function readOnce(): Promise<'again' | 'stop'> {
    controller = new AbortController();
    let response: Response;
    try {
      response = await fetch(channelUrl(channel, 'fetch-stream', { lab }, base), {
        method: 'POST',
        // A body and any headers you like (an API key, say): what EventSource cannot send.
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ after, epoch: after === undefined ? undefined : epoch }),
        signal: controller.signal,
        cache: 'no-store',
      });
    } catch {
      return 'again'; // the network, or close() aborting it
    }
    const type = response.headers.get('content-type') ?? '';
    if (response.status !== 200 || !type.startsWith('text/event-stream')) {
      const text = await response.text().catch(() => '');
      // 204 is how a server says "stop" to EventSource; any other refusal would only be repeated.
      if (!RETRYABLE.has(response.status)) {
        if (response.status === 204) onState?.('error', 'The server said stop (204).', { code: 'told-to-stop' });
        else onState?.('error', gaveUpSentence(response.status, text), { code: 'refused', status: response.status });
        return 'stop';
      }
      retryMs = Number(response.headers.get('retry-after')) * 1000 || retryMs;
      return 'again';
    }
    failures = 0;
    onWire?.({ kind: 'open' });
    onState?.('live');
    const parser = new EventStreamParser(onFrame, (ms) => (retryMs = ms));
    // TextDecoderStream decodes UTF-8 across chunk boundaries: a character split in two arrives whole.
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parser.push(value);
      }
    } catch {
      // aborted by close(), or the connection dropped: either way the stream is over
    }
    parser.end();
    onWire?.({ kind: 'closed', reason: closed ? 'closed by the page' : 'the stream ended' });
    return 'again';
  }

  void (async () => {
    onState?.('connecting');
    while (!closed) {
      if ((await readOnce()) === 'stop' || closed) return;
      failures += 1;
      reconnects += 1;
      onReconnect?.(reconnects);
      onState?.('connecting');
      // The server's retry: delay, as EventSource would wait, with jitter so that clients dropped
      // together do not all come back together, and longer after repeated failures.
      await wait(Math.max(retryMs * (0.5 + Math.random() * 0.5), failures > 1 ? backoffMs(failures) : 0));
    }
  })();

  return {
    close() {
      closed = true;
      controller?.abort();
      wakeUp?.();
    },
    get lastSeq() {
      return lastSeq;
    },
    get epoch() {
      return epoch;
    },
    get reconnects() {
      return reconnects;
    },
  };
}
// #endregion fetch-stream-client

export const fetchStreamClient = {
  technique: 'fetch-stream',
  open: openFetchStream,
  gaveUp: [
    gaveUpSentence(400, '{"error":{"message":"The body must be a JSON object such as {\\"after\\": 41} or {}."}}'),
  ],
  stopsWith: [{ code: 'refused', status: 400 }],
} as const satisfies FeedOpener;
