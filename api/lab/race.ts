// The race's publisher: one stream of events on a learner's private channel, at the rate and size the
// learner chose, for every technique to deliver side by side. The server publishes them itself, so
// that the publish path (a browser's request, the publish rate limit) is not part of what is measured,
// and so that 50 events a second do not need 50 requests a second from the page.
import { ApiError } from '../errors.ts';
import type { AppendResult } from '../log/types.ts';
import { RACE_BOUNDS, type RaceSegment, type RaceSettings, type RaceStatus } from '../../protocol/lab.ts';
import type { LabPublisher } from './lab-channel.ts';

/** Between the answer and the first event: the page opens its clients meanwhile. */
export const RACE_LEAD_MS = 1500;
/**
 * After its last event the lab's tick stays quiet this long, so the clients the page is closing read
 * nothing but the race (the page's own idle window for a lab is as long).
 */
const QUIET_AFTER_MS = 30_000;

const invalid = (message: string) => new ApiError('invalid_race', message);

/** Reads `{"rate","payloadBytes","durationMs"}`, each a number within RACE_BOUNDS. */
export function parseRaceSettings(body: unknown): RaceSettings {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid('The body must be a JSON object such as {"rate": 5, "payloadBytes": 100, "durationMs": 10000}.');
  }
  const b = body as Record<string, unknown>;
  const read = (name: keyof RaceSettings, integer: boolean): number => {
    const { min, max, unit } = RACE_BOUNDS[name];
    const v = b[name];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
      throw invalid(
        `"${name}" must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max} (${unit}); got ${JSON.stringify(v ?? null)}.`,
      );
    }
    return v;
  };
  return { rate: read('rate', false), payloadBytes: read('payloadBytes', true), durationMs: read('durationMs', true) };
}

/**
 * The `data` of race event `n`: a JSON string whose serialization is exactly `bytes` long (its two
 * quotes included), starting with its number when there is room. ASCII only, so bytes = characters.
 */
export function raceData(n: number, bytes: number): string {
  const room = bytes - 2;
  return `${n}:`.padEnd(room, 'x').slice(0, room);
}

/** Events planned for a race: one per period, at least one. */
export const plannedEvents = (s: RaceSettings) => Math.max(1, Math.floor((s.durationMs * s.rate) / 1000));

export interface RaceOptions {
  settings: RaceSettings;
  append: (data: string) => Promise<AppendResult>;
  now?: () => number;
  leadMs?: number;
}

export class RaceRun implements LabPublisher {
  readonly settings: RaceSettings;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly planned: number;
  private readonly periodMs: number;
  private readonly append: (data: string) => Promise<AppendResult>;
  private readonly now: () => number;
  private readonly segments: RaceSegment[] = [];
  private sent = 0;
  private published = 0;
  private failed = 0;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly finishedWaiters: (() => void)[] = [];

  constructor(options: RaceOptions) {
    this.settings = options.settings;
    this.append = options.append;
    this.now = options.now ?? Date.now;
    this.startsAt = this.now() + (options.leadMs ?? RACE_LEAD_MS);
    this.endsAt = this.startsAt + this.settings.durationMs;
    this.planned = plannedEvents(this.settings);
    this.periodMs = 1000 / this.settings.rate;
    this.schedule();
  }

  /** Until the last planned publish has settled: one still waiting for the store is part of the race. */
  get running(): boolean {
    return !this.stopped && this.published + this.failed < this.planned;
  }

  get quietsTicker(): boolean {
    return !this.stopped && this.now() < this.endsAt + QUIET_AFTER_MS;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.settle();
  }

  /** Resolves once the last event is published (or the race stopped): for tests. */
  finished(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.finishedWaiters.push(resolve));
  }

  status(): RaceStatus {
    return {
      running: this.running,
      settings: this.settings,
      startsAt: this.startsAt,
      endsAt: this.endsAt,
      planned: this.planned,
      published: this.published,
      failed: this.failed,
      segments: this.segments.map((s) => ({ ...s })),
    };
  }

  // Each event is due at startsAt + k periods, whatever the previous publish cost: timers that fire
  // late (a busy event loop) are caught up instead of stretching the race.
  private schedule(): void {
    if (!this.running) {
      this.settle();
      return;
    }
    const due = this.startsAt + this.sent * this.periodMs;
    // A timer may fire a millisecond before Date.now() reaches `due` (timers run on the monotonic clock):
    // never publish before the announced time, wait the rest instead.
    this.timer = setTimeout(
      () => void (this.now() < due ? this.schedule() : this.publishNext()),
      Math.max(0, due - this.now()),
    );
    this.timer.unref();
  }

  private async publishNext(): Promise<void> {
    const n = ++this.sent;
    try {
      this.record(await this.append(raceData(n, this.settings.payloadBytes)));
    } catch {
      this.failed++;
    }
    if (!this.stopped) this.schedule();
  }

  private record({ event, epoch }: AppendResult): void {
    this.published++;
    const last = this.segments.at(-1);
    if (last && last.epoch === epoch && event.seq === last.last + 1) last.last = event.seq;
    else this.segments.push({ epoch, first: event.seq, last: event.seq });
  }

  private settle(): void {
    for (const resolve of this.finishedWaiters.splice(0)) resolve();
  }
}
