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
import { labWords } from '../shared/words-lab.ts';
import type { LabWidgetStrings } from '../../i18n/en/widgetsLab.ts';
import type { Locale } from '../../i18n/locales.ts';
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
type Words = LabWidgetStrings['connectionLimit'];

function messageRoom(words: Words, count: number): string[] {
  const slowest = words.fetchDone(99_999);
  return [
    words.intro,
    words.opening(count),
    words.someStalled(count, count, count, slowest),
    words.someStalled(count, count, count, words.fetchWaiting),
    words.noneStalled(count, 'http/1.1', slowest),
    words.noneStalled(count, 'http/1.1', words.fetchWaiting),
    words.sharedOne(count),
    words.cleaned,
  ];
}

const probeRoom = (words: Words) => [
  words.probe.none,
  words.probe.completed(99_999),
  words.probe.failed,
  words.probe.stalled,
  words.probe.pending,
];

/** Known only in the browser: nothing before, and its room is kept (see Reserve). */
const protocolNote = (words: Words, protocol: string) =>
  protocol === '' ? null : (
    <>
      {words.protocol[0]}
      <code>{protocol}</code>
      {protocol === 'http/1.1' ? words.protocol[1] : words.protocol[2]}
    </>
  );
const protocolRoom = (words: Words) => ['http/1.1', 'h2', 'h3'].map((p) => protocolNote(words, p));

export default function ConnectionLimitLab({ lang = 'en' }: { lang?: Locale }) {
  const words = labWords(lang).connectionLimit;
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
    setMessage(words.cleaned);
  };

  const open = async () => {
    const id = ++run.current;
    setServerView(null);
    setMessage(words.opening(count));
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
    setMessage(words.sharedOne(count));
    // A new fetch: with a free connection it goes straight through.
    window.setTimeout(startProbe, 300);
  };

  // Leaving the page (or unmounting) must not leave streams holding the learner's connections.
  useEffect(() => () => void cleanUp('idle'), []);

  useEffect(() => {
    if (phase !== 'stalled') return;
    const opened = streams.filter((s) => s.state === 'open').length;
    const stalled = streams.filter((s) => s.state === 'stalled').length;
    const fetchWord = probe?.state === 'completed' ? words.fetchDone(probe.tookMs ?? 0) : words.fetchWaiting;
    setMessage(
      stalled > 0
        ? words.someStalled(opened, streams.length, stalled, fetchWord)
        : words.noneStalled(opened, protocol, fetchWord),
    );
  }, [phase]);

  const opened = streams.filter((s) => s.state === 'open').length;
  const stalled = streams.filter((s) => s.state === 'stalled' || s.state === 'waiting').length;
  const received = streams.reduce((n, s) => n + s.events, 0);
  const state = phase === 'opening' ? 'connecting' : phase === 'stalled' || phase === 'shared' ? 'live' : 'idle';
  const PROBE_TEXTS = words.probe;
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
      aria-label={words.aria}
    >
      <div class="w-head">
        <label>
          {words.countLabel}{' '}
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
          {words.open(count)}
        </button>
        <button type="button" class="w-button" onClick={share} disabled={phase !== 'stalled'}>
          {words.share}
        </button>
        <button
          type="button"
          class="w-button"
          onClick={() => void cleanUp()}
          disabled={phase === 'idle' || phase === 'cleaned'}
        >
          {words.close}
        </button>
      </div>
      <Reserve block class="w-status" role="status" aria-live="polite" room={messageRoom(words, count)}>
        {message || words.intro}
      </Reserve>
      <Reserve block class="w-note" room={protocolRoom(words)}>
        {protocolNote(words, protocol)}
      </Reserve>
      <ul class="w-streams" aria-label={words.streamsLabel}>
        {rows.map((s) => (
          <li key={s.n} data-stream={s.state}>
            <span class="w-oneline">
              #{s.n}{' '}
              <Reserve room={Object.values(words.streamWords)}>
                {words.streamWords[s.state === 'open' && phase === 'shared' ? 'shared' : s.state]}
              </Reserve>
            </span>
            <span class="w-oneline">{words.events(s.events)}</span>
          </li>
        ))}
      </ul>
      <p>
        {words.probeLine[0]}
        <code>fetch</code>
        {words.probeLine[1]}{' '}
        <strong>
          <Reserve room={probeRoom(words)}>{probeText}</Reserve>
        </strong>
      </p>
      <p>
        {words.serverLine[0]}
        <span class="w-num">{serverView?.peak ?? '–'}</span>
        {words.serverLine[1]}
        <span class="w-num">{serverView?.live ?? '–'}</span>
        {words.serverLine[2]}
      </p>
    </section>
  );
}
