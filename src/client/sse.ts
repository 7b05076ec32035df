/**
 * The browser side of Server-Sent Events, as used by the lesson widgets.
 * Spec: https://html.spec.whatwg.org/multipage/server-sent-events.html
 * Server side: api/transports/sse.ts. Wire format: docs/api-contract.md.
 */
import { parseEventId } from '../../protocol/channels.ts';
import { isChannelEvent, type FeedClient, type FeedOptions, type GapNotice, type ResetNotice } from './types.ts';
import type { FeedOpener } from './open-feed.ts';
import { channelUrl, utf8Bytes } from './url.ts';

// JSON.parse that returns undefined instead of throwing: a frame we cannot
// read is skipped, it must not kill the stream (the contract lets servers add
// message kinds that clients do not know).
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const GAVE_UP_BEFORE_OPEN =
  'The server refused the stream (not a 200 text/event-stream response), ' + 'so the browser will not retry.';
export const GAVE_UP_AFTER_OPEN =
  'The stream failed for good: on reconnecting, the server answered with ' +
  'an error status or something other than text/event-stream.';

// #region sse-client
export function openSse(options: FeedOptions): FeedClient {
  const { channel, after, epoch, lab, base, onEvent, onGap, onReset, onState, onReconnect, onWire } = options;

  // `after` only matters for a *fresh* EventSource (say, reopened after the
  // tab was hidden). While this one lives, the browser resumes by itself: it
  // resends the last `id:` it saw as the Last-Event-ID header, and the server
  // prefers that header over `?after=`.
  // With the epoch, a server that lost its history meanwhile answers with a reset instead of
  // replaying a different history from the same seq.
  const source = new EventSource(
    channelUrl(channel, 'sse', { after, epoch: after === undefined ? undefined : epoch, lab }, base),
  );

  let lastSeq = after;
  let lastEpoch = epoch;
  let reconnects = 0;
  let wasOpen = false;

  onState?.('connecting');

  source.addEventListener('open', () => {
    wasOpen = true;
    onWire?.({ kind: 'open' });
    onState?.('live');
  });

  // Events without an `event:` line arrive as 'message': one log entry each.
  source.addEventListener('message', (message) => {
    onWire?.({ kind: 'message', bytes: utf8Bytes(message.data) });
    const event = parseJson(message.data);
    if (!isChannelEvent(event)) return;
    lastSeq = event.seq;
    // The id is "<epoch>:<seq>"; the epoch part is what a later ?epoch= needs.
    lastEpoch = parseEventId(message.lastEventId)?.epoch ?? lastEpoch;
    onEvent?.(event);
  });

  // Named events reach addEventListener only; `onmessage` never sees them.
  source.addEventListener('gap', (message) => {
    const gap = parseJson((message as MessageEvent<string>).data) as Partial<GapNotice> | undefined;
    onGap?.({ missed: typeof gap?.missed === 'number' ? gap.missed : 0 });
  });
  source.addEventListener('reset', (message) => {
    const reset = parseJson((message as MessageEvent<string>).data) as Partial<ResetNotice> | undefined;
    lastSeq = undefined;
    if (typeof reset?.epoch === 'string') lastEpoch = reset.epoch;
    onReset?.(typeof reset?.epoch === 'string' ? { epoch: reset.epoch } : {});
  });

  // 'error' carries no status and no reason; readyState says what comes next.
  // CONNECTING: the browser will retry by itself after the `retry:` delay.
  // CLOSED: it failed the connection for good (a non-200 status, a type other
  // than text/event-stream, or a 204 sent on purpose); only a new EventSource
  // can try again.
  source.addEventListener('error', () => {
    onWire?.({ kind: 'closed', reason: 'the stream ended or could not open' });
    if (source.readyState === EventSource.CONNECTING) {
      reconnects += 1;
      onReconnect?.(reconnects);
      onState?.('connecting');
    } else if (source.readyState === EventSource.CLOSED) {
      if (wasOpen) onState?.('error', GAVE_UP_AFTER_OPEN, { code: 'stream-failed' });
      else onState?.('error', GAVE_UP_BEFORE_OPEN, { code: 'stream-refused' });
    }
  });

  return {
    // EventSource reconnects forever unless closed: every widget calls this.
    close: () => source.close(),
    get lastSeq() {
      return lastSeq;
    },
    get epoch() {
      return lastEpoch;
    },
    get reconnects() {
      return reconnects;
    },
  };
}
// #endregion sse-client

export const sseClient = {
  technique: 'sse',
  open: openSse,
  gaveUp: [GAVE_UP_BEFORE_OPEN, GAVE_UP_AFTER_OPEN],
  stopsWith: [{ code: 'stream-refused' }, { code: 'stream-failed' }],
} as const satisfies FeedOpener;
