/**
 * One technique, live: its browser client (src/client/) reading the learner's private channel, a
 * timeline of what crossed the wire, counters, the technique's own controls, fault injection (cut the
 * connection, restart the server, fall behind) and the wire inspector.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { WebSocketFeed } from '../../client/websocket.ts';
import { labApi, labChannel, newLabId } from '../shared/lab-api.ts';
import { useBrowserValue } from '../shared/use-browser-value.ts';
import { usePageGate } from '../shared/use-page-gate.ts';
import '../shared/widgets.css';
import WireInspector from '../wire-inspector/WireInspector.tsx';
import Timeline from './Timeline.tsx';
import { useLabFeed, type DemoTechnique, type FeedSettings, type WidgetState } from './use-lab-feed.ts';

interface Props {
  technique: DemoTechnique;
}

const NAMES: Record<DemoTechnique, string> = {
  polling: 'short polling',
  'long-polling': 'long polling',
  sse: 'Server-Sent Events',
  websocket: 'WebSocket',
};

const STATE_WORDS: Record<WidgetState, string> = { idle: 'Stopped', connecting: 'Connecting…', live: 'Live', error: 'Stopped by an error' };

/** What the learner should watch for after a cut: how this technique recovers, in a sentence. */
const RECOVERY: Record<DemoTechnique, string> = {
  polling: 'The request died without an answer, and so did the copy your browser resent by itself (browsers quietly resend a GET once when a reused keep-alive connection closes before answering). The client saw the failure and asks again with the same cursor: nothing is lost.',
  'long-polling': 'The held request died without an answer, and so did the copy your browser resent by itself (browsers quietly resend a GET once when a reused keep-alive connection closes before answering). The client asks again from its cursor after a short wait.',
  sse: 'EventSource reconnects by itself after the retry delay (2 s from the server\'s retry: line) and sends the last id it saw as Last-Event-ID.',
  websocket: 'The socket closed with 1006 (no close frame). WebSocket never reconnects by itself: this client waits a moment, then reconnects with ?after=<last seq>.',
};

const ERROR_MEANING: Record<DemoTechnique, string> = {
  polling: 'A poll refused with a client error would be refused again, so the client stopped instead of hammering the server.',
  'long-polling': 'A long-poll refused with a client error would be refused again, so the client stopped.',
  sse: 'This is EventSource behaving as specified: after a non-200 status or a wrong Content-Type it gives up for good, and only a new EventSource can try again.',
  websocket: 'The browser\'s WebSocket API never says why a handshake was refused (no status reaches your code), so the client stopped after several tries.',
};

const INTERVALS = [500, 1000, 2000, 5000];
const TIMEOUTS = [500, 2000, 10_000, 25_000];

const ms = (n: number) => (n >= 1000 ? `${n / 1000} s` : `${n} ms`);

