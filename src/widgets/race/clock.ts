/**
 * The server's clock as seen from the page, estimated the way NTP does (RFC 5905 §8, simplified to one
 * server): note the local time t0, ask the server its time T, note the local time t1. If the request
 * and the answer took as long as each other, the server read its clock at (t0 + t1) / 2 on ours, so
 * offset = T − (t0 + t1) / 2, and the estimate can be wrong by at most half the round trip t1 − t0.
 * The sample with the smallest round trip is the one queueing disturbed least: it is kept.
 */

export interface ClockSample {
  /** Local clock (epoch ms, sub-millisecond) just before the request left. */
  t0: number;
  /** Server clock (epoch ms) in its answer. */
  server: number;
  /** Local clock just after the answer arrived. */
  t1: number;
}

export interface ClockEstimate {
  /** Add to a local time to get the server's time. */
  offsetMs: number;
  /** The round trip of the sample kept. */
  rttMs: number;
  /** How far off the offset can be: half the round trip, plus the server's clock resolution (1 ms). */
  uncertaintyMs: number;
  samples: ClockSample[];
}

/** The server answers in whole milliseconds. */
const SERVER_RESOLUTION_MS = 1;

export function bestOffset(samples: ClockSample[]): ClockEstimate {
  if (samples.length === 0) throw new Error('No clock sample: the server could not be asked for its time.');
  const best = samples.reduce((a, b) => (b.t1 - b.t0 < a.t1 - a.t0 ? b : a));
  const rttMs = best.t1 - best.t0;
  return {
    offsetMs: best.server - (best.t0 + best.t1) / 2,
    rttMs,
    uncertaintyMs: rttMs / 2 + SERVER_RESOLUTION_MS,
    samples,
  };
}

/** Local wall-clock time with sub-millisecond resolution (Date.now() has whole milliseconds only). */
export const localNow = (): number => performance.timeOrigin + performance.now();

/** Asks `GET /api/time` `count` times, one after another, and keeps the best sample. */
export async function estimateServerClock(count = 8): Promise<ClockEstimate> {
  const samples: ClockSample[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = localNow();
    const response = await fetch('/api/time', { cache: 'no-store' });
    const { now } = (await response.json()) as { now: number };
    const t1 = localNow();
    if (response.ok && typeof now === 'number') samples.push({ t0, server: now, t1 });
  }
  return bestOffset(samples);
}
