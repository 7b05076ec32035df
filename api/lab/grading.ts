// A grading run on one lab (the exercises' grader, docs/api-contract.md section 10): while it runs, the
// lab claims its private channel (the learner's code connects without `?lab=`), the tick stays quiet so
// that the only events are the planned ones, every request of the lab is logged with its arrival time,
// and a refusal plan answers the next requests with 503 or 429 on purpose (an outage, a rate limit).
import type { LabRequests, OutageRecord, RefusePlan, RequestRecord, TechniqueId } from '../../protocol/index.ts';
import { REFUSE_BOUNDS } from '../../protocol/lab.ts';
import { ApiError } from '../errors.ts';
import type { LabPublisher } from './lab-channel.ts';

/** How long a grading run keeps the tick quiet after its start or its last publish. */
export const GRADING_QUIET_MS = 120_000;
/** Requests kept per lab for the back-off judgement; older ones are counted in `dropped`. */
const MAX_REQUESTS = 2000;
const MAX_OUTAGES = 20;

/** A staged refusal: what it answers, until when and how many more. */
interface ActiveRefusal {
  readonly record: OutageRecord;
  remaining: number;
}

export class GradingRun implements LabPublisher {
  private quietUntil: number;
  private readonly log: RequestRecord[] = [];
  private dropped = 0;
  private readonly outages: OutageRecord[] = [];
  private active: ActiveRefusal | null = null;
  private readonly now: () => number;

  constructor(now: () => number) {
    this.now = now;
    this.quietUntil = now() + GRADING_QUIET_MS;
  }

  get quietsTicker(): boolean {
    return this.now() < this.quietUntil;
  }

  /** Server clock at which the tick may come back. */
  get quietEnds(): number {
    return this.quietUntil;
  }

  /** A planned publish keeps the channel quiet a while longer. */
  touch(): void {
    this.quietUntil = Math.max(this.quietUntil, this.now() + GRADING_QUIET_MS);
  }

  stop(): void {
    this.quietUntil = 0;
    this.endRefusal();
  }

  /** Stages a refusal for the next requests, replacing one still active. */
  refuse(plan: Required<Omit<RefusePlan, 'cut'>>): OutageRecord {
    this.endRefusal();
    const from = this.now();
    const record: OutageRecord = {
      status: plan.status,
      retryAfter: plan.retryAfter,
      from,
      until: from + plan.durationMs,
      endedAt: null,
      refused: 0,
    };
    this.outages.push(record);
    if (this.outages.length > MAX_OUTAGES) this.outages.shift();
    this.active = { record, remaining: plan.count };
    return record;
  }

  private endRefusal(at = this.now()): void {
    if (!this.active) return;
    this.active.record.endedAt = Math.min(at, this.active.record.until);
    this.active = null;
  }

  /**
   * A request of the lab arrives: logged, and refused when a refusal is active. Returns the error to
   * answer with, or null to let it through.
   */
  arrive(technique: TechniqueId): ApiError | null {
    const at = this.now();
    if (this.active && at >= this.active.record.until) this.endRefusal(this.active.record.until);
    const refusal = this.active;
    this.log.push({ at, technique, refused: refusal ? refusal.record.status : null });
    if (this.log.length > MAX_REQUESTS) {
      this.log.shift();
      this.dropped++;
    }
    if (!refusal) return null;
    refusal.record.refused++;
    if (--refusal.remaining <= 0) this.endRefusal(at);
    const { status, retryAfter } = refusal.record;
    const headers = { 'Retry-After': String(retryAfter) };
    return status === 429
      ? new ApiError(
          'fault_rate_limited',
          `Too many requests (the lab's fault plan says so): wait ${retryAfter} s before the next one.`,
          headers,
        )
      : new ApiError(
          'fault_unavailable',
          `The service is unavailable (the lab's fault plan says so); retry in ${retryAfter} s.`,
          headers,
        );
  }

  report(): LabRequests {
    const at = this.now();
    if (this.active && at >= this.active.record.until) this.endRefusal(this.active.record.until);
    return { requests: [...this.log], dropped: this.dropped, outages: this.outages.map((o) => ({ ...o })) };
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function bounded(body: Record<string, unknown>, name: keyof typeof REFUSE_BOUNDS, fallback: number): number {
  const value = body[name] ?? fallback;
  const { min, max, unit } = REFUSE_BOUNDS[name];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ApiError('invalid_fault', `"${name}" must be an integer from ${min} to ${max} (${unit}).`);
  }
  return value;
}

/** A refusal plan from a request body, every setting checked against its range. */
export function parseRefusePlan(body: unknown): Required<RefusePlan> {
  if (!isRecord(body))
    throw new ApiError('invalid_fault', 'Send a JSON object such as {"status":503,"durationMs":3000}.');
  if (body.status !== 503 && body.status !== 429)
    throw new ApiError('invalid_fault', '"status" must be 503 (unavailable) or 429 (too many requests).');
  if (body.cut !== undefined && typeof body.cut !== 'boolean')
    throw new ApiError('invalid_fault', '"cut" must be true or false.');
  return {
    status: body.status,
    retryAfter: bounded(body, 'retryAfter', 1),
    count: bounded(body, 'count', REFUSE_BOUNDS.count.max),
    durationMs: bounded(body, 'durationMs', 10_000),
    cut: body.cut === true,
  };
}

/** A publish plan from a request body. */
export function parsePublishPlan(body: unknown, max: number): { count: number; cut: boolean } {
  if (!isRecord(body)) throw new ApiError('invalid_fault', 'Send a JSON object such as {"count":5}.');
  const { count, cut } = body;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > max)
    throw new ApiError('invalid_fault', `"count" must be an integer from 0 to ${max} (events).`);
  if (cut !== undefined && typeof cut !== 'boolean')
    throw new ApiError('invalid_fault', '"cut" must be true or false.');
  return { count, cut: cut === true };
}
