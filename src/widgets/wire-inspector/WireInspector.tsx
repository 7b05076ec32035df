/**
 * The bytes of this demo's own connections, as the server captured them (api/lab/): HTTP heads and
 * bodies, the SSE text as it arrived, the WebSocket handshake and every frame decoded. Fetches only
 * while open: a closed inspector costs nothing.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { labApi, labErrorWords, type ByteCounts, type LabConnections, type WireEntry } from '../shared/lab-api.ts';
import Reserve from '../shared/Reserve.tsx';
import { widgetWords } from '../shared/words.ts';
import type { WidgetStrings } from '../../i18n/en/widgets.ts';
import type { Locale } from '../../i18n/locales.ts';
import { acceptSteps, headerValue, type AcceptSteps } from './accept.ts';
import { technique as techniqueInfo, type TechniqueId } from '../../../protocol/techniques.ts';

const REFRESH_MS = 1000;
const SHOWN_ENTRIES = 60;

interface Props {
  lab: string;
  technique: TechniqueId;
  /** Events the demo received: the denominator of "bytes per event". */
  received: number;
  lang?: Locale;
}

type Words = WidgetStrings['inspector'];

const total = (c: ByteCounts) => c.header + c.framing + c.payload;
const perEvent = (bytes: number, events: number) => (events > 0 ? `${Math.round(bytes / events)} B` : '—');

const NO_BYTES: ByteCounts = { header: 0, framing: 0, payload: 0 };

/**
 * The byte counts, in the page from the start (dashes until the first answer) so that opening the
 * inspector does not make it grow twice. Cells never wrap: a count that gains a digit widens its column
 * (the table scrolls sideways on a phone), it does not add a line.
 */
function ByteTable({ stats, received, words }: { stats: LabConnections | null; received: number; words: Words }) {
  const { up, down } = stats?.totals ?? { up: NO_BYTES, down: NO_BYTES };
  const rows: [string, ByteCounts][] = [
    [words.up, up],
    [words.down, down],
  ];
  const all = {
    header: up.header + down.header,
    framing: up.framing + down.framing,
    payload: up.payload + down.payload,
  };
  const bytes = (n: number) => (stats ? `${n} B` : '—');
  const connections = stats?.connections.length ?? 0;
  const requests = stats?.connections.reduce((n, c) => n + c.requests, 0) ?? 0;
  return (
    <>
      {/* One text node: its content changes, nothing in it moves. */}
      <p class="w-note w-two-lines">{stats ? words.measured(connections, requests) : words.measuredNone}</p>
      <table class="w-bytes" tabIndex={0}>
        <caption>{words.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{words.columns.direction}</th>
            <th scope="col">{words.columns.header}</th>
            <th scope="col">{words.columns.framing}</th>
            <th scope="col">{words.columns.payload}</th>
            <th scope="col">{words.columns.total}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, c]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{bytes(c.header)}</td>
              <td>{bytes(c.framing)}</td>
              <td>{bytes(c.payload)}</td>
              <td>{bytes(total(c))}</td>
            </tr>
          ))}
          <tr class="w-bytes-per-event">
            <th scope="row">{words.perEvent(received)}</th>
            <td>{perEvent(all.header, received)}</td>
            <td>{perEvent(all.framing, received)}</td>
            <td>{perEvent(all.payload, received)}</td>
            <td>{perEvent(total(all), received)}</td>
          </tr>
        </tbody>
      </table>
    </>
  );
}

/** Room for a value of a known length in a monospace font: the sample is as wide as the value will be. */
const sized = (value: string | undefined, length: number) => (
  <Reserve room={['x'.repeat(length)]}>{value ?? '…'}</Reserve>
);

const acceptResults = (words: Words) => [
  words.accept.computing,
  words.accept.same,
  words.accept.different,
  words.accept.gone,
];

/**
 * The WebSocket opening handshake, step by step. In the page from the start, with room for each value
 * (a key is 24 characters of base64, its SHA-1 40 hex digits, the accept value 28), so nothing moves
 * when the handshake is found and the values fill in.
 */
function Handshake({
  request,
  response,
  read,
  words,
}: {
  request?: string;
  response?: string;
  read: boolean;
  words: Words;
}) {
  const ACCEPT_RESULTS = acceptResults(words);
  const h = words.handshake;
  const key = request ? headerValue(request, 'Sec-WebSocket-Key') : undefined;
  const sent = response ? headerValue(response, 'Sec-WebSocket-Accept') : undefined;
  const [steps, setSteps] = useState<AcceptSteps | null>(null);
  const [problem, setProblem] = useState('');
  useEffect(() => {
    if (!key) return;
    acceptSteps(key).then(setSteps, (err: Error) => setProblem(err.message));
  }, [key]);
  const match = steps && sent ? steps.accept === sent : undefined;
  const result =
    match !== undefined
      ? ACCEPT_RESULTS[match ? 1 : 2]
      : problem || (read && !request ? ACCEPT_RESULTS[3] : ACCEPT_RESULTS[0]);
  return (
    <div class="w-handshake" data-accept-match={match === undefined ? undefined : String(match)}>
      <p>
        <strong>{h.title}</strong>
        {h.intro[0]}
        <code>Upgrade: websocket</code>
        {h.intro[1]}
        <code>
          <Reserve room={['HTTP/1.1 101 Switching Protocols']}>{response?.split('\r\n')[0] ?? '…'}</Reserve>
        </code>
        {h.intro[2]}
      </p>
      <ol>
        <li>
          {h.key}
          <code>{sized(key, 24)}</code>
        </li>
        <li>
          {h.guid}
          <code class="w-break">{sized(steps?.joined, 60)}</code>
        </li>
        <li>
          {h.sha1}
          <code class="w-break">{sized(steps?.sha1Hex, 40)}</code>
        </li>
        <li>
          {h.base64}
          <code>{sized(steps?.accept, 28)}</code>
        </li>
        <li>
          {h.sent}
          <code>Sec-WebSocket-Accept: {sized(sent, 28)}</code>:{' '}
          <strong>
            <Reserve room={ACCEPT_RESULTS}>{result}</Reserve>
          </strong>
        </li>
      </ol>
    </div>
  );
}

