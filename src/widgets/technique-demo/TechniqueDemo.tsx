/**
 * One technique, live: its browser client (src/client/) reading the learner's private channel, a
 * timeline of what crossed the wire, counters, the technique's own controls, fault injection (cut the
 * connection, restart the server, fall behind) and the wire inspector.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { asksPerRequest, technique as techniqueInfo, type TechniqueId } from '../../../protocol/techniques.ts';
import { gaveUpSentences, stopReasons } from '../../client/open-feed.ts';
import type { StopReason } from '../../client/types.ts';
import type { WebSocketFeed } from '../../client/websocket.ts';
import { techniqueWords, widgetWords } from '../shared/words.ts';
import type { WidgetStrings } from '../../i18n/en/widgets.ts';
import type { Locale } from '../../i18n/locales.ts';
import { labApi, labChannel, labErrorWords, newLabId, publishErrorWords } from '../shared/lab-api.ts';
import { useBrowserValue } from '../shared/use-browser-value.ts';
import { usePageGate } from '../shared/use-page-gate.ts';
import Reserve from '../shared/Reserve.tsx';
import '../shared/widgets.css';
import WireInspector from '../wire-inspector/WireInspector.tsx';
import Timeline from './Timeline.tsx';
import { type FeedSettings, useLabFeed, type WidgetState } from './use-lab-feed.ts';

interface Props {
  technique: TechniqueId;
  /** The page's language: every word the demo shows comes from its catalogue (t(lang)). */
  lang?: Locale;
}

type StateWord = keyof WidgetStrings['demo']['states'];
type ButtonWord = keyof WidgetStrings['demo']['buttons'];

/*
 * What a fault (or an error) does and how this technique gets over it, shown under the fault buttons
 * once the learner has broken something. Every one of them is in the page from the start (see Reserve),
 * so the explanation's box never changes size; the short, changing news goes to the status line.
 */
type Explanation = 'hint' | 'cut' | 'restart' | 'gap';

/** The words of one demo: the widget strings, this technique's and why its client may stop. */
function wordsOf(lang: Locale, technique: TechniqueId) {
  const widgets = widgetWords(lang);
  const techniques = techniqueWords(lang);
  const s = widgets.demo;
  const tech = techniques[technique];
  const gaveUp = (detail: string, reason: StopReason | undefined) =>
    s.gaveUp(widgets.common.stopped(reason, detail), tech.demoErrorMeaning);
  const explanations: Record<Explanation, string> = {
    hint: s.explain.hint,
    cut: tech.demoRecovery,
    restart: s.explain.restart,
    gap: s.explain.gap,
  };
  const sentences = gaveUpSentences(technique);
  const room = [
    ...Object.values(explanations),
    ...stopReasons(technique).map((reason, i) => gaveUp(sentences[i] ?? '', reason)),
  ];
  return { common: widgets.common, s, tech, gaveUp, explanations, room };
}

interface Fault {
  kind: 'cut' | 'restart' | 'gap';
  at: number;
  receivedAtDrop: number | null;
  /** The delivery check's count of announced misses when the fault was injected. */
  missedBefore: number;
}

/** What the server said when it provoked a gap: how many it published, how many it keeps. */
interface GapStory {
  missedBefore: number;
  published?: number;
  retention?: number;
}

/**
 * The gap in one line whose numbers add up to the "Gaps announced" counter: the server's notice says how
 * many were evicted, which is the burst beyond what the server keeps plus the ticks published after the
 * client's cursor (the status line has room for about a hundred characters on a phone).
 */
function gapLine(s: WidgetStrings['demo'], story: GapStory, missed: number, lost: number, duplicates: number): string {
  const { published, retention } = story;
  if (missed === 0) {
    return published === undefined ? s.gapPublishing : s.gapAway(published, retention!);
  }
  const beyond = published !== undefined && retention !== undefined ? published - retention : undefined;
  const ticks = beyond === undefined ? 0 : missed - beyond;
  const sum = beyond === undefined ? '' : s.gapSum(published!, retention!, ticks);
  // "more" when an earlier gap is in the counter too: the counter is the sum of every gap.
  return s.gapAnnounced(missed, story.missedBefore > 0, sum, lost, duplicates);
}

const INTERVALS = [500, 1000, 2000, 5000];
const TIMEOUTS = [500, 2000, 10_000, 25_000];

