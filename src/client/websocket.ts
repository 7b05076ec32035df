/**
 * The browser side of WebSocket (RFC 6455), as used by the lesson widgets. The browser's WebSocket
 * neither reconnects nor resumes: this client does both, with the server's small protocol
 * (docs/api-contract.md): hello / event / gap / reset / ack / error down, publish up.
 * Server side: api/transports/websocket.ts.
 */
import { backoffMs, channelUrl, utf8Bytes } from './url.ts';
import { isChannelEvent, type FeedClient, type FeedOptions } from './types.ts';
import type { FeedOpener } from './open-feed.ts';

export interface WebSocketFeed extends FeedClient {
  /**
   * Publishes `data` on the channel over this socket; resolves with the seq the server gave it
   * (its `ack`), rejects with the server's reason or when the socket is not open.
   */
  publish(data: unknown): Promise<number>;
}

/** Attempts in a row that never opened before the client stops: the server is refusing, not flaky. */
const MAX_FAILED_OPENS = 8;
/** What the client says when it stops trying. */
export const GAVE_UP = `The WebSocket could not open ${MAX_FAILED_OPENS} times in a row (refused or unreachable), so the client stopped retrying.`;
const ACK_TIMEOUT_MS = 10_000;

/**
 * Why a publish failed, as a code a page can word in its own language (the message says it in
 * English): the socket was not open, no ack came in time, the socket closed first, or the server
 * refused the message (its reason is the message).
 */
export class PublishError extends Error {
  readonly code: 'not-open' | 'no-ack' | 'closed' | 'refused';
  constructor(message: string, code: PublishError['code']) {
    super(message);
    this.code = code;
  }
}

interface Pending {
  resolve: (seq: number) => void;
  reject: (err: PublishError) => void;
  timer: ReturnType<typeof setTimeout>;
}

// #region ws-client
export function openWebSocket(options: FeedOptions): WebSocketFeed {
  const { channel, lab, base, onEvent, onGap, onReset, onState, onReconnect, onWire } = options;
  // Our place in the log. After a reset the server replays the new history from its oldest event,
  // so until one arrives our place is "before everything" of the new epoch: 0.
  let cursor = options.after;
  let epoch = options.epoch;
  let lastSeq: number | undefined;
  let reconnects = 0;
  let failedOpens = 0;
  let closedByUs = false;
  let socket: WebSocket;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let nextRef = 0;
  const pending = new Map<string, Pending>();

  const settle = (ref: unknown, outcome: { seq: number } | { error: string; code: PublishError['code'] }) => {
    const p = typeof ref === 'string' ? pending.get(ref) : undefined;
    if (!p) return;
    pending.delete(ref as string);
    clearTimeout(p.timer);
    if ('seq' in outcome) p.resolve(outcome.seq);
    else p.reject(new PublishError(outcome.error, outcome.code));
  };

  const onMessage = (raw: string) => {
    onWire?.({ kind: 'message', bytes: utf8Bytes(raw) });
    let m: Record<string, unknown>;
    try {
      m = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return; // not ours to understand; the contract lets servers add message kinds
    }
    if (m.type === 'event' && isChannelEvent(m)) {
      cursor = lastSeq = m.seq;
      onEvent?.({ seq: m.seq, time: m.time, data: m.data });
    } else if (m.type === 'hello') {
      // Which history the events that follow belong to: sent back as ?epoch= when we resume.
      if (typeof m.epoch === 'string') epoch = m.epoch;
    } else if (m.type === 'gap') {
      onGap?.({ missed: typeof m.missed === 'number' ? m.missed : 0 });
    } else if (m.type === 'reset') {
      if (typeof m.epoch === 'string') epoch = m.epoch;
      cursor = 0;
      lastSeq = undefined;
      onReset?.({ epoch });
    } else if (m.type === 'ack') {
      settle(m.ref, { seq: Number(m.seq) });
    } else if (m.type === 'error') {
      settle(m.ref, {
        error: typeof m.message === 'string' ? m.message : 'The server refused the message.',
        code: 'refused',
      });
    }
  };

  function connect() {
    // Resume from our cursor (with its epoch) instead of the head: nothing published while we were
    // away is lost, nothing we already have is sent twice.
    socket = new WebSocket(
      channelUrl(channel, 'websocket', { after: cursor, epoch: cursor === undefined ? undefined : epoch, lab }, base),
    );
    let opened = false;
    socket.onopen = () => {
      opened = true;
      failedOpens = 0;
      onWire?.({ kind: 'open' });
      onState?.('live');
    };
    socket.onmessage = (e) => {
      if (!closedByUs && typeof e.data === 'string') onMessage(e.data);
    };
    // #region ws-reconnect
    // 'close' follows 'error' every time, with a code: 1006 means the connection just went away.
    socket.onclose = (e) => {
      onWire?.({
        kind: 'closed',
        reason: e.code === 1006 ? 'connection lost (1006, no close frame)' : `closed ${e.code} ${e.reason}`.trim(),
      });
      for (const ref of [...pending.keys()])
        settle(ref, { error: 'The connection closed before the server acknowledged the message.', code: 'closed' });
      if (closedByUs) return;
      if (!opened && ++failedOpens >= MAX_FAILED_OPENS) {
        onState?.('error', GAVE_UP, { code: 'no-socket', tries: MAX_FAILED_OPENS });
        return;
      }
      reconnects += 1;
      onReconnect?.(reconnects);
      onState?.('connecting');
      // Unlike EventSource, nothing reconnects for us: wait (longer after each failed attempt), then dial.
      retryTimer = setTimeout(connect, backoffMs(failedOpens + 1));
    };
    // #endregion ws-reconnect
  }

  onState?.('connecting');
  connect();

  return {
    close() {
      closedByUs = true;
      clearTimeout(retryTimer);
      // Closing a socket that is still connecting makes the browser log an error: let it open first.
      if (socket.readyState === WebSocket.CONNECTING) socket.onopen = () => socket.close(1000, 'closed by the page');
      else socket.close(1000, 'closed by the page');
    },
    publish(data) {
      if (socket.readyState !== WebSocket.OPEN)
        return Promise.reject(new PublishError('The WebSocket is not open right now.', 'not-open'));
      const ref = `p${++nextRef}`;
      const message = JSON.stringify({ type: 'publish', data, ref });
      return new Promise<number>((resolve, reject) => {
        const timer = setTimeout(
          () => settle(ref, { error: 'No acknowledgement from the server within 10 s.', code: 'no-ack' }),
          ACK_TIMEOUT_MS,
        );
        pending.set(ref, { resolve, reject, timer });
        socket.send(message);
        onWire?.({ kind: 'sent', bytes: utf8Bytes(message) });
      });
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
// #endregion ws-client

export const webSocketClient = {
  technique: 'websocket',
  open: openWebSocket,
  gaveUp: [GAVE_UP],
  stopsWith: [{ code: 'no-socket', tries: MAX_FAILED_OPENS }],
} as const satisfies FeedOpener;
