/**
 * The latency chart, drawn by uPlot. This module is imported dynamically when a race starts, so uPlot
 * (about 20 KB gzipped) is never part of a lesson's first load. Its stylesheet (2 KB) comes with
 * race.css instead: Astro's build drops CSS imported by a chunk that is only loaded dynamically.
 */
import uPlot from 'uplot';
import type { AlignedData } from './chart-data.ts';

export interface SeriesStyle {
  label: string;
  color: string;
  /** Dashes, so the lines are told apart without colour too. */
  dash: readonly number[];
}

export interface LatencyChart {
  update(data: AlignedData, faults: number[]): void;
  resize(width: number): void;
  destroy(): void;
}

const HEIGHT = 260;

function decades(min: number, max: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(Math.max(min, 1e-3))); 10 ** e <= max; e++) if (10 ** e >= min) out.push(10 ** e);
  return out;
}

export function mountChart(el: HTMLElement, series: SeriesStyle[], data: AlignedData, width: number): LatencyChart {
  // Canvas colours must be plain colours: the site's tokens are light-dark() pairs, which a canvas does
  // not understand, so they are read back resolved from properties race.css sets on the element.
  const style = getComputedStyle(el);
  const text = style.color;
  const grid = style.columnRuleColor;
  let faults: number[] = [];
  const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } };
  const plot = new uPlot(
    {
      width,
      height: HEIGHT,
      scales: { x: { time: false }, y: { distr: 3 } },
      axes: [
        { ...axis, label: 'published at (s after the start)' },
        // One grid line per decade: a log axis otherwise draws nine per decade.
        {
          ...axis,
          label: 'latency (ms, log scale)',
          size: 60,
          splits: (_u: uPlot, _i: number, min: number, max: number) => decades(min, max),
        },
      ],
      series: [
        { label: 'published at (s)' },
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          dash: [...s.dash],
          width: 2,
          spanGaps: false,
          points: { show: false },
        })),
      ],
      // The widget draws its own legend, as text: uPlot's is a clickable table without keyboard access.
      legend: { show: false },
      hooks: {
        // A vertical line where the learner injected each fault.
        draw: [
          (u: uPlot) => {
            const ctx = u.ctx;
            ctx.save();
            ctx.strokeStyle = text;
            ctx.setLineDash([2, 4]);
            for (const at of faults) {
              const xPos = Math.round(u.valToPos(at, 'x', true));
              ctx.beginPath();
              ctx.moveTo(xPos, u.bbox.top);
              ctx.lineTo(xPos, u.bbox.top + u.bbox.height);
              ctx.stroke();
            }
            ctx.restore();
          },
        ],
      },
    },
    data,
    el,
  );
  return {
    update(next, nextFaults) {
      faults = nextFaults;
      plot.setData(next);
    },
    resize: (w) => plot.setSize({ width: w, height: HEIGHT }),
    destroy: () => plot.destroy(),
  };
}
