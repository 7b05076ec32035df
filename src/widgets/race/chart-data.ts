/**
 * The chart's data: one x value per event (when it was published, in seconds from the race's start),
 * and for each technique the latency of that event's first arrival, or null where it has not arrived.
 * uPlot wants exactly this: a shared, sorted x array and one y array per series.
 */
export type AlignedData = [number[], ...(number | null)[][]];

/** The smallest latency drawn: the y axis is logarithmic, and the clock estimate can make a few ms negative. */
export const FLOOR_MS = 0.1;

export function alignSeries(
  publishedAt: ReadonlyMap<string, number>,
  series: readonly ReadonlyMap<string, number>[],
  startsAt: number,
): AlignedData {
  const keys = [...publishedAt.keys()].sort((a, b) => publishedAt.get(a)! - publishedAt.get(b)! || a.localeCompare(b));
  const x = keys.map((k) => (publishedAt.get(k)! - startsAt) / 1000);
  const ys = series.map((s) =>
    keys.map((k) => {
      const v = s.get(k);
      return v === undefined ? null : Math.max(FLOOR_MS, v);
    }),
  );
  return [x, ...ys];
}
