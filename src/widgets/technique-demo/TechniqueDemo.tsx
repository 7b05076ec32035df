/**
 * One technique, live: its browser client (src/client/) reading the learner's private channel, a
 * timeline of what crossed the wire, counters, the technique's own controls, fault injection (cut the
 * connection, restart the server, fall behind) and the wire inspector.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { asksPerRequest, technique as techniqueInfo, type TechniqueId } from '../../../protocol/techniques.ts';
import { gaveUpSentences } from '../../client/open-feed.ts';
import type { WebSocketFeed } from '../../client/websocket.ts';
import { techniqueStrings } from '../../i18n/en/techniques.ts';
import { labApi, labChannel, newLabId } from '../shared/lab-api.ts';
import { useBrowserValue } from '../shared/use-browser-value.ts';
import { usePageGate } from '../shared/use-page-gate.ts';
import Reserve from '../shared/Reserve.tsx';
import { plural } from '../shared/words.ts';
import '../shared/widgets.css';
import WireInspector from '../wire-inspector/WireInspector.tsx';
import Timeline from './Timeline.tsx';
import { type FeedSettings, useLabFeed, type WidgetState } from './use-lab-feed.ts';

interface Props {
  technique: TechniqueId;
}

/** The word beside the dot; "Paused" while the page gate holds the demo back. */
const STATE_WORDS = {
  idle: 'Stopped',
  connecting: 'Connecting…',
  live: 'Live',
  error: 'Stopped by an error',
  paused: 'Paused',
} as const;
type StateWord = keyof typeof STATE_WORDS;
const BUTTON_LABELS = { start: 'Start', stop: 'Stop', retry: 'Retry' } as const;

/*
 * What a fault (or an error) does and how this technique gets over it, shown under the fault buttons
 * once the learner has broken something. Every one of them is in the page from the start (see Reserve),
 * so the explanation's box never changes size; the short, changing news goes to the status line.
 */
const HINT =
  'Each button breaks only your own connection or channel. What the client does about it is explained here; the timeline and the counters above show it happen.';

const RESTART =
  "Your channel's history is gone, as an in-memory server's is when it restarts. When the client comes back with its old cursor, the server answers with a reset and starts again from the new history.";

const GAP =
  'More events were published while your connection was down than the server keeps. Coming back, the client is told about a gap: events it can never get, reported instead of silently skipped.';

const gaveUp = (technique: TechniqueId, reason: string) => `${reason} ${techniqueStrings[technique].demoErrorMeaning}`;

type Explanation = 'hint' | 'cut' | 'restart' | 'gap';
const explanations = (technique: TechniqueId): Record<Explanation, string> => ({
  hint: HINT,
  cut: techniqueStrings[technique].demoRecovery,
  restart: RESTART,
  gap: GAP,
});
const explanationRoom = (technique: TechniqueId) => [
  ...Object.values(explanations(technique)),
  ...gaveUpSentences(technique).map((reason) => gaveUp(technique, reason)),
];

const PAUSED_HIDDEN = "Paused while this tab is hidden: it would hold one of the browser's 6 connections to this site.";
const PAUSED_CLAIMED = "Paused while the connection-limit lab needs all of the browser's connections to this site.";

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
function gapLine(story: GapStory, missed: number, lost: number, duplicates: number): string {
  const { published, retention } = story;
  if (missed === 0) {
    return published === undefined
      ? 'Publishing more events than the server keeps…'
      : `${published} published while you were away; the server keeps ${retention}. Reconnecting…`;
  }
  const beyond = published !== undefined && retention !== undefined ? published - retention : undefined;
  const ticks = beyond === undefined ? 0 : missed - beyond;
  const sum =
    beyond === undefined
      ? ''
      : ticks > 0
        ? ` = ${published} published − ${retention} kept + ${plural(ticks, 'tick')}`
        : ` = ${published} published − ${retention} kept`;
  // "more" when an earlier gap is in the counter too: the counter is the sum of every gap.
  return `Gap announced: ${missed} ${story.missedBefore > 0 ? 'more ' : ''}missed${sum}. ${lost} lost, ${plural(duplicates, 'duplicate')}.`;
}

