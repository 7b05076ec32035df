/**
 * The 6-connections-per-host limit of HTTP/1.1, made visible: open N EventSources to this server and
 * watch the ones past the limit (and a fetch queued behind them) wait; then carry all N feeds over one
 * shared stream and watch the fetch go through. Every connection it opens, it closes.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { channelUrl } from '../../client/url.ts';
import { labApi, labChannel, newLabId } from '../shared/lab-api.ts';
import { claimPage } from '../shared/page-connections.ts';
import { useBrowserValue } from '../shared/use-browser-value.ts';
import Reserve from '../shared/Reserve.tsx';
import { plural } from '../shared/words.ts';
import '../shared/widgets.css';

type Phase = 'idle' | 'opening' | 'stalled' | 'shared' | 'cleaned';
type StreamState = 'idle' | 'waiting' | 'open' | 'stalled' | 'closed';

interface Stream {
  n: number;
  state: StreamState;
  events: number;
}

interface Probe {
  state: 'pending' | 'stalled' | 'completed' | 'failed';
  startedAt: number;
  tookMs: number | null;
}

/**
 * The waiting streams are called stalled once the others have stopped opening: at least SETTLE_MS
 * after the start and no stream opened for QUIET_MS (a busy machine opens them slowly, not never).
 */
const SETTLE_MS = 3000;
const QUIET_MS = 1000;
const GIVE_UP_MS = 15_000;
/** Time given to the fetch sent after them. */
const PROBE_MS = 2000;
/** Time for the other widgets on the page to close their connections after the claim. */
const RELEASE_MS = 800;
const COUNTS = [4, 6, 7, 8, 10];

