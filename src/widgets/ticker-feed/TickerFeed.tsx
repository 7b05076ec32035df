/**
 * A live feed of the `ticker` channel: shows that events arrive, how late, and how the
 * transport recovers. The transport is pluggable: each technique supplies an OpenFeed.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { openSse } from '../../client/sse.ts';
import type { ChannelEvent, ConnectionState, FeedClient, OpenFeed } from '../../client/types.ts';

// Poll, long-poll and WebSocket clients join this table as their lessons land.
const TRANSPORTS = { sse: openSse } as const satisfies Record<string, OpenFeed>;
export type Technique = keyof typeof TRANSPORTS;

const LABELS: Record<Technique, string> = { sse: 'Server-Sent Events' };

interface Props {
  channel: string;
  technique: Technique;
}

type WidgetState = 'idle' | ConnectionState;

interface Row {
  seq: number;
  time: number;
  latency: number;
}

// Fixed number of rows, always rendered (blank until filled): the widget keeps one height
// from the server-rendered HTML to the tenth event, so reading the lesson never jumps.
const ROWS = 5;

const STATE_WORDS: Record<WidgetState, string> = {
  idle: 'Stopped',
  connecting: 'Connecting…',
  live: 'Live',
  error: 'Error',
};

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  fractionalSecondDigits: 3,
  hour12: false,
});

export default function TickerFeed({ channel, technique }: Props) {
  const [state, setState] = useState<WidgetState>('idle');
  const [received, setReceived] = useState(0);
  const [reconnects, setReconnects] = useState(0);
  const [rows, setRows] = useState<Row[]>([]);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');

  const client = useRef<FeedClient | null>(null);
  // What the learner asked for (Start/Stop), as opposed to what is open right now:
  // hiding the tab closes the stream but must not turn a running demo into a stopped one.
  const wanted = useRef(true);
  // Reconnects are counted across the clients we open ourselves (after a hidden tab).
  const reconnectBase = useRef(0);
  const lastSeq = useRef<number | undefined>(undefined);
  const lastEpoch = useRef<string | undefined>(undefined);

  const close = useCallback(() => {
    const c = client.current;
    if (!c) return;
    lastSeq.current = c.lastSeq;
    lastEpoch.current = c.epoch;
    reconnectBase.current += c.reconnects;
    c.close();
    client.current = null;
  }, []);

  const open = useCallback(() => {
    if (client.current) return;
    setError('');
    const openFeed = TRANSPORTS[technique];
    client.current = openFeed({
      channel,
      // Resume where we left off so a hidden tab loses nothing (the contract's cursor rule).
      after: lastSeq.current,
      epoch: lastEpoch.current,
      onState: (next, detail) => {
        setState(next);
        if (next === 'error') setError(detail ?? 'The connection failed.');
      },
      onEvent: (event: ChannelEvent) => {
        setReceived((n) => n + 1);
        // Server and browser share a clock only approximately; on one machine the skew is ~0.
        const row = { seq: event.seq, time: event.time, latency: Math.max(0, Date.now() - event.time) };
        setRows((prev) => [row, ...prev].slice(0, ROWS));
      },
      onGap: ({ missed }) =>
        setNotice(`Gap: ${missed === 1 ? '1 event was' : `${missed} events were`} too old to replay.`),
      onReset: () => {
        // The old rows belong to a history that no longer exists; mixing seqs from two would mislead.
        setRows([]);
        setNotice('Reset: the server lost its history, so the feed restarted from its oldest event.');
      },
      onReconnect: (count) => setReconnects(reconnectBase.current + count),
    });
  }, [channel, technique]);

  // client:visible hydrates us when the widget scrolls into view: that is "start when visible".
  useEffect(() => {
    open();
    const onVisibility = () => {
      // A hidden tab still holds one of the browser's 6 HTTP/1.1 connections per host.
      if (document.hidden) {
        close();
        setState('idle');
      } else if (wanted.current) {
        open();
      }
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      close();
    };
  }, [open, close]);

  const running = state === 'connecting' || state === 'live';

  const toggle = () => {
    wanted.current = !running;
    // close() first also clears a client that gave up (state 'error'), so Start retries cleanly.
    close();
    if (running) setState('idle');
    else open();
  };

  const buttonLabel = running ? 'Stop' : state === 'error' ? 'Retry' : 'Start';
  const status =
    state === 'error'
      ? `Error: ${error}`
      : state === 'live'
        ? `Live over ${LABELS[technique]}.`
        : state === 'connecting'
          ? reconnects > 0
            ? 'Connection dropped; the browser is reconnecting.'
            : 'Connecting…'
          : 'Stopped. Press Start to open the stream.';

  return (
    <section
      class="ticker-feed"
      data-demo={technique}
      data-state={state}
      data-received={received}
      aria-label={`Live demo: the ${channel} channel over ${LABELS[technique]}`}
    >
      <div class="tf-head">
        <p class="tf-state">
          <span class="tf-dot" aria-hidden="true" />
          <span>{STATE_WORDS[state]}</span>
        </p>
        <button type="button" class="tf-button" onClick={toggle}>
          {buttonLabel}
        </button>
      </div>

      <p class="tf-status" role="status" aria-live="polite">
        {status}
      </p>

      <dl class="tf-counts">
        <div>
          <dt>Events received</dt>
          <dd>{received}</dd>
        </div>
        <div>
          <dt>Reconnects</dt>
          <dd>{reconnects}</dd>
        </div>
        <div>
          <dt>Channel</dt>
          <dd>
            <code>{channel}</code>
          </dd>
        </div>
      </dl>

      <table class="tf-table">
        <caption class="visually-hidden">Last {ROWS} events, newest first</caption>
        <thead>
          <tr>
            <th scope="col">seq</th>
            <th scope="col">server time</th>
            <th scope="col">latency</th>
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: ROWS }, (_, i) => {
            const row = rows[i];
            return row ? (
              <tr key={row.seq}>
                <td>{row.seq}</td>
                <td>{timeFormat.format(row.time)}</td>
                <td>{row.latency} ms</td>
              </tr>
            ) : (
              <tr key={`empty-${i}`} class="tf-empty" aria-hidden="true">
                <td>—</td>
                <td>—</td>
                <td>—</td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <p class="tf-notice">{notice || '\u00a0'}</p>
    </section>
  );
}