const INTERVALS = [500, 1000, 2000, 5000];
const TIMEOUTS = [500, 2000, 10_000, 25_000];

const ms = (n: number) => (n >= 1000 ? `${n / 1000} s` : `${n} ms`);

export default function TechniqueDemo({ technique }: Props) {
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
  const feed = useLabFeed(technique, lab, settings, wanted && gate === null && lab !== '', attempt);
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
        setAnnouncement(
          `Recovered ${((Date.now() - f.at) / 1000).toFixed(1)} s after the fault: ${check.lost} lost, ${plural(check.duplicates, 'duplicate')}.`,
        );
    } else if (state !== previous.current) {
      // Why, and what it means, are explained under the fault buttons (there is room for them there).
      if (state === 'error') setGapStory(null);
      if (state === 'error')
        setAnnouncement('The client gave up and stopped; why is explained below. Retry starts a new one.');
      // During an injected fault the status already says what is going on.
      else if (state === 'connecting' && previous.current === 'live' && !f)
        setAnnouncement(
          `Connection lost; ${info.browserReconnects ? 'the browser is reconnecting by itself' : 'the client is retrying from its cursor'}…`,
        );
      else if (state === 'live' && !fault.current) setAnnouncement(`Live over ${techniqueStrings[technique].inProse}.`);
    }
    previous.current = state;
  });

  const paused = gate === 'hidden' ? PAUSED_HIDDEN : gate === 'claimed' ? PAUSED_CLAIMED : '';

  const injectFault = async (kind: 'cut' | 'restart' | 'gap') => {
    setBusy(true);
    // The explanation follows the click at once (its box has room for every explanation: nothing moves).
    setExplained(kind);
    setGapStory(kind === 'gap' ? { missedBefore: check.missed } : null);
    setAnnouncement(
      kind === 'cut'
        ? 'Cutting your connection…'
        : kind === 'restart'
          ? 'Restarting the server for your channel…'
          : 'Publishing more events than the server keeps…',
    );
    const thisFault: Fault = { kind, at: Date.now(), receivedAtDrop: null, missedBefore: check.missed };
    fault.current = thisFault;
    // The server's answer, unless the client has already recovered (its recovery is the newer news).
    const report = (text: string) => {
      if (fault.current === thisFault) setAnnouncement(text);
    };
    try {
      if (kind === 'cut') {
        const { dropped, armed } = await labApi.cut(lab);
        feed.mark(
          'cut',
          armed
            ? 'nothing was in flight, so the server will drop the next request'
            : `the server dropped ${plural(dropped, 'connection')}`,
        );
        report(
          armed
            ? 'Cut: nothing was in flight, so the server drops your next request instead.'
            : `Cut: the server dropped ${plural(dropped, 'connection')}.`,
        );
      } else if (kind === 'restart') {
        const { dropped } = await labApi.restart(lab);
        feed.mark('restart', "connections dropped and the channel's history lost (new epoch)");
        report(`Server "restarted": ${plural(dropped, 'connection')} dropped and your channel's history gone.`);
      } else {
        const { published, retention } = await labApi.gap(lab);
        feed.mark('flood', `${published} events published while you were away`);
        setGapStory((story) => story && { ...story, published, retention });
      }
    } catch (err) {
      if (fault.current === thisFault) fault.current = null;
      setGapStory(null);
      setAnnouncement(`The fault could not be injected: ${(err as Error).message}`);
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
      const seq = await client.publish({ note: 'sent by you over the WebSocket' });
      setAnnouncement(
        `The server acknowledged your frame as seq ${seq} after ${Math.round(performance.now() - started)} ms, on the socket the events come down.`,
      );
    } catch (err) {
      setAnnouncement(`Not sent: ${(err as Error).message}`);
    }
  };

  const toggle = () => {
    setAnnouncement('');
    setGapStory(null);
    if (model.state === 'error') setAttempt((n) => n + 1);
    else setWanted(!wanted);
  };
  const button: keyof typeof BUTTON_LABELS = model.state === 'error' ? 'retry' : wanted ? 'stop' : 'start';
  // Before the island runs (and in the moment before its feed opens) a wanted demo is on its way to connecting.
  const word: StateWord = paused ? 'paused' : model.state === 'idle' && wanted ? 'connecting' : model.state;

  const status =
    paused ||
    (gapStory && gapLine(gapStory, check.missed - gapStory.missedBefore, check.lost, check.duplicates)) ||
    announcement ||
    (model.state === 'idle' && !wanted ? 'Stopped. Press Start to open the connection again.' : '');

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
      aria-label={`Live demo: ${techniqueStrings[technique].inProse} on your private channel`}
    >
      <div class="w-head">
        <p class="w-title">
          <strong>{techniqueStrings[technique].inProse}</strong> · your private channel (ticks once a second)
        </p>
        <p class="w-state">
          <span class="w-dot" aria-hidden="true" />
          <Reserve room={Object.values(STATE_WORDS)}>{STATE_WORDS[word]}</Reserve>
        </p>
        <button type="button" class="w-button" onClick={toggle}>
          <Reserve room={Object.values(BUTTON_LABELS)}>{BUTTON_LABELS[button]}</Reserve>
        </button>
      </div>

      {perRequest && (
        <div class="w-controls">
          {info.connection === 'request-per-answer' ? (
            <label>
              Polling interval{' '}
              <select
                value={settings.intervalMs}
                onChange={(e) =>
                  setSettings((s) => ({ ...s, intervalMs: Number((e.currentTarget as HTMLSelectElement).value) }))
                }
              >
                {INTERVALS.map((v) => (
                  <option key={v} value={v}>
                    {ms(v)}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <label>
              Long-poll timeout{' '}
              <select
                value={settings.timeoutMs}
                onChange={(e) =>
                  setSettings((s) => ({ ...s, timeoutMs: Number((e.currentTarget as HTMLSelectElement).value) }))
                }
              >
                {TIMEOUTS.map((v) => (
                  <option key={v} value={v}>
                    {ms(v)}
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

      <Timeline items={model.items} now={now} wireLabel={perRequest ? 'Requests' : 'Connection'} />

      <dl class="w-counts">
        <div>
          <dt>Events received</dt>
          <dd>{check.received}</dd>
        </div>
        <div>
          <dt>Requests made</dt>
          <dd>{counters.requests}</dd>
        </div>
        <div>
          <dt>Empty responses</dt>
          <dd>{perRequest ? counters.empty : 'n/a'}</dd>
        </div>
        <div>
          <dt>Reconnects</dt>
          <dd>{counters.reconnects}</dd>
        </div>
        <div>
          <dt>Bytes received</dt>
          <dd>{`${counters.bytes} B`}</dd>
        </div>
        <div>
          <dt>Latency of last event</dt>
          <dd>{counters.latencyMs === null ? '—' : `${counters.latencyMs} ms`}</dd>
        </div>
        <div class={check.lost > 0 ? 'w-bad' : ''}>
          <dt>Lost (unannounced)</dt>
          <dd>{check.lost}</dd>
        </div>
        <div class={check.duplicates > 0 ? 'w-bad' : ''}>
          <dt>Duplicates</dt>
          <dd>{check.duplicates}</dd>
        </div>
        <div>
          <dt>Gaps announced</dt>
          <dd>{`${check.missed} missed`}</dd>
        </div>
        <div>
          <dt>Resets</dt>
          <dd>{check.resets}</dd>
        </div>
      </dl>

      <fieldset class="w-faults" disabled={!running || busy}>
        <legend>Break it (only your own connection and channel)</legend>
        <div class="w-fault-buttons">
          <button type="button" class="w-button" onClick={() => injectFault('cut')}>
            Cut the connection
          </button>
          <button type="button" class="w-button" onClick={() => injectFault('restart')}>
            Restart the server
          </button>
          <button type="button" class="w-button" onClick={() => injectFault('gap')}>
            Fall too far behind
          </button>
          {info.direction === 'two-way' && (
            <button type="button" class="w-button" onClick={sendOverSocket}>
              Send a message up the socket
            </button>
          )}
        </div>
        <Reserve block class="w-explain" aria-live="polite" room={explanationRoom(technique)}>
          {model.state === 'error' ? gaveUp(technique, model.detail) : explanations(technique)[explained]}
        </Reserve>
      </fieldset>

      <WireInspector lab={lab} technique={technique} received={check.received} />
    </section>
  );
}
