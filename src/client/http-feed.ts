/**
 * What short polling and long polling share: one HTTP GET at a time that carries the client's cursor,
 * and an answer that moves it (docs/api-contract.md, poll and long-poll). Only the loop around
 * `ask()` differs between the two techniques: see poll.ts and long-poll.ts.
 */
import { isPollAnswer, type PollAnswer } from '../../protocol/messages.ts';
import type { FeedClient, FeedOptions, StopReason } from './types.ts';
import { backoffMs, channelUrl, utf8Bytes } from './url.ts';

/** The API's error body says in a sentence what went wrong; show that rather than a bare status. */
function errorSentence(status: number, body: string): string {
  try {
    const message = (JSON.parse(body) as { error?: { message?: unknown } }).error?.message;
    if (typeof message === 'string') return `The server answered ${status}: ${message}`;
  } catch {
    // not JSON: a proxy's error page, say
  }
  return `The server answered ${status}.`;
}

/** What the client says when it stops: the server refused in a way that asking again would only repeat. */
export function gaveUpSentence(status: number, body: string): string {
  return `${errorSentence(status, body)} Asking again would get the same answer, so the client stopped.`;
}

/**
 * A long sentence of the kind gaveUpSentence() makes (worded as the server words a 404), for pages
 * that keep room for whatever the client may stop with.
 */
export const HTTP_GAVE_UP_SAMPLE = gaveUpSentence(
  404,
  JSON.stringify({
    error: {
      message: `No API route at GET /api/channels/lab-${'0'.repeat(32)}/long-poll; see /api-reference/ for the reference.`,
    },
  }),
);

/** Statuses worth asking again for: the server is busy or going away, not refusing this request. */
const RETRYABLE = new Set([429, 502, 503, 504]);

export interface HttpFeed {
  readonly client: FeedClient;
  /** False once closed, or once the server refused in a way that asking again cannot fix. */
  readonly running: boolean;
  /** Sends one request from the current cursor: the number of events answered (0: an empty answer), or -1 if none came. */
  ask(extra?: Record<string, number>): Promise<number>;
  /** How long to wait after a failure: the server's Retry-After, or a growing backoff. */
  retryDelay(): number;
  /** Resolves after `ms`, or at once when the client is closed meanwhile. */
  wait(ms: number): Promise<void>;
}

export function httpFeed(technique: 'poll' | 'long-poll', options: FeedOptions): HttpFeed {
  const { channel, lab, base, onEvent, onGap, onReset, onState, onReconnect, onWire } = options;
  let cursor = options.after;
  let epoch = options.epoch;
  let lastSeq: number | undefined;
  let running = true;
  let live = false;
  let failures = 0;
  let reconnects = 0;
  let retryAfterMs: number | undefined;
  let requestId = 0;
  let inFlight: AbortController | undefined;
  let stopWaiting: (() => void) | undefined;

  const fail = (id: number, reason: string) => {
    onWire?.({ kind: 'failed', id, reason });
    failures += 1;
    reconnects += 1;
    live = false;
    onReconnect?.(reconnects);
    onState?.('connecting');
  };

  const giveUp = (id: number, reason: string, code: StopReason) => {
    onWire?.({ kind: 'failed', id, reason });
    running = false;
    onState?.('error', reason, code);
  };

  const apply = (answer: PollAnswer) => {
    // The answer's epoch first: whoever reads `epoch` from a callback below sees the history it is in.
    epoch = answer.epoch;
    if (answer.reset) {
      // Our last seq belonged to the lost history: until an event of the new one arrives, we have none.
      lastSeq = undefined;
      onReset?.({ epoch: answer.epoch });
    }
    if (answer.missed) onGap?.({ missed: answer.missed });
    for (const event of answer.events) {
      lastSeq = event.seq;
      onEvent?.(event);
    }
    cursor = answer.cursor;
  };

  onState?.('connecting');

  return {
    get running() {
      return running;
    },
    client: {
      close: () => {
        running = false;
        inFlight?.abort();
        stopWaiting?.();
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
    },

    async ask(extra = {}) {
      const id = ++requestId;
      inFlight = new AbortController();
      retryAfterMs = undefined;
      onWire?.({ kind: 'request', id });
      // #region ask-once
      let status = 0;
      let body: string;
      try {
        // The epoch goes with the cursor: a server that lost its history answers with a reset.
        const url = channelUrl(channel, technique, { after: cursor, epoch, ...extra, lab }, base);
        const response = await fetch(url, { signal: inFlight.signal, cache: 'no-store' });
        status = response.status;
        retryAfterMs = Number(response.headers.get('retry-after')) * 1000 || undefined;
        body = await response.text();
      } catch (err) {
        // close() aborted it on purpose; anything else is the network: the request or its answer was lost.
        if (!running) return -1;
        fail(
          id,
          `The request failed before an answer arrived (${(err as Error).message}). Asking again with the same cursor.`,
        );
        return -1;
      }
      if (status !== 200) {
        if (RETRYABLE.has(status) || status >= 500) fail(id, errorSentence(status, body));
        else giveUp(id, gaveUpSentence(status, body), { code: 'refused', status });
        return -1;
      }
      let answer: unknown;
      try {
        answer = JSON.parse(body);
      } catch {
        answer = undefined;
      }
      if (!isPollAnswer(answer)) {
        fail(id, 'The answer was not the JSON this API sends (a proxy in between?).');
        return -1;
      }
      onWire?.({ kind: 'response', id, status, bytes: utf8Bytes(body), events: answer.events.length });
      failures = 0;
      if (!live) {
        live = true;
        onState?.('live');
      }
      apply(answer);
      return answer.events.length;
      // #endregion ask-once
    },

    retryDelay: () => retryAfterMs ?? backoffMs(failures),

    wait: (ms) =>
      new Promise<void>((resolve) => {
        if (!running) return resolve();
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          stopWaiting = undefined;
          resolve();
        }
        stopWaiting = done;
      }),
  };
}