function Entry({ entry, words }: { entry: WireEntry; words: Words }) {
  const who = 'dir' in entry ? (entry.dir === 'up' ? words.up : words.down) : words.server;
  const common = { 'data-kind': entry.kind, 'data-dir': 'dir' in entry ? entry.dir : undefined };
  if (entry.kind === 'ws-frame') {
    return (
      <li class="w-entry" {...common} data-masked={String(entry.masked)}>
        <p class="w-entry-head">
          #{entry.conn} {who}: {words.frame}
        </p>
        <dl class="w-frame">
          <div>
            <dt>FIN</dt>
            <dd>{entry.fin ? 1 : 0}</dd>
          </div>
          <div>
            <dt>opcode</dt>
            <dd>
              0x{entry.opcode.toString(16)} ({entry.opcodeName})
            </dd>
          </div>
          <div>
            <dt>MASK</dt>
            <dd>{entry.masked ? 1 : 0}</dd>
          </div>
          <div>
            <dt>{words.fields.maskingKey}</dt>
            <dd>{entry.maskingKey ?? words.noMask}</dd>
          </div>
          <div>
            <dt>{words.fields.payloadLength}</dt>
            <dd>{entry.payloadLength} B</dd>
          </div>
          <div>
            <dt>{words.fields.frameHeader}</dt>
            <dd>{entry.headerBytes} B</dd>
          </div>
        </dl>
        <pre class="w-pre">
          {entry.payload}
          {entry.truncated ? '…' : ''}
        </pre>
      </li>
    );
  }
  if (entry.kind === 'note') {
    return (
      <li class="w-entry w-entry-note" {...common}>
        #{entry.conn} {entry.text}
      </li>
    );
  }
  const label =
    entry.kind === 'http-head' ? words.httpHead(entry.bytes) : words.body(entry.payloadBytes, entry.framingBytes);
  return (
    <li class="w-entry" {...common}>
      <p class="w-entry-head">
        #{entry.conn} {who}: {label}
      </p>
      <pre class="w-pre">
        {entry.text}
        {entry.kind === 'http-body' && entry.truncated ? '…' : ''}
      </pre>
    </li>
  );
}

/** The latest WebSocket handshake in `entries`: the upgrade request and the head that answered it. */
function latestHandshake(entries: readonly WireEntry[]): { request: string; response: string } | undefined {
  for (let i = entries.length - 1; i >= 0; i--) {
    const request = entries[i]!;
    if (
      request.kind !== 'http-head' ||
      request.dir !== 'up' ||
      headerValue(request.text, 'Upgrade')?.toLowerCase() !== 'websocket'
    )
      continue;
    const response = entries.find(
      (e) => e.kind === 'http-head' && e.dir === 'down' && e.conn === request.conn && e.n > request.n,
    );
    if (response && response.kind === 'http-head') return { request: request.text, response: response.text };
  }
  return undefined;
}

export default function WireInspector({ lab, technique, received, lang = 'en' }: Props) {
  const { inspector: words, common } = widgetWords(lang);
  // Only a WebSocket starts with an HTTP Upgrade handshake worth walking through.
  const upgrades = techniqueInfo(technique).wire === 'websocket-frames';
  const [open, setOpen] = useState(false);
  const [entries, setEntries] = useState<WireEntry[]>([]);
  const [stats, setStats] = useState<LabConnections | null>(null);
  const [problem, setProblem] = useState('');
  const [handshake, setHandshake] = useState<{ request: string; response: string } | null>(null);
  const next = useRef(0);
  const kept = useRef<WireEntry[]>([]);

  useEffect(() => {
    if (!open || !lab) return;
    let stopped = false;
    const refresh = async () => {
      try {
        const [page, connections] = await Promise.all([labApi.wire(lab, next.current), labApi.connections(lab)]);
        if (stopped) return;
        next.current = page.next;
        const combined = [...kept.current, ...page.entries];
        const found = latestHandshake(combined);
        if (found) setHandshake(found);
        kept.current = combined.slice(-SHOWN_ENTRIES);
        setEntries(kept.current);
        setStats(connections);
        setProblem('');
      } catch (err) {
        if (!stopped) setProblem(words.readFailed(labErrorWords(common, err)));
      }
    };
    void refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [open, lab]);

  const shown = [...entries].reverse();

  return (
    <details
      class="w-inspector"
      data-inspector={technique}
      data-entries={entries.length}
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>{words.summary}</summary>
      <p class="w-note">
        {words.about[0]}
        <code>?lab=…</code>
        {words.about[1]}
      </p>
      <p class="w-note w-two-lines">{problem || (stats ? words.refreshing : words.reading)}</p>
      <ByteTable stats={stats} received={received} words={words} />
      {upgrades && (
        <Handshake request={handshake?.request} response={handshake?.response} read={stats !== null} words={words} />
      )}
      {/* A box of fixed height that scrolls, newest first: entries keep coming while it is open. */}
      <ol class="w-entries" tabIndex={0} aria-label={words.entriesLabel}>
        {shown.length === 0 ? (
          <li class="w-entry w-entry-note">{words.nothingYet}</li>
        ) : (
          shown.map((e) => <Entry key={e.n} entry={e} words={words} />)
        )}
      </ol>
    </details>
  );
}
