/**
 * The race: one channel, one publisher (the server), a client per technique (polling, long polling, SSE,
 * WebSocket) started together in this browser. Live, side by side: latency, requests, empty answers,
 * connections, bytes per event, reconnects, lost and duplicated events; then the source post's table
 * filled with this run's evidence, a chart of latency over time, and the run to export.
 */
import { useEffect, useState } from 'preact/hooks';
import { TECHNIQUE_IDS, TECHNIQUES } from '../../../protocol/techniques.ts';
import { labChannel, newLabId } from '../shared/lab-api.ts';
import { useBatchedRender } from '../shared/use-batched-render.ts';
import { useBrowserValue } from '../shared/use-browser-value.ts';
import { usePageGate } from '../shared/use-page-gate.ts';
import '../shared/widgets.css';
import './race.css';
import { alignSeries } from './chart-data.ts';
import type { SeriesStyle } from './chart.ts';
import LiveTable from './LiveTable.tsx';
import RaceChart from './RaceChart.tsx';
import { summaryText } from './result.ts';
import { RaceRunner, type Phase } from './runner.ts';
import {
  CHOICES,
  DEFAULT_CHOICE,
  choiceFromQuery,
  formatBytes,
  formatMs,
  formatRate,
  plural,
  type RaceChoice,
} from './settings.ts';
import { summarize } from './stats.ts';
import VerdictTable from './VerdictTable.tsx';
import type { RunNumbers } from './verdicts.ts';

interface Props {
  /** Lines of code per technique in this course (client and server), for the difficulty row. */
  codeLines?: RunNumbers['codeLines'];
}

/** One line per technique, in the registry's order, drawn the way the registry says. */
const SERIES: SeriesStyle[] = TECHNIQUES.map((t) => ({ label: t.name, color: t.chart.color, dash: t.chart.dash }));

const STATE: Record<Phase, 'idle' | 'connecting' | 'live' | 'error'> = {
  idle: 'idle',
  clock: 'connecting',
  starting: 'connecting',
  racing: 'live',
  finishing: 'live',
  done: 'idle',
  error: 'error',
};
const PHASE_WORDS: Record<Phase, string> = {
  idle: 'Ready',
  clock: 'Timing the clock…',
  starting: 'Starting…',
  racing: 'Racing',
  finishing: 'Finishing…',
  done: 'Done',
  error: 'Stopped by an error',
};

const RENDER_MS = 250;
const ms = (x: number | null) => (x === null ? '—' : x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString('en'));

interface SelectProps<K extends keyof RaceChoice> {
  name: K;
  label: string;
  choice: RaceChoice;
  set: (c: RaceChoice) => void;
  format: (v: number) => string;
  disabled: boolean;
}

function Select<K extends keyof RaceChoice>({ name, label, choice, set, format, disabled }: SelectProps<K>) {
  return (
    <label>
      {label}{' '}
      <select
        value={choice[name]}
        disabled={disabled}
        onChange={(e) => set({ ...choice, [name]: Number((e.currentTarget as HTMLSelectElement).value) })}
      >
        {(CHOICES[name] as readonly number[]).map((v) => (
          <option key={v} value={v}>
            {format(v)}
          </option>
        ))}
      </select>
    </label>
  );
}

