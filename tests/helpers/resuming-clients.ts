// Clients of each technique that behave as the course tells a real client to: keep a cursor, and when
// the connection ends (or the server answers an error) come back with it, to whichever instance
// `base()` names now. They record every event as (epoch, seq), so a test can check that each one
// arrived exactly once, and every reset or gap they were told about.
import { SseReader, openWs, request, sleep } from './clients.ts';

export type Technique = 'poll' | 'long-poll' | 'sse' | 'websocket';
export const TECHNIQUES: readonly Technique[] = ['poll', 'long-poll', 'sse', 'websocket'];

export interface ResumingClient {
  readonly technique: Technique;
  /** Every event received, in order, as "<epoch>:<seq>". */
  readonly received: string[];
  /** The cursor rule's news, in order: "reset" or "gap:<missed>". */
  readonly notices: string[];
  /** Connections made (or requests sent) and failures seen (error statuses, refused connections). */
  readonly stats: { connects: number; failures: number };
  /** Stops after the current connection; resolves when the loop has ended. */
  stop(): Promise<void>;
}

export interface ResumingOptions {
  channel: string;
  /** The instance to (re)connect to, asked before every connection. */
  base: () => string;
  /** How long a streaming connection is held before the client drops it on purpose (0: never). */
  holdMs?: () => number;
}

export function seqsOf(received: readonly string[]): number[] {
  return received.map((r) => Number(r.slice(r.lastIndexOf(':') + 1)));
}

export function resumingClient(technique: Technique, opts: ResumingOptions): ResumingClient {
  const received: string[] = [];
  const notices: string[] = [];
  const stats = { connects: 0, failures: 0 };
  let stopped = false;
  let epoch: string | undefined;
  let after = 0;
  const hold = () => opts.holdMs?.() ?? 0;
  const path = (kind: string) =>
    `/api/channels/${opts.channel}/${kind}?after=${after}${epoch ? `&epoch=${epoch}` : ''}`;

  const pollOnce = async (longPoll: boolean) => {
    const res = await request(opts.base(), longPoll ? `${path('long-poll')}&timeout=1000` : `${path('poll')}&limit=50`);
    stats.connects++;
    if (res.status !== 200) {
      stats.failures++;
      return sleep(100);
    }
    if (res.json.reset) notices.push('reset');
    if (res.json.missed) notices.push(`gap:${res.json.missed}`);
    epoch = res.json.epoch;
    for (const e of res.json.events) received.push(`${epoch}:${e.seq}`);
    after = res.json.cursor;
    if (!longPoll) await sleep(30);
  };

  let lastEventId: string | undefined;
  const sseOnce = async () => {
    const s = new SseReader(opts.base(), path('sse'), lastEventId ? { 'Last-Event-ID': lastEventId } : {});
    stats.connects++;
    let seen = 0;
    // Only complete events count: a frame cut in half was never dispatched, as in EventSource.
    const drain = () => {
      for (const e of s.events.slice(seen)) {
        if (e.type === 'reset') notices.push('reset');
        if (e.type === 'gap') notices.push(`gap:${e.json.missed}`);
        if (e.type === 'message') received.push(e.id!);
        if (e.id) lastEventId = e.id;
      }
      seen = s.events.length;
    };
    await s.opened.catch(() => {});
    if (s.status !== 200) stats.failures++;
    const held = hold();
    const t0 = Date.now();
    while (!stopped && !s.ended && (held === 0 || Date.now() - t0 < held)) {
      drain();
      await sleep(20);
    }
    const endedByServer = s.ended;
    s.close();
    drain();
    if (endedByServer && s.status === 200) stats.failures++; // the server ended the stream: EventSource reconnects
    if (s.status !== 200) await sleep(100);
  };

  const wsOnce = async () => {
    const c = openWs(opts.base(), path('ws'));
    stats.connects++;
    c.ws.on('message', (data) => {
      const m = JSON.parse(data.toString());
      if (m.type === 'reset') {
        notices.push('reset');
        epoch = m.epoch;
      }
      if (m.type === 'gap') notices.push(`gap:${m.missed}`);
      if (m.type === 'event') {
        received.push(`${epoch ?? '?'}:${m.seq}`);
        after = m.seq;
      }
    });
    try {
      await c.opened;
    } catch {
      stats.failures++;
      return sleep(100);
    }
    const held = hold();
    const closed = c.closed.then(() => true);
    const t0 = Date.now();
    while (!stopped && (held === 0 || Date.now() - t0 < held)) {
      if (await Promise.race([closed, sleep(20).then(() => false)])) {
        stats.failures++; // closed by the server (e.g. 1011 while the store was unreachable)
        return sleep(100);
      }
    }
    c.ws.terminate();
  };

  const once = { poll: () => pollOnce(false), 'long-poll': () => pollOnce(true), sse: sseOnce, websocket: wsOnce }[
    technique
  ];
  const loop = (async () => {
    while (!stopped) {
      try {
        await once();
      } catch {
        stats.failures++; // refused or reset connection: try again, as a real client would
        await sleep(100);
      }
    }
  })();

  return {
    technique,
    received,
    notices,
    stats,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
