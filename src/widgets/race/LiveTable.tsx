import { asksPerRequest } from '../../../protocol/techniques.ts';
/**
 * The race's figures, one column per technique so they read side by side: live while the race runs
 * (from the clients' tallies and the server's byte counts so far), final once it has ended.
 */
import type { ComponentChild } from 'preact';
import { TECHNIQUES, type TechniqueId } from '../../../protocol/techniques.ts';
import { perEventBytes } from './result.ts';
import type { RaceRunner } from './runner.ts';
import Swatch from './Swatch.tsx';
import type { RaceWidgetStrings } from '../../i18n/en/widgetsRace.ts';
import { summarize, type LatencySummary } from './stats.ts';
import type { PerEvent } from './verdicts.ts';

interface Figures {
  state: string;
  latency: LatencySummary;
  requests: number;
  /** Null for the streams, which have no answers to count. */
  empty: number | null;
  connections: number;
  bytes: PerEvent | null;
  reconnects: number;
  resets: number;
  delivered: number;
  lost: number;
  /** Lost to a gap or a reset, which the server announced. */
  announced: number;
  duplicates: number;
}

const num = (x: number) => Math.round(x).toLocaleString('en');
const ms = (x: number | null) => (x === null ? '—' : x < 10 ? x.toFixed(1) : num(x));
const bytes = (f: Figures, part: keyof PerEvent) => (f.bytes ? num(f.bytes[part]) : '—');

function figures(runner: RaceRunner | null, t: TechniqueId, payloadBytes: number): Figures {
  const lane = runner?.lanes[t];
  const final = runner?.result?.techniques[t];
  const s = runner?.server?.byTechnique[t];
  const delivered = final?.delivered ?? lane?.tally.latencyByKey.size ?? 0;
  const requests = final?.requests ?? s?.requests ?? lane?.requestsSeen ?? 0;
  return {
    state: lane?.state ?? 'idle',
    latency: final?.latency ?? summarize(lane?.tally.latencies() ?? []),
    requests,
    empty: asksPerRequest(t) ? (final?.emptyResponses ?? lane?.emptyResponses ?? 0) : null,
    connections: final?.connections ?? s?.connections ?? 0,
    bytes: final ? final.perEvent : s ? perEventBytes(s.up, s.down, delivered, payloadBytes) : null,
    reconnects: final?.reconnects ?? lane?.reconnects ?? 0,
    resets: final?.resets ?? lane?.tally.resets ?? 0,
    delivered,
    // While racing: holes in the seqs nobody announced; at the end: checked against what was published.
    lost: final ? final.lostSilently : (lane?.tally.check.lost ?? 0),
    announced: final ? final.lostToGap + final.lostToReset : 0,
    duplicates: final?.duplicates ?? lane?.tally.duplicates ?? 0,
  };
}

type Words = RaceWidgetStrings;

/** A lane's state in words (the client's own state name in English). */
const stateWord = (w: Words['table'], state: string) => (w.states as Record<string, string>)[state] ?? state;

const rowsIn = ({
  table: w,
}: Words): { label: string; cell: (f: Figures) => ComponentChild; bad?: (f: Figures) => boolean }[] => [
  { label: w.rows.p50, cell: (f) => ms(f.latency.p50) },
  { label: w.rows.p95, cell: (f) => ms(f.latency.p95) },
  { label: w.rows.max, cell: (f) => ms(f.latency.max) },
  { label: w.rows.requests, cell: (f) => num(f.requests) },
  {
    label: w.rows.empty,
    cell: (f) =>
      f.empty === null
        ? w.stream
        : `${num(f.empty)}${f.requests > 0 ? ` (${Math.round((100 * f.empty) / f.requests)}%)` : ''}`,
  },
  { label: w.rows.connections, cell: (f) => num(f.connections) },
  { label: w.rows.bytes, cell: (f) => <strong>{bytes(f, 'total')}</strong> },
  { label: w.rows.header, cell: (f) => bytes(f, 'header') },
  { label: w.rows.framing, cell: (f) => bytes(f, 'framing') },
  { label: w.rows.envelope, cell: (f) => bytes(f, 'envelope') },
  { label: w.rows.data, cell: (f) => bytes(f, 'data') },
  { label: w.rows.reconnects, cell: (f) => num(f.reconnects) },
  { label: w.rows.resets, cell: (f) => num(f.resets) },
  { label: w.rows.delivered, cell: (f) => num(f.delivered) },
  {
    label: w.rows.lost,
    cell: (f) => (
      <>
        {num(f.lost)}
        {f.announced > 0 && <span class="w-note">{w.announced(num(f.announced))}</span>}
      </>
    ),
    bad: (f) => f.lost > 0,
  },
  { label: w.rows.duplicates, cell: (f) => num(f.duplicates), bad: (f) => f.duplicates > 0 },
];

export default function LiveTable({
  runner,
  payloadBytes,
  words,
  names,
}: {
  runner: RaceRunner | null;
  payloadBytes: number;
  words: Words;
  /** Each technique's name in the page's language. */
  names: Record<TechniqueId, string>;
}) {
  const w = words.table;
  const ROWS = rowsIn(words);
  const all = TECHNIQUES.map((t) => [t, figures(runner, t.id, payloadBytes)] as const);
  const phase = runner?.result ? w.final : runner && runner.phase !== 'idle' && runner.phase !== 'error' ? w.live : '';
  return (
    <section class="w-race-scroll" tabIndex={0} aria-label={w.label}>
      <table class="w-race-table">
        <caption>{w.caption(phase)}</caption>
        <thead>
          <tr>
            <td />
            {all.map(([t, f]) => (
              <th
                key={t.id}
                scope="col"
                data-technique={t.id}
                data-state={f.state}
                data-delivered={f.delivered}
                data-lost={f.lost}
                data-announced-loss={f.announced}
                data-duplicates={f.duplicates}
                data-requests={f.requests}
                data-empty={f.empty ?? ''}
                data-connections={f.connections}
                data-reconnects={f.reconnects}
                data-resets={f.resets}
                data-bytes-per-event={f.bytes ? f.bytes.total.toFixed(1) : ''}
              >
                <Swatch {...t.chart} />
                {names[t.id]}
                {f.state !== 'idle' && <span class="w-note">{` (${stateWord(w, f.state)})`}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ROWS.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              {all.map(([t, f]) => (
                <td key={t.id} class={row.bad?.(f) ? 'w-bad' : ''}>
                  {row.cell(f)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {/* The same figures, one card per technique: what a narrow widget shows instead of the table, whose
          five columns would not fit (race.css switches between them). */}
      <ul class="w-race-cards" aria-label={w.caption(phase)}>
        {all.map(([t, f]) => (
          <li key={t.id} class="w-race-card" data-card={t.id}>
            <p class="w-race-card-title">
              <Swatch {...t.chart} />
              {names[t.id]}
              {f.state !== 'idle' && <span class="w-note">{` (${stateWord(w, f.state)})`}</span>}
            </p>
            <dl>
              {ROWS.map((row) => (
                <div key={row.label} class={row.bad?.(f) ? 'w-bad' : ''}>
                  <dt>{row.label}</dt>
                  <dd>{row.cell(f)}</dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ul>
    </section>
  );
}