export default function Race({ codeLines }: Props) {
  // This widget's name when it claims the page's connections; each race gets a lab id of its own.
  const owner = useBrowserValue(() => `race-${newLabId()}`, '');
  const [choice, setChoice] = useState<RaceChoice>(DEFAULT_CHOICE);
  const [runner, setRunner] = useState<RaceRunner | null>(null);
  const [chartVersion, setChartVersion] = useState(0);
  const [copied, setCopied] = useState('');
  const gate = usePageGate(owner);

  // A shared summary links here with its settings in the query: start from those.
  useEffect(() => setChoice(choiceFromQuery(location.search)), []);

  const render = useBatchedRender(RENDER_MS);

  const phase: Phase = runner?.phase ?? 'idle';
  const running = phase === 'clock' || phase === 'starting' || phase === 'racing' || phase === 'finishing';

  // The chart redraws once a second while a race runs (its data is rebuilt from the tallies then).
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setChartVersion((v) => v + 1), 1000);
    return () => clearInterval(timer);
  }, [running]);

  // A hidden tab throttles its timers (the polling client's among them), and another widget may need
  // the page's connections: either would falsify the race, so it stops and says why.
  useEffect(() => {
    if (!runner || !running || gate === null) return;
    runner.abort(
      gate === 'hidden'
        ? 'Stopped: the tab was hidden, and browsers slow down the timers of hidden tabs, which would falsify the race. Start it again.'
        : "Stopped: another widget on this page needed the browser's connections.",
    );
    setChartVersion((v) => v + 1);
  }, [gate]);

  useEffect(() => () => runner?.abort('The page closed the race.'), [runner]);

  const start = () => {
    setCopied('');
    const next = new RaceRunner({ lab: newLabId(), owner, choice, onChange: render, codeLines });
    setRunner(next);
    void next.run();
  };
  const stop = () => {
    runner?.abort('Stopped by you before the end: no verdicts from a partial run.');
    render();
  };

  const result = runner?.result ?? null;
  const lanes = runner?.lanes;
  const elapsed = runner?.start ? Math.max(0, runner.elapsed()) : 0;
  const received = lanes ? TECHNIQUE_IDS.reduce((n, t) => n + lanes[t].tally.latencyByKey.size, 0) : 0;

  const chartData = runner?.start
    ? alignSeries(
        runner.publishedAt,
        TECHNIQUE_IDS.map((t) => runner.lanes[t].tally.latencyByKey),
        runner.start.startsAt,
      )
    : null;
  const faultTimes = runner?.faults.map((f) => f.at) ?? [];

  const progress =
    runner?.start && running
      ? `${elapsed.toFixed(1)} s of ${formatMs(runner.choice.durationMs)}; ${runner.status?.published ?? 0} of ${runner.start.planned} events published.`
      : '';

  const download = () => {
    if (!result) return;
    const url = URL.createObjectURL(new Blob([JSON.stringify(result, null, 2)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `realtime-lab-race-${result.startedAt.slice(0, 19).replace(/:/g, '-')}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const summary = result ? summaryText(result, location.href) : '';
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(summary);
      setCopied('Copied to the clipboard.');
    } catch {
      setCopied('The browser did not allow copying: select the text below instead.');
    }
  };

  return (
    <section
      class="w-widget w-race"
      data-demo="race"
      data-state={STATE[phase]}
      data-phase={phase}
      data-received={received}
      data-channel={runner ? labChannel(runner.lab) : ''}
      aria-label="The race: polling, long polling, SSE and WebSocket on one stream"
    >
      <div class="w-head">
        <p class="w-title">
          <strong>The race</strong> · one stream, {TECHNIQUES.length} techniques, in your browser
        </p>
        <p class="w-state">
          <span class="w-dot" aria-hidden="true" />
          {PHASE_WORDS[phase]}
        </p>
        <button type="button" class="w-button" onClick={running ? stop : start} disabled={owner === ''}>
          {running ? 'Stop' : phase === 'done' ? 'Race again' : 'Start the race'}
        </button>
      </div>

      <fieldset class="w-race-settings">
        <legend>Settings</legend>
        <Select name="rate" label="Event rate" choice={choice} set={setChoice} format={formatRate} disabled={running} />
        <Select
          name="intervalMs"
          label="Polling interval"
          choice={choice}
          set={setChoice}
          format={formatMs}
          disabled={running}
        />
        <Select
          name="payloadBytes"
          label="Payload"
          choice={choice}
          set={setChoice}
          format={formatBytes}
          disabled={running}
        />
        <Select
          name="durationMs"
          label="Duration"
          choice={choice}
          set={setChoice}
          format={formatMs}
          disabled={running}
        />
      </fieldset>

      {/* Each control is disabled itself, not through its fieldset: a button in a disabled fieldset still
          says disabled = false to scripts (and to the accessibility checks that read it). */}
      <fieldset class="w-faults">
        <legend>Break it during the race (your own connections and channel only)</legend>
        <button type="button" class="w-button" disabled={phase !== 'racing'} onClick={() => void runner?.inject('cut')}>
          Cut all connections
        </button>
        <button
          type="button"
          class="w-button"
          disabled={phase !== 'racing'}
          onClick={() => void runner?.inject('restart')}
        >
          Restart the server (new epoch)
        </button>
      </fieldset>

      <p class="w-status" role="status" aria-live="polite">
        {runner
          ? runner.message
          : 'Choose the settings, then start: the server publishes on your private channel and a client per technique reads it side by side.'}
      </p>
      {/* Not in the live region: it changes four times a second, and a screen reader would read every one. */}
      <p class="w-note w-race-progress">{progress}</p>

      <LiveTable runner={runner} payloadBytes={runner?.choice.payloadBytes ?? choice.payloadBytes} />

      {chartData ? (
        <RaceChart
          series={SERIES}
          data={chartData}
          faults={faultTimes}
          version={chartVersion}
          summary={`Latency over time for ${plural(chartData[0].length, 'event')}: ${TECHNIQUES.map((t, i) => `${t.name} median ${ms(summarize((chartData[i + 1] as (number | null)[]).filter((v): v is number => v !== null)).p50)} ms`).join(', ')}.`}
        />
      ) : (
        <p class="w-race-chart w-race-chart-empty">The chart of latency over time appears here when the race starts.</p>
      )}

      <details class="w-race-method">
        <summary>How latency is measured</summary>
        <p>
          Each event carries the server's clock at publish (<code>time</code>). Your browser notes when it arrives on
          its own clock, which is not the server's. Before the race, the page asks <code>GET /api/time</code> 8 times,
          noting its own time just before (t0) and just after (t1) each answer T, the way NTP does. If the request and
          the answer took equally long, the server read its clock halfway, so its clock is ahead of yours by T − (t0 +
          t1) / 2. The round trip with the smallest t1 − t0 is kept, and the estimate can be off by at most half of it.
          Latency = arrival (your clock) + offset − time.
        </p>
        {runner?.clock && (
          <p data-clock-offset={runner.clock.offsetMs.toFixed(2)}>
            This run: offset {runner.clock.offsetMs >= 0 ? '+' : ''}
            {runner.clock.offsetMs.toFixed(2)} ms, best round trip {runner.clock.rttMs.toFixed(2)} ms, so every latency
            here is good to ± {runner.clock.uncertaintyMs.toFixed(2)} ms.
          </p>
        )}
        <p>
          Bytes come from the server, which counts what crossed each of your tagged connections in both directions: HTTP
          heads, framing (chunk-size lines, WebSocket frame headers and masks) and bodies. The events' data is known
          exactly, so the rest of each body is the envelope around it.
        </p>
      </details>

      {result && (
        <>
          <VerdictTable rows={result.table} />
          <div class="w-race-export">
            <button type="button" class="w-button" onClick={download}>
              Download the run (JSON)
            </button>
            <button type="button" class="w-button" onClick={() => void copy()}>
              Copy a summary to share
            </button>
            <span role="status">{copied}</span>
          </div>
          <section aria-label="Summary of this run">
            <pre class="w-pre w-race-summary" tabIndex={0}>
              {summary}
            </pre>
          </section>
        </>
      )}
    </section>
  );
}
