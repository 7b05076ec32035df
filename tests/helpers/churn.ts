// Clients of every technique that are cut off at random and come back with their cursor, the way a
// learner on a train would. Shared by the no-loss test and the soak run (scripts/soak.ts). They are
// written on raw sockets, not with the browser clients of src/client/, because they are fault
// injectors: they drop the TCP connection at a random moment (mid-answer, mid-frame), which a
// browser client's close() never does.
import { parseEventId } from '../../protocol/channels.ts';
import {
  type Technique as TechniqueInfo,
  TECHNIQUE_IDS,
  type TechniqueId,
  technique as techniqueInfo,
} from '../../protocol/techniques.ts';
import { SseReader, openWs, request, sleep } from './clients.ts';

export type Technique = TechniqueId;
export const TECHNIQUES = TECHNIQUE_IDS;

export interface ChurnOptions {
  base: string;
  channel: string;
  /** The client stops once this returns true for what it has received (checked between connections). */
  stop: (received: Received) => boolean;
  /** Uniform random numbers in [0, 1): pass a seeded one to make a failure replayable. */
  random: () => number;
  /** How long one connection lives at most before it is cut (ms). */
  maxLifeMs?: number;
  /** Source address for this client's connections. */
  localAddress?: string;
}

export interface Received {
  technique: Technique;
  seqs: number[];
  disconnects: number;
  /** Answers or messages that said reset or gap: never expected while retention is not exceeded. */
  resetsOrGaps: number;
}

/** A seeded linear congruential generator: cheap, and the same seed gives the same run. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

async function pollLoop(longPoll: boolean, o: ChurnOptions, r: Received): Promise<void> {
  let cursor = 0;
  const maxLife = o.maxLifeMs ?? 300;
  while (!o.stop(r)) {
    const ac = new AbortController();
    const cut = setTimeout(() => ac.abort(), o.random() * maxLife);
    const path = `/api/channels/${o.channel}/${longPoll ? 'long-poll' : 'poll'}?after=${cursor}&limit=37${longPoll ? '&timeout=2000' : ''}`;
    try {
      const res = await request(o.base, path, { signal: ac.signal, localAddress: o.localAddress });
      if (res.status !== 200) throw new Error(`status ${res.status}`);
      // A short poll answers too fast to be cut mid-way, so some answers are dropped as if the
      // connection died on the way back: the client must ask again with the same cursor.
      if (!longPoll && o.random() < 0.2) throw new Error('answer lost');
      if (res.json.reset || res.json.missed) r.resetsOrGaps++;
      for (const e of res.json.events) r.seqs.push(e.seq);
      cursor = res.json.cursor;
    } catch {
      r.disconnects++;
    } finally {
      clearTimeout(cut);
    }
    if (!longPoll) await sleep(20);
  }
}

/**
 * An event-stream client: EventSource's way (a GET that sends Last-Event-ID) or fetch's (a POST whose
 * body carries the last id's cursor).
 */
async function streamLoop(info: TechniqueInfo, o: ChurnOptions, r: Received): Promise<void> {
  let lastId: string | undefined;
  while (!o.stop(r)) {
    const path = `/api/channels/${o.channel}/${info.segment}`;
    const cursor = lastId ? parseEventId(lastId) : undefined;
    const s =
      info.method === 'GET'
        ? new SseReader(o.base, `${path}?after=0`, lastId ? { 'Last-Event-ID': lastId } : {})
        : new SseReader(o.base, path, { 'content-type': 'application/json' }, JSON.stringify(cursor ?? { after: 0 }));
    try {
      await s.opened;
    } catch {
      r.disconnects++;
      continue;
    }
    await sleep(50 + o.random() * ((o.maxLifeMs ?? 300) - 50));
    s.close();
    // Only complete events count: a frame cut in half is never dispatched, as in EventSource.
    for (const e of s.events) {
      if (e.type !== 'message') r.resetsOrGaps++;
      else r.seqs.push(e.json.seq);
      if (e.id) lastId = e.id;
    }
    r.disconnects++;
  }
}

async function wsLoop(o: ChurnOptions, r: Received): Promise<void> {
  let cursor = 0;
  while (!o.stop(r)) {
    const c = openWs(
      o.base,
      `/api/channels/${o.channel}/ws?after=${cursor}`,
      o.localAddress ? { localAddress: o.localAddress } : {},
    );
    c.ws.on('message', (data) => {
      const m = JSON.parse(data.toString());
      if (m.type === 'event') {
        r.seqs.push(m.seq);
        cursor = m.seq;
      } else if (m.type === 'gap' || m.type === 'reset') {
        r.resetsOrGaps++;
      }
    });
    try {
      await c.opened;
      await sleep(50 + o.random() * ((o.maxLifeMs ?? 300) - 50));
    } catch {
      // refused or failed: counted below like any other disconnect
    }
    c.ws.terminate();
    r.disconnects++;
  }
}

export async function churnClient(technique: Technique, o: ChurnOptions): Promise<Received> {
  const r: Received = { technique, seqs: [], disconnects: 0, resetsOrGaps: 0 };
  const info = techniqueInfo(technique);
  if (info.wire === 'json-answers') await pollLoop(info.connection === 'held-request', o, r);
  else if (info.wire === 'event-stream') await streamLoop(info, o, r);
  else await wsLoop(o, r);
  return r;
}

/** Lost and duplicated seqs, and whether the ones received came in order, for a log of 1..total. */
export function audit(seqs: readonly number[], total: number): { lost: number; duplicated: number; inOrder: boolean } {
  const seen = new Set<number>();
  let duplicated = 0;
  let inOrder = true;
  for (let i = 0; i < seqs.length; i++) {
    if (seen.has(seqs[i]!)) duplicated++;
    seen.add(seqs[i]!);
    if (i > 0 && seqs[i]! <= seqs[i - 1]!) inOrder = false;
  }
  let lost = 0;
  for (let s = 1; s <= total; s++) if (!seen.has(s)) lost++;
  return { lost, duplicated, inOrder };
}
