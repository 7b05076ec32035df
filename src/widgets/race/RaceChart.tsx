/**
 * Latency over time, one line per technique, drawn by uPlot once a race starts (the library is loaded
 * then, not with the page). The space is reserved from the first render, so nothing below it moves.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AlignedData } from './chart-data.ts';
import type { LatencyChart, SeriesStyle } from './chart.ts';
import Swatch from './Swatch.tsx';

import type { RaceWidgetStrings } from '../../i18n/en/widgetsRace.ts';
interface Props {
  series: SeriesStyle[];
  data: AlignedData;
  /** Seconds after the start at which faults were injected. */
  faults: number[];
  /** Changes when `data` does: the chart redraws then, not on every render of the widget. */
  version: number;
  summary: string;
  words: RaceWidgetStrings['chart'];
}

export default function RaceChart({ series, data, faults, version, summary, words }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<LatencyChart | null>(null);
  const [problem, setProblem] = useState('');

  useEffect(() => {
    let cancelled = false;
    const el = box.current!;
    import('./chart.ts')
      .then(({ mountChart }) => {
        if (!cancelled) chart.current = mountChart(el, series, data, el.clientWidth);
      })
      .catch((err: Error) => setProblem(words.failed(err.message)));
    const resize = new ResizeObserver(() => chart.current?.resize(el.clientWidth));
    resize.observe(el);
    return () => {
      cancelled = true;
      resize.disconnect();
      chart.current?.destroy();
      chart.current = null;
    };
  }, []);

  useEffect(() => chart.current?.update(data, faults), [version]);

  return (
    <figure class="w-race-chart">
      <div class="w-race-plot" ref={box} role="img" aria-label={summary} />
      <figcaption>
        <ul class="w-race-legend">
          {series.map((s) => (
            <li key={s.label}>
              <Swatch color={s.color} dash={s.dash} />
              {s.label}
            </li>
          ))}
        </ul>
        {words.caption}
        {problem && <span class="w-error"> {problem}</span>}
      </figcaption>
    </figure>
  );
}
