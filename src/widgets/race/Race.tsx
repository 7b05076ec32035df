/**
 * The race: one channel, one publisher (the server), a client per technique (polling, long polling, SSE,
 * WebSocket) started together in this browser. Live, side by side: latency, requests, empty answers,
 * connections, bytes per event, reconnects, lost and duplicated events; then the source post's table
 * filled with this run's evidence, a chart of latency over time, and the run to export.
 */
import { useEffect, useState } from 'preact/hooks';
import { TECHNIQUE_IDS, TECHNIQUES, type TechniqueId } from '../../../protocol/techniques.ts';
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
import { CHOICES, DEFAULT_CHOICE, choiceFromQuery, type RaceChoice } from './settings.ts';
import { teaserWords } from '../shared/words-teaser.ts';
import { raceWords } from '../shared/words-race.ts';
import type { RaceWidgetStrings } from '../../i18n/en/widgetsRace.ts';
import type { Locale } from '../../i18n/locales.ts';
import { summarize } from './stats.ts';
import VerdictTable from './VerdictTable.tsx';
import type { RunNumbers } from './verdicts.ts';

interface Props {
  /** Lines of code per technique in this course (client and server), for the difficulty row. */
  codeLines?: RunNumbers['codeLines'];
  /** The page's language: every word of the race, its table and its verdicts. */
  lang?: Locale;
}

/** One line per technique, in the registry's order, drawn the way the registry says, named in `lang`. */
const seriesIn = (names: Record<TechniqueId, string>): SeriesStyle[] =>
  TECHNIQUES.map((x) => ({ label: names[x.id], color: x.chart.color, dash: x.chart.dash }));

const STATE: Record<Phase, 'idle' | 'connecting' | 'live' | 'error'> = {
  idle: 'idle',
  clock: 'connecting',
  starting: 'connecting',
  racing: 'live',
  finishing: 'live',
  done: 'idle',
  error: 'error',
};

const RENDER_MS = 250;
const ms = (x: number | null) => (x === null ? '—' : x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString('en'));

type Words = RaceWidgetStrings;

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

export default function Race({ codeLines, lang = 'en' }: Props) {
  const words: Words = raceWords(lang);
  const { race: r, format } = words;
  const names = teaserWords(lang).names;
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
    runner.abort(gate === 'hidden' ? r.stoppedHidden : r.stoppedClaimed);
    setChartVersion((v) => v + 1);
  }, [gate]);

  useEffect(() => () => runner?.abort(r.closed), [runner]);

  const start = () => {
    setCopied('');
    const next = new RaceRunner({ lab: newLabId(), owner, choice, onChange: render, codeLines, lang });
    setRunner(next);
    void next.run();
  };
  const stop = () => {
    runner?.abort(r.stoppedByYou);
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
      ? r.progress(
          elapsed.toFixed(1),
          format.ms(runner.choice.durationMs),
          runner.status?.published ?? 0,
          runner.start.planned,
        )
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
  const summary = result ? summaryText(result, location.href, words) : '';
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(summary);
      setCopied(r.copied);
    } catch {
      setCopied(r.copyRefused);
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
      aria-label={r.aria}
    >
      <div class="w-head">
        <p class="w-title">
          <strong>{r.title(TECHNIQUES.length)[0]}</strong>
          {r.title(TECHNIQUES.length)[1]}
        </p>
        <p class="w-state">
          <span class="w-dot" aria-hidden="true" />
          {r.phases[phase]}
        </p>
        <button type="button" class="w-button" onClick={running ? stop : start} disabled={owner === ''}>
          {running ? r.stop : phase === 'done' ? r.again : r.start}
        </button>
      </div>

      <fieldset class="w-race-settings">
        <legend>{r.settings}</legend>
        <Select
          name="rate"
          label={r.labels.rate}
          choice={choice}
          set={setChoice}
          format={format.rate}
          disabled={running}
        />
        <Select
          name="intervalMs"
          label={r.labels.intervalMs}
          choice={choice}
          set={setChoice}
          format={format.ms}
          disabled={running}
        />
        <Select
          name="payloadBytes"
          label={r.labels.payloadBytes}
          choice={choice}
          set={setChoice}
          format={format.bytes}
          disabled={running}
        />
        <Select
          name="durationMs"
          label={r.labels.durationMs}
          choice={choice}
          set={setChoice}
          format={format.ms}
          disabled={running}
        />
      </fieldset>

      {/* Each control is disabled itself, not through its fieldset: a button in a disabled fieldset still
          says disabled = false to scripts (and to the accessibility checks that read it). */}
      <fieldset class="w-faults">
        <legend>{r.faults}</legend>
        <button type="button" class="w-button" disabled={phase !== 'racing'} onClick={() => void runner?.inject('cut')}>
          {r.cut}
        </button>
        <button
          type="button"
          class="w-button"
          disabled={phase !== 'racing'}
          onClick={() => void runner?.inject('restart')}
        >
          {r.restart}
        </button>
      </fieldset>

      <p class="w-status" role="status" aria-live="polite">
        {runner ? runner.message : r.intro}
      </p>
      {/* Not in the live region: it changes four times a second, and a screen reader would read every one. */}
      <p class="w-note w-race-progress">{progress}</p>

      <LiveTable
        runner={runner}
        payloadBytes={runner?.choice.payloadBytes ?? choice.payloadBytes}
        words={words}
        names={names}
      />

      {chartData ? (
        <RaceChart
          series={seriesIn(names)}
          data={chartData}
          faults={faultTimes}
          version={chartVersion}
          summary={r.chartSummary(
            chartData[0].length,
            TECHNIQUES.map((x, i) => [
              names[x.id],
              ms(summarize((chartData[i + 1] as (number | null)[]).filter((v): v is number => v !== null)).p50),
            ]),
          )}
          words={words.chart}
        />
      ) : (
        <p class="w-race-chart w-race-chart-empty">{r.chartEmpty}</p>
      )}

      <details class="w-race-method">
        <summary>{r.method}</summary>
        <p>
          {r.methodText[0]}
          <code>time</code>
          {r.methodText[1]}
          <code>GET /api/time</code>
          {r.methodText[2]}
        </p>
        {runner?.clock && (
          <p data-clock-offset={runner.clock.offsetMs.toFixed(2)}>
            {r.thisRun(
              `${runner.clock.offsetMs >= 0 ? '+' : ''}${runner.clock.offsetMs.toFixed(2)}`,
              runner.clock.rttMs.toFixed(2),
              runner.clock.uncertaintyMs.toFixed(2),
            )}
          </p>
        )}
        <p>{r.bytesText}</p>
      </details>

      {result && (
        <>
          <VerdictTable rows={result.table} words={words.verdicts} names={names} />
          <div class="w-race-export">
            <button type="button" class="w-button" onClick={download}>
              {r.download}
            </button>
            <button type="button" class="w-button" onClick={() => void copy()}>
              {r.copy}
            </button>
            <span role="status">{copied}</span>
          </div>
          <section aria-label={r.summaryLabel}>
            <pre class="w-pre w-race-summary" tabIndex={0}>
              {summary}
            </pre>
          </section>
        </>
      )}
    </section>
  );
}
