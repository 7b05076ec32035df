/**
 * What the learner chooses for a race, the choices offered, and the settings as a URL query so that a
 * shared summary links to the same experiment.
 */

export interface RaceChoice {
  /** Events per second the server publishes. */
  rate: number;
  /** Bytes of each event's data, serialized. */
  payloadBytes: number;
  durationMs: number;
  /** The polling client's wait between an answer and its next request. */
  intervalMs: number;
}

export const CHOICES = {
  rate: [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50],
  payloadBytes: [10, 100, 1000, 10_000],
  durationMs: [5000, 10_000, 20_000, 30_000, 60_000],
  intervalMs: [250, 500, 1000, 2000, 5000],
} as const satisfies Record<keyof RaceChoice, readonly number[]>;

export const DEFAULT_CHOICE: RaceChoice = { rate: 5, payloadBytes: 100, durationMs: 10_000, intervalMs: 1000 };

/** Query parameter names: short, for a link that reads well. */
const PARAMS: Record<keyof RaceChoice, string> = {
  rate: 'rate',
  payloadBytes: 'payload',
  durationMs: 'duration',
  intervalMs: 'interval',
};

export function choiceToQuery(c: RaceChoice): string {
  const q = new URLSearchParams();
  for (const key of Object.keys(PARAMS) as (keyof RaceChoice)[]) q.set(PARAMS[key], String(c[key]));
  return q.toString();
}

/** The choice a query names; anything missing or not on offer keeps its default. */
export function choiceFromQuery(search: string): RaceChoice {
  const q = new URLSearchParams(search);
  const choice = { ...DEFAULT_CHOICE };
  for (const key of Object.keys(PARAMS) as (keyof RaceChoice)[]) {
    const raw = q.get(PARAMS[key]);
    const value = raw === null ? NaN : Number(raw);
    if ((CHOICES[key] as readonly number[]).includes(value)) choice[key] = value;
  }
  return choice;
}
