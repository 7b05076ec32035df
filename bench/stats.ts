// Latency as a log-scale histogram: fan-out to 10 000 subscribers at hundreds of events per second is
// millions of samples, too many to ship from the generator processes. Buckets 1 % wide merge exactly, so
// the p99 of the merged histogram is within 1 % of the p99 of the raw samples.
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
/** Smallest latency told apart (1 µs); anything below, including a clock read a hair early, lands here. */
const FLOOR_MS = 0.001;

export interface HistogramJson {
  readonly buckets: readonly (readonly [number, number])[];
  readonly count: number;
  readonly max: number;
  readonly sum: number;
}

export class Histogram {
  private readonly buckets = new Map<number, number>();
  count = 0;
  max = 0;
  sum = 0;

  record(ms: number): void {
    const value = Math.max(ms, FLOOR_MS);
    const index = Math.floor(Math.log(value / FLOOR_MS) / LOG_GROWTH);
    this.buckets.set(index, (this.buckets.get(index) ?? 0) + 1);
    this.count++;
    this.sum += value;
    if (value > this.max) this.max = value;
  }

  merge(other: HistogramJson): this {
    for (const [index, n] of other.buckets) this.buckets.set(index, (this.buckets.get(index) ?? 0) + n);
    this.count += other.count;
    this.sum += other.sum;
    this.max = Math.max(this.max, other.max);
    return this;
  }

  /** The upper edge of the bucket holding the p-th percentile, never above the largest sample. */
  percentile(p: number): number {
    if (this.count === 0) return Number.NaN;
    const rank = Math.ceil((p / 100) * this.count);
    let seen = 0;
    for (const index of [...this.buckets.keys()].sort((a, b) => a - b)) {
      seen += this.buckets.get(index)!;
      if (seen >= rank) return Math.min(this.max, FLOOR_MS * GROWTH ** (index + 1));
    }
    return this.max;
  }

  summary(): LatencySummary {
    return {
      count: this.count,
      p50: this.percentile(50),
      p99: this.percentile(99),
      max: this.count ? this.max : Number.NaN,
      mean: this.count ? this.sum / this.count : Number.NaN,
    };
  }

  toJSON(): HistogramJson {
    return { buckets: [...this.buckets], count: this.count, max: this.max, sum: this.sum };
  }

  static from(json: HistogramJson): Histogram {
    return new Histogram().merge(json);
  }
}

export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

/** Least-squares slope of y over x: memory per connection from all the steps, not just the last one. */
export function slope(points: readonly (readonly [number, number])[]): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? Number.NaN : num / den;
}

/** project / baseline, or NaN when either side is missing; the table prints NaN as "n/a". */
export function ratio(project: number | undefined, baseline: number | undefined): number {
  if (
    project === undefined ||
    baseline === undefined ||
    !Number.isFinite(project) ||
    !Number.isFinite(baseline) ||
    baseline === 0
  )
    return Number.NaN;
  return project / baseline;
}
