/**
 * The introduction's teaser: every technique reading one channel at the same time, side by side.
 * Each column runs the real browser client of its technique (src/client/); the figures are measured in
 * this page: events, HTTP requests, empty answers and how late each technique showed an event compared
 * with the first of them to show it.
 */
import { useRef, useState } from 'preact/hooks';
import { useBatchedRender } from '../shared/use-batched-render.ts';
import { useBrowserValue } from '../shared/use-browser-value.ts';
import { usePageGate } from '../shared/use-page-gate.ts';
import '../shared/widgets.css';
import './teaser.css';
import { LagMeter } from './lag-meter.ts';
import { type ColumnModel, type ColumnState, useTeaserFeed } from './use-teaser-feed.ts';
import {
  holdsOneConnection,
  TECHNIQUE_IDS,
  TECHNIQUES,
  type TechniqueId,
  technique as techniqueInfo,
} from '../../../protocol/techniques.ts';

interface Props {
  /** The channel they all read; the server's own `ticker` unless a lesson wants another. */
  channel?: string;
}

/** A column's heading; a soft hyphen lets "WebSocket" break in a phone's narrow column. */
const heading = (name: string) => name.replace('WebSocket', 'Web\u00adSocket');

const STATE_WORDS: Record<ColumnState, string> = {
  idle: 'Stopped',
  connecting: 'Connecting…',
  live: 'Live',
  error: 'Error',
};

const INTERVALS = [500, 1000, 2000, 5000];
const DEFAULT_INTERVAL_MS = 2000;
/** Renders are batched: every client reporting every event would otherwise redraw once per client a tick. */
const RENDER_BATCH_MS = 100;

/** Short enough for a phone's column; the space before the unit does not break. */
const duration = (ms: number) => (ms < 1000 ? `${Math.round(ms)}\u00a0ms` : `${(ms / 1000).toFixed(1)}\u00a0s`);
const intervalWords = (ms: number) => (ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`);

/** The whole widget's state for the contract's data-state: live only when every column is. */
function overallState(running: boolean, columns: ColumnModel[]): ColumnState {
  if (!running) return 'idle';
  if (columns.some((c) => c.state === 'error')) return 'error';
  if (columns.every((c) => c.state === 'live')) return 'live';
  return 'connecting';
}

export default function TechniqueTeaser({ channel = 'ticker' }: Props) {
  const [wanted, setWanted] = useState(true);
  const [intervalMs, setIntervalMs] = useState(DEFAULT_INTERVAL_MS);
  const meter = useRef(new LagMeter<TechniqueId>()).current;
  const gate = usePageGate('teaser');
  // Hydration happens in the browser only: the static HTML shows the stopped widget at its full size.
  const mounted = useBrowserValue(() => true, false);
  const running = mounted && wanted && gate === null;

  const render = useBatchedRender(RENDER_BATCH_MS);

  // One hook per technique, always in the registry's order (a constant list: the rules of hooks hold).
  const list = TECHNIQUES.map((t) => useTeaserFeed(t.id, channel, running, intervalMs, meter, render));
  const columns = Object.fromEntries(TECHNIQUES.map((t, i) => [t.id, list[i]!])) as Record<TechniqueId, ColumnModel>;
  /** The techniques whose figures depend on the polling interval. */
  const polled = TECHNIQUES.filter((t) => t.connection === 'request-per-answer');
  const state = overallState(running, list);
  const received = list.reduce((n, c) => n + c.check.received, 0);

  const changeInterval = (ms: number) => {
    // The figures of the old interval would blur the new one's: polling starts counting again.
    for (const t of polled) {
      columns[t.id].restartFigures();
      meter.restart(t.id);
    }
    setIntervalMs(ms);
  };

  const failed = list.find((c) => c.state === 'error');
  const status =
    gate === 'hidden'
      ? "Paused while this tab is hidden: a hidden tab would still hold the browser's connections to this site."
      : gate === 'claimed'
        ? "Paused: another experiment on this page needs all of the browser's connections for a moment."
        : !wanted
          ? 'Stopped. Press Start to open them all again; each resumes after the last event it showed.'
          : failed
            ? `Stopped by an error: ${failed.detail}`
            : state === 'live'
              ? `All ${TECHNIQUES.length} are live on the same channel.`
              : '';

  return (
    <section
      class="w-widget w-teaser"
      data-demo="teaser"
      data-state={state}
      data-received={received}
      data-interval={intervalMs}
      aria-label={`${TECHNIQUES.length} techniques side by side, reading the ${channel} channel`}
    >
      <div class="w-head">
        <p class="w-title">
          <strong>{TECHNIQUES.length} techniques, one channel</strong> · <code>{channel}</code>, read{' '}
          {TECHNIQUES.length} ways at once
        </p>
        <p class="w-state">
          <span class="w-dot" aria-hidden="true" />
          {STATE_WORDS[state]}
        </p>
        <button type="button" class="w-button" onClick={() => setWanted(!wanted)}>
          {wanted ? 'Stop' : 'Start'}
        </button>
      </div>
      <div class="w-controls">
        <label>
          Polling interval{' '}
          <select
            value={intervalMs}
            onChange={(e) => changeInterval(Number((e.currentTarget as HTMLSelectElement).value))}
          >
            {INTERVALS.map((v) => (
              <option key={v} value={v}>
                {intervalWords(v)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p class="w-status" role="status" aria-live="polite">
        {status}
      </p>

      <table class="w-teaser-table">
        <caption>Measured in this page since it opened (polling: since its interval was set)</caption>
        <colgroup>
          <col class="w-teaser-labels" />
          {TECHNIQUE_IDS.map((t) => (
            <col key={t} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <td />
            {TECHNIQUE_IDS.map((t) => (
              <th scope="col" key={t}>
                {heading(techniqueInfo(t).name)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">State</th>
            {TECHNIQUE_IDS.map((t) => (
              <td key={t} data-technique={t} data-state={columns[t].state}>
                <span class="w-dot" aria-hidden="true" /> {STATE_WORDS[columns[t].state]}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">Events</th>
            {TECHNIQUE_IDS.map((t) => (
              <td
                key={t}
                data-received={columns[t].check.received}
                data-lost={columns[t].check.lost}
                data-duplicates={columns[t].check.duplicates}
              >
                {columns[t].check.received}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">HTTP requests</th>
            {TECHNIQUE_IDS.map((t) => (
              <td key={t} data-requests={columns[t].requests}>
                {columns[t].requests}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">Empty answers</th>
            {TECHNIQUE_IDS.map((t) => (
              <td key={t} data-empty={columns[t].empty}>
                {holdsOneConnection(t) ? 'none' : columns[t].empty}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">Average lag</th>
            {TECHNIQUE_IDS.map((t) => {
              const { meanMs } = meter.stats(t);
              return (
                <td key={t} data-lag-ms={meanMs === null ? '' : Math.round(meanMs)}>
                  {meanMs === null ? '—' : duration(meanMs)}
                </td>
              );
            })}
          </tr>
          <tr>
            <th scope="row">Worst lag</th>
            {TECHNIQUE_IDS.map((t) => {
              const { maxMs } = meter.stats(t);
              return <td key={t}>{maxMs === null ? '—' : duration(maxMs)}</td>;
            })}
          </tr>
        </tbody>
      </table>
      <p class="w-note">
        Lag: how long after the first of them to show an event this technique showed it, timed in this page. Short
        polling asks every {intervalWords(intervalMs)}; the other three are told as soon as the event exists.
      </p>
    </section>
  );
}
