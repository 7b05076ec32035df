// Clients of each technique for the scale-out tests: the real ones of src/client/ (openFeed, the code the
// widgets run and the lessons show), run in Node against an instance given by `base`. They keep a cursor
// and come back with it by themselves when a connection ends; to move to another instance (as behind a
// load balancer without sticky sessions), this helper closes the feed and opens a new one from that
// cursor and its epoch on whichever instance `base()` names now, which is what the course teaches a
// client to do. Every event is recorded as "<epoch>:<seq>", so a test can check that each one arrived
// exactly once, and every reset or gap the client was told about.
import { EventSource } from 'eventsource';
import { TECHNIQUE_IDS, type TechniqueId } from '../../protocol/techniques.ts';
import { openFeed } from '../../src/client/open-feed.ts';

// Node 24 has fetch and WebSocket as globals, as a browser does, but no EventSource. The `eventsource`
// package is a WHATWG-compatible one (it reconnects by itself after the server's `retry:` and sends the
// last id as Last-Event-ID, as a browser does), so src/client/sse.ts runs here unchanged.
globalThis.EventSource ??= EventSource as unknown as typeof globalThis.EventSource;

export type Technique = TechniqueId;
/** Every technique of the registry (protocol/techniques.ts), in the course's order. */
export const TECHNIQUES: readonly Technique[] = TECHNIQUE_IDS;

export interface ResumingClient {
  readonly technique: Technique;
  /** Every event received, in order, as "<epoch>:<seq>". */
  readonly received: string[];
  /** The cursor rule's news, in order: "reset" or "gap:<missed>". */
  readonly notices: string[];
  /**
   * Requests sent (poll, long-poll) or streams and sockets opened (SSE, WebSocket), and failures seen:
   * each drop or refusal the client came back from by itself, and each time it gave up.
   */
  readonly stats: { connects: number; failures: number };
  /** Closes the current feed; resolves when the client has stopped. */
  stop(): Promise<void>;
}

export interface ResumingOptions {
  channel: string;
  /** The instance to connect to, asked each time a feed is opened. */
  base: () => string;
  /**
   * How long a feed lives before this helper closes it and opens the next one, from the same cursor,
   * on `base()` (0: never). The client's own reconnections, while a feed lives, stay on its instance.
   */
  holdMs?: () => number;
}

/** Short polling: the pause between answers (the widgets wait 2 s; these tests want many requests). */
const POLL_INTERVAL_MS = 30;
/** Long polling: how long the server may hold a request. */
const LONG_POLL_TIMEOUT_MS = 1000;
/** After the client gave up (a refusal that asking again would repeat), the pause before a new feed. */
const AFTER_GIVING_UP_MS = 100;

export function seqsOf(received: readonly string[]): number[] {
  return received.map((r) => Number(r.slice(r.lastIndexOf(':') + 1)));
}

export function resumingClient(technique: Technique, opts: ResumingOptions): ResumingClient {
  const received: string[] = [];
  const notices: string[] = [];
  const stats = { connects: 0, failures: 0 };
  let stopped = false;
  // Our place in the log, kept the way the clients keep theirs: the last event's seq, moved past what a
  // gap says was missed, and 0 after a reset (the server then delivers the new history from its start),
  // with the epoch it belongs to. FeedClient.lastSeq is the highest seq delivered, which after a reset
  // still belongs to the lost history, so it is not the cursor to come back with.
  let after = 0;
  let epoch: string | undefined;
  let closeCurrent: (() => void) | undefined;

  /** One feed on one instance, until its hold ends, it gives up, or the client stops. */
  const oneFeed = () =>
    new Promise<void>((done) => {
      let open = true;
      let holdTimer: ReturnType<typeof setTimeout> | undefined;
      const finish = () => {
        if (!open) return;
        // From here on, whatever this feed still reports (an answer already on its way) is ignored: the
        // next feed asks from the cursor as it is now, so nothing is counted twice or skipped.
        open = false;
        clearTimeout(holdTimer);
        feed.close();
        epoch = feed.epoch ?? epoch;
        closeCurrent = undefined;
        done();
      };
      const feed = openFeed(technique, {
        channel: opts.channel,
        base: opts.base(),
        after,
        epoch,
        intervalMs: POLL_INTERVAL_MS,
        timeoutMs: LONG_POLL_TIMEOUT_MS,
        onEvent: ({ seq }) => {
          if (!open) return;
          after = seq;
          const at = received.push(`?:${seq}`) - 1;
          // The polling clients take an answer's epoch once its events are delivered, the streaming ones
          // before: a microtask later, every client's `epoch` is the one of the event just delivered.
          queueMicrotask(() => {
            received[at] = `${feed.epoch}:${seq}`;
          });
        },
        onGap: ({ missed }) => {
          if (!open) return;
          notices.push(`gap:${missed}`);
          after += missed;
        },
        onReset: (reset) => {
          if (!open) return;
          notices.push('reset');
          after = 0;
          epoch = reset.epoch ?? epoch;
        },
        onWire: ({ kind }) => {
          if (open && (kind === 'request' || kind === 'open')) stats.connects++;
        },
        onReconnect: () => {
          if (open) stats.failures++;
        },
        onState: (state) => {
          if (!open || state !== 'error') return;
          // Refused in a way the client will not retry by itself (an EventSource that got an error
          // status, say): start again with a new feed, as a page would.
          stats.failures++;
          clearTimeout(holdTimer);
          holdTimer = setTimeout(finish, AFTER_GIVING_UP_MS);
        },
      });
      closeCurrent = finish;
      const held = opts.holdMs?.() ?? 0;
      if (held > 0) holdTimer = setTimeout(finish, held);
    });

  const loop = (async () => {
    while (!stopped) await oneFeed();
  })();

  return {
    technique,
    received,
    notices,
    stats,
    async stop() {
      stopped = true;
      closeCurrent?.();
      await loop;
    },
  };
}