export default function TechniqueDemo({ technique }: Props) {
  const lab = useBrowserValue(newLabId, '');
  const [wanted, setWanted] = useState(true);
  // Bumped by Retry: a client that gave up is replaced by a new one.
  const [attempt, setAttempt] = useState(0);
  const [settings, setSettings] = useState<FeedSettings>({ intervalMs: 2000, timeoutMs: 10_000 });
  const [announcement, setAnnouncement] = useState('');
  const [busy, setBusy] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const gate = usePageGate(lab);
  const feed = useLabFeed(technique, lab, settings, wanted && gate === null && lab !== '', attempt);
  const { model } = feed;
  const { check, counters } = model;
  /** The fault being recovered from: when it was injected, and how many events had arrived once the client noticed the drop. */
  const fault = useRef<{ at: number; receivedAtDrop: number | null } | null>(null);
  const previous = useRef<WidgetState>('idle');

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
      setAnnouncement(`Recovered ${((Date.now() - f.at) / 1000).toFixed(1)} s after the fault: ${check.received - f.receivedAtDrop} events since, ${check.lost} lost, ${check.duplicates} duplicates.`);
    } else if (state !== previous.current) {
      if (state === 'error') setAnnouncement(`Stopped: ${model.detail} ${ERROR_MEANING[technique]}`);
      // During an injected fault the explanation already on screen says what is going on.
      else if (state === 'connecting' && previous.current === 'live' && !f) setAnnouncement(`Connection lost; ${technique === 'sse' ? 'the browser is reconnecting by itself' : 'the client is retrying from its cursor'}…`);
      else if (state === 'live' && !fault.current) setAnnouncement(`Live over ${NAMES[technique]}.`);
    }
    previous.current = state;
  });

  const paused =
    gate === 'hidden' ? 'Paused while this tab is hidden: a hidden tab would still hold one of the browser\'s 6 connections to this site.'
    : gate === 'claimed' ? 'Paused: the connection-limit lab on this page needs all of the browser\'s connections for a moment.'
    : '';

  const injectFault = async (kind: 'cut' | 'restart' | 'gap') => {
    setBusy(true);
    try {
      fault.current = { at: Date.now(), receivedAtDrop: null };
      if (kind === 'cut') {
        const { dropped, armed } = await labApi.cut(lab);
        feed.mark('cut', armed ? 'nothing was in flight, so the server will drop the next request' : `the server dropped ${dropped} connection${dropped === 1 ? '' : 's'}`);
        setAnnouncement(`${armed ? 'Nothing was in flight: the server drops your next request instead.' : `The server dropped ${dropped} connection${dropped === 1 ? '' : 's'}.`} ${RECOVERY[technique]}`);
      } else if (kind === 'restart') {
        const { dropped } = await labApi.restart(lab);
        feed.mark('restart', 'connections dropped and the channel\'s history lost (new epoch)');
        setAnnouncement(`Server "restarted": ${dropped} connection${dropped === 1 ? '' : 's'} dropped and your channel's history is gone. When the client comes back with its old cursor, the server answers with a reset and starts again from the new history.`);
      } else {
        const { published, retention } = await labApi.gap(lab);
        feed.mark('flood', `${published} events published while you were away`);
        setAnnouncement(`While your connection was down, ${published} events were published; the server keeps only ${retention}. Coming back, the client is told about a gap: events it can never get, reported instead of silently skipped.`);
      }
    } catch (err) {
      fault.current = null;
      setAnnouncement(`The fault could not be injected: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  const sendOverSocket = async () => {
    const client = model.client as WebSocketFeed | null;
    if (!client) return;
    const started = performance.now();
    try {
      const seq = await client.publish({ note: 'sent by you over the WebSocket' });
      setAnnouncement(`The server acknowledged your frame as seq ${seq} after ${Math.round(performance.now() - started)} ms, on the same connection the events arrive on.`);
    } catch (err) {
      setAnnouncement(`Not sent: ${(err as Error).message}`);
    }
  };

  const toggle = () => {
    setAnnouncement('');
    if (model.state === 'error') setAttempt((n) => n + 1);
    else setWanted(!wanted);
  };
  const buttonLabel = model.state === 'error' ? 'Retry' : wanted ? 'Stop' : 'Start';

  const status = paused || announcement || (model.state === 'idle' ? 'Stopped. Press Start to open the connection.' : '');
  const polling = technique === 'polling' || technique === 'long-polling';

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
      aria-label={`Live demo: ${NAMES[technique]} on your private channel`}
    >
      <div class="w-head">
        <p class="w-title">
          <strong>{NAMES[technique]}</strong> · your private channel (ticks once a second)
        </p>
        <p class="w-state">
          <span class="w-dot" aria-hidden="true" />
          {STATE_WORDS[model.state]}
        </p>
        <button type="button" class="w-button" onClick={toggle}>
          {buttonLabel}
        </button>
      </div>

      {polling && (
        <div class="w-controls">
          {technique === 'polling' ? (
            <label>
              Polling interval{' '}
              <select value={settings.intervalMs} onChange={(e) => setSettings((s) => ({ ...s, intervalMs: Number((e.currentTarget as HTMLSelectElement).value) }))}>
                {INTERVALS.map((v) => <option key={v} value={v}>{ms(v)}</option>)}
              </select>
            </label>
          ) : (
            <label>
              Long-poll timeout{' '}
              <select value={settings.timeoutMs} onChange={(e) => setSettings((s) => ({ ...s, timeoutMs: Number((e.currentTarget as HTMLSelectElement).value) }))}>
                {TIMEOUTS.map((v) => <option key={v} value={v}>{ms(v)}</option>)}
              </select>
            </label>
          )}
        </div>
      )}

      <p class="w-status" role="status" aria-live="polite">
        {status}
      </p>
      {model.state === 'error' && <p class="w-error">{model.detail}</p>}

      <Timeline items={model.items} now={now} wireLabel={polling ? 'Requests' : 'Connection'} />

      <dl class="w-counts">
        <div><dt>Events received</dt><dd>{check.received}</dd></div>
        <div><dt>Requests made</dt><dd>{counters.requests}</dd></div>
        <div><dt>Empty responses</dt><dd>{polling ? counters.empty : 'n/a'}</dd></div>
        <div><dt>Reconnects</dt><dd>{counters.reconnects}</dd></div>
        <div><dt>Bytes received</dt><dd>{counters.bytes} B</dd></div>
        <div><dt>Latency of last event</dt><dd>{counters.latencyMs === null ? '—' : `${counters.latencyMs} ms`}</dd></div>
        <div class={check.lost > 0 ? 'w-bad' : ''}><dt>Lost (unannounced)</dt><dd>{check.lost}</dd></div>
        <div class={check.duplicates > 0 ? 'w-bad' : ''}><dt>Duplicates</dt><dd>{check.duplicates}</dd></div>
        <div><dt>Gaps announced</dt><dd>{check.missed} missed</dd></div>
        <div><dt>Resets</dt><dd>{check.resets}</dd></div>
      </dl>

      <fieldset class="w-faults" disabled={!running || busy}>
        <legend>Break it (only your own connection and channel)</legend>
        <button type="button" class="w-button" onClick={() => injectFault('cut')}>Cut the connection</button>
        <button type="button" class="w-button" onClick={() => injectFault('restart')}>Restart the server</button>
        <button type="button" class="w-button" onClick={() => injectFault('gap')}>Fall too far behind</button>
        {technique === 'websocket' && (
          <button type="button" class="w-button" onClick={sendOverSocket}>Send a message up the socket</button>
        )}
      </fieldset>

      {lab && <WireInspector lab={lab} technique={technique} received={check.received} />}
    </section>
  );
}