export default function TechniqueDemo({ technique, lang = 'en' }: Props) {
  const { common, s, tech, gaveUp, explanations, room } = wordsOf(lang, technique);
  const info = techniqueInfo(technique);
  const perRequest = asksPerRequest(technique);
  const lab = useBrowserValue(newLabId, '');
  const [wanted, setWanted] = useState(true);
  // Bumped by Retry: a client that gave up is replaced by a new one.
  const [attempt, setAttempt] = useState(0);
  const [settings, setSettings] = useState<FeedSettings>({ intervalMs: 2000, timeoutMs: 10_000 });
  const [announcement, setAnnouncement] = useState('');
  const [explained, setExplained] = useState<Explanation>('hint');
  const [busy, setBusy] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const gate = usePageGate(lab);
  const feed = useLabFeed(technique, lab, settings, wanted && gate === null && lab !== '', attempt, lang);
  const { model } = feed;
  const { check, counters } = model;
  /** The fault being recovered from: when it was injected, and how many events had arrived once the client noticed the drop. */
  const fault = useRef<Fault | null>(null);
  const previous = useRef<WidgetState>('idle');
  /** The latest provoked gap, told in the status line until another fault or message replaces it. */
  const [gapStory, setGapStory] = useState<GapStory | null>(null);

  // The time axis moves while the demo runs (a stopped demo keeps its picture still).
  const running = wanted && gate === null;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [running]);

  // Announce state changes and recoveries in words (politely: a screen reader finishes its sentence first).
  useEffect(() => {
    const state = model.state;
    const f = fault.current;
    // Events that arrive between the click and the cut are not a recovery: wait for the client to
    // notice the drop, then for the first event after it.
    if (f && f.receivedAtDrop === null && state !== 'live') f.receivedAtDrop = check.received;
    if (f && f.receivedAtDrop !== null && state === 'live' && check.received > f.receivedAtDrop) {
      fault.current = null;
      // A gap's recovery is told by its own line (gapLine), which keeps counting as the backlog arrives.
      if (f.kind !== 'gap')
        setAnnouncement(s.recovered(((Date.now() - f.at) / 1000).toFixed(1), check.lost, check.duplicates));
    } else if (state !== previous.current) {
      // Why, and what it means, are explained under the fault buttons (there is room for them there).
      if (state === 'error') setGapStory(null);
      if (state === 'error') setAnnouncement(s.gaveUpNews);
      // During an injected fault the status already says what is going on.
      else if (state === 'connecting' && previous.current === 'live' && !f)
        setAnnouncement(s.connectionLost(info.browserReconnects));
      else if (state === 'live' && !fault.current) setAnnouncement(s.liveOver(tech.inProse));
    }
    previous.current = state;
  });

  const paused = gate === 'hidden' ? s.pausedHidden : gate === 'claimed' ? s.pausedClaimed : '';

  const injectFault = async (kind: 'cut' | 'restart' | 'gap') => {
    setBusy(true);
    // The explanation follows the click at once (its box has room for every explanation: nothing moves).
    setExplained(kind);
    setGapStory(kind === 'gap' ? { missedBefore: check.missed } : null);
    setAnnouncement(s.injecting[kind]);
    const thisFault: Fault = { kind, at: Date.now(), receivedAtDrop: null, missedBefore: check.missed };
    fault.current = thisFault;
    // The server's answer, unless the client has already recovered (its recovery is the newer news).
    const report = (text: string) => {
      if (fault.current === thisFault) setAnnouncement(text);
    };
    try {
      if (kind === 'cut') {
        const { dropped, armed } = await labApi.cut(lab);
        feed.mark('cut', armed ? s.marks.cutArmed : s.marks.cutDropped(dropped));
        report(armed ? s.cutArmed : s.cutDropped(dropped));
      } else if (kind === 'restart') {
        const { dropped } = await labApi.restart(lab);
        feed.mark('restart', s.marks.restart);
        report(s.restarted(dropped));
      } else {
        const { published, retention } = await labApi.gap(lab);
        feed.mark('flood', s.marks.flood(published));
        setGapStory((story) => story && { ...story, published, retention });
      }
    } catch (err) {
      if (fault.current === thisFault) fault.current = null;
      setGapStory(null);
      setAnnouncement(s.faultFailed(labErrorWords(common, err)));
    } finally {
      setBusy(false);
    }
  };

  const sendOverSocket = async () => {
    const client = model.client as WebSocketFeed | null;
    if (!client) return;
    const started = performance.now();
    setGapStory(null);
    try {
      const seq = await client.publish({ note: s.publishNote });
      setAnnouncement(s.acknowledged(seq, Math.round(performance.now() - started)));
    } catch (err) {
      setAnnouncement(s.notSent(publishErrorWords(lang, err)));
    }
  };

  const toggle = () => {
    setAnnouncement('');
    setGapStory(null);
    if (model.state === 'error') setAttempt((n) => n + 1);
    else setWanted(!wanted);
  };
  const button: ButtonWord = model.state === 'error' ? 'retry' : wanted ? 'stop' : 'start';
  // Before the island runs (and in the moment before its feed opens) a wanted demo is on its way to connecting.
  const word: StateWord = paused ? 'paused' : model.state === 'idle' && wanted ? 'connecting' : model.state;

  const status =
    paused ||
    (gapStory && gapLine(s, gapStory, check.missed - gapStory.missedBefore, check.lost, check.duplicates)) ||
    announcement ||
    (model.state === 'idle' && !wanted ? s.stoppedNote : '');

  return (
    <section
      class="w-demo"
      data-demo={technique}
      data-state={model.state}
      data-received={check.received}
      data-lost={check.lost}
      data-duplicates={check.duplicates}
      data-last-seq={check.last ?? ''}
      data-channel={lab ? labChannel(lab) : ''}
      data-pagefind-ignore
      aria-label={s.aria(tech.inProse)}
    >
      <div class="w-head">
        <p class="w-title">
          <strong>{tech.inProse}</strong>
          {` · ${s.title}`}
        </p>
        <p class="w-state">
          <span class="w-dot" aria-hidden="true" />
          <Reserve room={Object.values(s.states)}>{s.states[word]}</Reserve>
        </p>
        <button type="button" class="w-button" onClick={toggle}>
          <Reserve room={Object.values(s.buttons)}>{s.buttons[button]}</Reserve>
        </button>
      </div>

      {perRequest && (
        <div class="w-controls">
          {info.connection === 'request-per-answer' ? (
            <label>
              {s.interval}{' '}
              <select
                value={settings.intervalMs}
                onChange={(e) =>
                  setSettings((s) => ({ ...s, intervalMs: Number((e.currentTarget as HTMLSelectElement).value) }))
                }
              >
                {INTERVALS.map((v) => (
                  <option key={v} value={v}>
                    {common.duration(v)}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <label>
              {s.timeout}{' '}
              <select
                value={settings.timeoutMs}
                onChange={(e) =>
                  setSettings((s) => ({ ...s, timeoutMs: Number((e.currentTarget as HTMLSelectElement).value) }))
                }
              >
                {TIMEOUTS.map((v) => (
                  <option key={v} value={v}>
                    {common.duration(v)}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
      )}

      <p class="w-status" role="status" aria-live="polite">
        {status}
      </p>

      <Timeline items={model.items} now={now} lane={perRequest ? 'requests' : 'connection'} lang={lang} />

      <dl class="w-counts">
        <div>
          <dt>{s.counters.received}</dt>
          <dd>{check.received}</dd>
        </div>
        <div>
          <dt>{s.counters.requests}</dt>
          <dd>{counters.requests}</dd>
        </div>
        <div>
          <dt>{s.counters.empty}</dt>
          <dd>{perRequest ? counters.empty : s.notApplicable}</dd>
        </div>
        <div>
          <dt>{s.counters.reconnects}</dt>
          <dd>{counters.reconnects}</dd>
        </div>
        <div>
          <dt>{s.counters.bytes}</dt>
          <dd>{common.bytes(counters.bytes)}</dd>
        </div>
        <div>
          <dt>{s.counters.latency}</dt>
          <dd>{counters.latencyMs === null ? '—' : common.ms(counters.latencyMs)}</dd>
        </div>
        <div class={check.lost > 0 ? 'w-bad' : ''}>
          <dt>{s.counters.lost}</dt>
          <dd>{check.lost}</dd>
        </div>
        <div class={check.duplicates > 0 ? 'w-bad' : ''}>
          <dt>{s.counters.duplicates}</dt>
          <dd>{check.duplicates}</dd>
        </div>
        <div>
          <dt>{s.counters.gaps}</dt>
          <dd>{s.missed(check.missed)}</dd>
        </div>
        <div>
          <dt>{s.counters.resets}</dt>
          <dd>{check.resets}</dd>
        </div>
      </dl>

      <fieldset class="w-faults" disabled={!running || busy}>
        <legend>{s.faultsLegend}</legend>
        <div class="w-fault-buttons">
          <button type="button" class="w-button" onClick={() => injectFault('cut')}>
            {s.faultButtons.cut}
          </button>
          <button type="button" class="w-button" onClick={() => injectFault('restart')}>
            {s.faultButtons.restart}
          </button>
          <button type="button" class="w-button" onClick={() => injectFault('gap')}>
            {s.faultButtons.gap}
          </button>
          {info.direction === 'two-way' && (
            <button type="button" class="w-button" onClick={sendOverSocket}>
              {s.faultButtons.send}
            </button>
          )}
        </div>
        <Reserve block class="w-explain" aria-live="polite" room={room}>
          {model.state === 'error' ? gaveUp(model.detail, model.reason) : explanations[explained]}
        </Reserve>
      </fieldset>

      <WireInspector lab={lab} technique={technique} received={check.received} lang={lang} />
    </section>
  );
}
