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
import { widgetWords } from '../shared/words.ts';
import { teaserWords } from '../shared/words-teaser.ts';
import type { Locale } from '../../i18n/locales.ts';
import { holdsOneConnection, TECHNIQUE_IDS, TECHNIQUES, type TechniqueId } from '../../../protocol/techniques.ts';

interface Props {
  /** The channel they all read; the server's own `ticker` unless a lesson wants another. */
  channel?: string;
  /** The page's language: the home page passes its locale. */
  lang?: Locale;
}

/** A column's heading; a soft hyphen lets "WebSocket" break in a phone's narrow column. */
const heading = (name: string) => name.replace('WebSocket', 'Web\u00adSocket');

const INTERVALS = [500, 1000, 2000, 5000];
const DEFAULT_INTERVAL_MS = 2000;
/** Renders are batched: every client reporting every event would otherwise redraw once per client a tick. */
const RENDER_BATCH_MS = 100;

/** The whole widget's state for the contract's data-state: live only when every column is. */
function overallState(running: boolean, columns: ColumnModel[]): ColumnState {
  if (!running) return 'idle';
  if (columns.some((c) => c.state === 'error')) return 'error';
  if (columns.every((c) => c.state === 'live')) return 'live';
  return 'connecting';
}

export default function TechniqueTeaser({ channel = 'ticker', lang = 'en' }: Props) {
  const words = teaserWords(lang);
  const { common } = widgetWords(lang);
  const STATE_WORDS: Record<ColumnState, string> = words.states;
  const intervalWords = common.duration;
  const [strongTitle, beforeChannel, afterChannel] = words.title(TECHNIQUES.length);
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
      ? words.pausedHidden
      : gate === 'claimed'
        ? words.pausedClaimed
        : !wanted
          ? words.stoppedNote
          : failed
            ? words.failed(common.stopped(failed.reason, failed.detail))
            : state === 'live'
              ? words.allLive(TECHNIQUES.length)
              : '';

  return (
    <section
      class="w-widget w-teaser"
      data-demo="teaser"
      data-state={state}
      data-received={received}
      data-interval={intervalMs}
      aria-label={words.aria(TECHNIQUES.length, channel)}
    >
      <div class="w-head">
        <p class="w-title">
          <strong>{strongTitle}</strong>
          {beforeChannel}
          <code>{channel}</code>
          {afterChannel}
        </p>
        <p class="w-state">
          <span class="w-dot" aria-hidden="true" />
          {STATE_WORDS[state]}
        </p>
        <button type="button" class="w-button" onClick={() => setWanted(!wanted)}>
          {wanted ? words.stop : words.start}
        </button>
      </div>
      <div class="w-controls">
        <label>
          {words.interval}{' '}
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
        <caption>{words.caption}</caption>
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
                {heading(words.names[t])}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{words.rows.state}</th>
            {TECHNIQUE_IDS.map((t) => (
              <td key={t} data-technique={t} data-state={columns[t].state}>
                <span class="w-dot" aria-hidden="true" /> {STATE_WORDS[columns[t].state]}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">{words.rows.events}</th>
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
            <th scope="row">{words.rows.requests}</th>
            {TECHNIQUE_IDS.map((t) => (
              <td key={t} data-requests={columns[t].requests}>
                {columns[t].requests}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">{words.rows.empty}</th>
            {TECHNIQUE_IDS.map((t) => (
              <td key={t} data-empty={columns[t].empty}>
                {holdsOneConnection(t) ? words.none : columns[t].empty}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">{words.rows.meanLag}</th>
            {TECHNIQUE_IDS.map((t) => {
              const { meanMs } = meter.stats(t);
              return (
                <td key={t} data-lag-ms={meanMs === null ? '' : Math.round(meanMs)}>
                  {meanMs === null ? '—' : words.lag(meanMs)}
                </td>
              );
            })}
          </tr>
          <tr>
            <th scope="row">{words.rows.worstLag}</th>
            {TECHNIQUE_IDS.map((t) => {
              const { maxMs } = meter.stats(t);
              return <td key={t}>{maxMs === null ? '—' : words.lag(maxMs)}</td>;
            })}
          </tr>
        </tbody>
      </table>
      <p class="w-note">{words.note(intervalWords(intervalMs))}</p>
    </section>
  );
}