/** The HTTP version this page came over: h2 and h3 multiplex, and nothing will stall. */
function pageProtocol(): string {
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  return nav?.nextHopProtocol || 'unknown';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/*
 * Everything the lab says, as functions of its numbers: the status line keeps room for each of them
 * (with the largest numbers it can show), so that it has its final height before the first click.
 */
const INTRO =
  'Press "Open" to start. While the lab runs, the other demos on this page pause so that the count is honest; other tabs of this site share the same 6 connections and may change it.';
const opening = (count: number) =>
  `Asking the other demos on this page to let go of their connections, then opening ${count} event streams…`;
const fetchDone = (ms: number) => `The fetch behind them completed in ${ms} ms.`;
const FETCH_WAITING = 'The fetch queued behind them is still waiting.';
const someStalled = (opened: number, total: number, stalled: number, fetchWord: string) =>
  `${opened} of ${total} streams opened; ${stalled} ${stalled === 1 ? 'is' : 'are'} stalled, waiting for a free connection. ${fetchWord} The server never even saw the stalled requests: the queue is in your browser.`;
const noneStalled = (opened: number, protocol: string, fetchWord: string) =>
  `All ${opened} streams opened and nothing stalled (this page came over ${protocol}). ${fetchWord}`;
const sharedOne = (count: number) =>
  `The ${count} streams were closed and replaced by one shared stream that feeds all ${count} rows. The waiting fetch could go as soon as a connection was free; a new one goes at once.`;
const CLEANED = 'Every connection this lab opened is closed; the other demos on the page have resumed.';

function messageRoom(count: number): string[] {
  const slowest = fetchDone(99_999);
  return [
    INTRO,
    opening(count),
    someStalled(count, count, count, slowest),
    someStalled(count, count, count, FETCH_WAITING),
    noneStalled(count, 'http/1.1', slowest),
    noneStalled(count, 'http/1.1', FETCH_WAITING),
    sharedOne(count),
    CLEANED,
  ];
}

const STREAM_WORDS: Record<StreamState | 'shared', string> = {
  idle: 'not opened',
  waiting: 'waiting',
  open: 'open',
  stalled: 'stalled',
  closed: 'closed',
  shared: 'shared stream',
};

const PROBE_TEXTS = {
  none: 'not sent yet',
  completed: (ms: number) => `completed in ${ms} ms`,
  failed: 'failed',
  stalled: 'waiting (stalled: no free connection)',
  pending: 'waiting (pending)',
};
const PROBE_ROOM = [
  PROBE_TEXTS.none,
  PROBE_TEXTS.completed(99_999),
  PROBE_TEXTS.failed,
  PROBE_TEXTS.stalled,
  PROBE_TEXTS.pending,
];

/** Known only in the browser: nothing before, and its room is kept (see Reserve). */
const protocolNote = (protocol: string) =>
  protocol === '' ? null : (
    <>
      This page came over <code>{protocol}</code>
      {protocol === 'http/1.1'
        ? ': at most 6 connections to this host at a time.'
        : ': requests share one connection as separate streams, so none should stall.'}
    </>
  );
const PROTOCOL_ROOM = ['http/1.1', 'h2', 'h3'].map(protocolNote);

export default function ConnectionLimitLab() {
  const lab = useBrowserValue(newLabId, '');
  const [count, setCount] = useState(7);
  const [phase, setPhase] = useState<Phase>('idle');
  const [streams, setStreams] = useState<Stream[]>([]);
  const [probe, setProbe] = useState<Probe | null>(null);
  const protocol = useBrowserValue(pageProtocol, '');
  const [serverView, setServerView] = useState<{ live: number; peak: number } | null>(null);
  const [message, setMessage] = useState('');
  const sources = useRef<EventSource[]>([]);
  const lastOpened = useRef({ count: 0, at: 0 });
  const probeAbort = useRef<AbortController | null>(null);
  const run = useRef(0);

  const update = (n: number, change: Partial<Stream>) =>
    setStreams((all) => all.map((s) => (s.n === n ? { ...s, ...change } : s)));
  const streamUrl = (n: number) => channelUrl(labChannel(lab), 'sse', { lab, stream: n });

  const closeSources = () => {
    for (const source of sources.current) source.close();
    sources.current = [];
  };

  /** A fetch queued behind the streams: it needs a connection too. */
  const startProbe = () => {
    probeAbort.current?.abort();
    const controller = new AbortController();
    probeAbort.current = controller;
    const startedAt = performance.now();
    setProbe({ state: 'pending', startedAt, tookMs: null });
    // One chain, one catch: an abort can land while the body is still being read, not only before the
    // answer, and an unhandled rejection there would surface as a page error.
    fetch(channelUrl(labChannel(lab), 'poll', { lab }), { signal: controller.signal, cache: 'no-store' })
      .then((r) => r.text())
      .then(() => setProbe({ state: 'completed', startedAt, tookMs: Math.round(performance.now() - startedAt) }))
      .catch(() => {
        if (!controller.signal.aborted) setProbe((p) => (p ? { ...p, state: 'failed' } : p));
      });
  };

  const cleanUp = async (final: Phase = 'cleaned') => {
    closeSources();
    probeAbort.current?.abort();
    probeAbort.current = null;
    setStreams((all) => all.map((s) => ({ ...s, state: 'closed' })));
    claimPage(lab, false);
    setPhase(final);
    if (final !== 'cleaned') return;
    // Ask the server what it still holds for this lab: nothing, once every stream has closed.
    for (let i = 0; i < 20; i++) {
      const stats = await labApi.connections(lab).catch(() => null);
      if (stats) setServerView({ live: stats.live, peak: stats.peakLive });
      if (stats?.live === 0) break;
      await sleep(250);
    }
    setMessage(CLEANED);
  };

  const open = async () => {
    const id = ++run.current;
    setServerView(null);
    setMessage(opening(count));
    setPhase('opening');
    setStreams(Array.from({ length: count }, (_, i) => ({ n: i + 1, state: 'idle', events: 0 })));
    claimPage(lab, true);
    await sleep(RELEASE_MS);
    if (id !== run.current) return;
    setStreams(Array.from({ length: count }, (_, i) => ({ n: i + 1, state: 'waiting', events: 0 })));
    const started = performance.now();
    lastOpened.current = { count: 0, at: started };
    sources.current = Array.from({ length: count }, (_, i) => {
      const n = i + 1;
      const source = new EventSource(streamUrl(n));
      source.onopen = () => {
        lastOpened.current = { count: lastOpened.current.count + 1, at: performance.now() };
        update(n, { state: 'open' });
      };
      source.onmessage = () => setStreams((all) => all.map((s) => (s.n === n ? { ...s, events: s.events + 1 } : s)));
      return source;
    });
    for (;;) {
      await sleep(200);
      if (id !== run.current) return;
      const now = performance.now();
      const settled = now - started >= SETTLE_MS && now - lastOpened.current.at >= QUIET_MS;
      if (lastOpened.current.count === count || settled || now - started >= GIVE_UP_MS) break;
    }
    setStreams((all) => all.map((s) => (s.state === 'waiting' ? { ...s, state: 'stalled' } : s)));
    // Only now: a fetch sent together with the streams would be queued ahead of them (the browser
    // ranks a fetch above an EventSource) and slip through before the connections fill up.
    startProbe();
    await sleep(PROBE_MS);
    if (id !== run.current) return;
    setProbe((p) => (p && p.state === 'pending' ? { ...p, state: 'stalled' } : p));
    setPhase('stalled');
  };

  /** One stream for everyone: the page fans its events out to the N feeds. */
  const share = () => {
    closeSources();
    const shared = new EventSource(streamUrl(0));
    shared.onmessage = () => setStreams((all) => all.map((s) => ({ ...s, events: s.events + 1 })));
    shared.onopen = () => setStreams((all) => all.map((s) => ({ ...s, state: 'open' })));
    sources.current = [shared];
    setPhase('shared');
    setMessage(sharedOne(count));
    // A new fetch: with a free connection it goes straight through.
    window.setTimeout(startProbe, 300);
  };

  // Leaving the page (or unmounting) must not leave streams holding the learner's connections.
  useEffect(() => () => void cleanUp('idle'), []);

  useEffect(() => {
    if (phase !== 'stalled') return;
    const opened = streams.filter((s) => s.state === 'open').length;
    const stalled = streams.filter((s) => s.state === 'stalled').length;
    const fetchWord = probe?.state === 'completed' ? fetchDone(probe.tookMs ?? 0) : FETCH_WAITING;
    setMessage(
      stalled > 0 ? someStalled(opened, streams.length, stalled, fetchWord) : noneStalled(opened, protocol, fetchWord),
    );
  }, [phase]);

  const opened = streams.filter((s) => s.state === 'open').length;
  const stalled = streams.filter((s) => s.state === 'stalled' || s.state === 'waiting').length;
  const received = streams.reduce((n, s) => n + s.events, 0);
  const state = phase === 'opening' ? 'connecting' : phase === 'stalled' || phase === 'shared' ? 'live' : 'idle';
  const probeText = !probe
    ? PROBE_TEXTS.none
    : probe.state === 'completed'
      ? PROBE_TEXTS.completed(probe.tookMs ?? 0)
      : probe.state === 'failed'
        ? PROBE_TEXTS.failed
        : probe.state === 'stalled'
          ? PROBE_TEXTS.stalled
          : PROBE_TEXTS.pending;
  // Before the first run, the rows the lab will open: the list is in the page from the start.
  const rows: Stream[] =
    streams.length > 0 ? streams : Array.from({ length: count }, (_, i) => ({ n: i + 1, state: 'idle', events: 0 }));

  return (
    <section
      class="w-widget"
      data-demo="connection-limit"
      data-state={state}
      data-received={received}
      data-phase={phase}
      data-opened={opened}
      data-stalled={stalled}
      data-fetch={probe?.state ?? 'none'}
      data-server-live={serverView?.live ?? ''}
      data-channel={lab ? labChannel(lab) : ''}
      data-pagefind-ignore
      aria-label="Connection-limit lab: several EventSources over HTTP/1.1"
    >
      <div class="w-head">
        <label>
          EventSources to open{' '}
          <select
            value={count}
            disabled={phase === 'opening' || phase === 'stalled' || phase === 'shared'}
            onChange={(e) => setCount(Number((e.currentTarget as HTMLSelectElement).value))}
          >
            {COUNTS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          class="w-button"
          onClick={open}
          disabled={!lab || phase === 'opening' || phase === 'stalled' || phase === 'shared'}
        >
          Open {count} streams
        </button>
        <button type="button" class="w-button" onClick={share} disabled={phase !== 'stalled'}>
          Fix: share one stream
        </button>
        <button
          type="button"
          class="w-button"
          onClick={() => void cleanUp()}
          disabled={phase === 'idle' || phase === 'cleaned'}
        >
          Close everything
        </button>
      </div>
      <Reserve block class="w-status" role="status" aria-live="polite" room={messageRoom(count)}>
        {message || INTRO}
      </Reserve>
      <Reserve block class="w-note" room={PROTOCOL_ROOM}>
        {protocolNote(protocol)}
      </Reserve>
      <ul class="w-streams" aria-label="The streams">
        {rows.map((s) => (
          <li key={s.n} data-stream={s.state}>
            <span class="w-oneline">
              #{s.n}{' '}
              <Reserve room={Object.values(STREAM_WORDS)}>
                {STREAM_WORDS[s.state === 'open' && phase === 'shared' ? 'shared' : s.state]}
              </Reserve>
            </span>
            <span class="w-oneline">{plural(s.events, 'event')}</span>
          </li>
        ))}
      </ul>
      <p>
        A <code>fetch</code> sent after the streams:{' '}
        <strong>
          <Reserve room={PROBE_ROOM}>{probeText}</Reserve>
        </strong>
      </p>
      <p>
        Counted by the server after the clean-up: at most <span class="w-num">{serverView?.peak ?? '–'}</span> of this
        lab's connections at once, <span class="w-num">{serverView?.live ?? '–'}</span> still held.
      </p>
    </section>
  );
}
