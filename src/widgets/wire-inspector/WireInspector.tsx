/**
 * The bytes of this demo's own connections, as the server captured them (api/lab/): HTTP heads and
 * bodies, the SSE text as it arrived, the WebSocket handshake and every frame decoded. Fetches only
 * while open: a closed inspector costs nothing.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { labApi, type ByteCounts, type LabConnections, type WireEntry } from '../shared/lab-api.ts';
import { acceptSteps, headerValue, type AcceptSteps } from './accept.ts';

const REFRESH_MS = 1000;
const SHOWN_ENTRIES = 60;

interface Props {
  lab: string;
  technique: string;
  /** Events the demo received: the denominator of "bytes per event". */
  received: number;
}

const total = (c: ByteCounts) => c.header + c.framing + c.payload;
const perEvent = (bytes: number, events: number) => (events > 0 ? `${Math.round(bytes / events)} B` : '—');

function ByteTable({ stats, received }: { stats: LabConnections; received: number }) {
  const { up, down } = stats.totals;
  const rows: [string, ByteCounts][] = [
    ['browser → server', up],
    ['server → browser', down],
  ];
  const all = { header: up.header + down.header, framing: up.framing + down.framing, payload: up.payload + down.payload };
  const connections = stats.connections.length;
  const requests = stats.connections.reduce((n, c) => n + c.requests, 0);
  return (
    <table class="w-bytes">
      <caption>
        Bytes on the wire, measured by the server: {connections} connection{connections === 1 ? '' : 's'}, {requests} request{requests === 1 ? '' : 's'}
      </caption>
      <thead>
        <tr>
          <th scope="col">direction</th>
          <th scope="col">headers</th>
          <th scope="col">framing</th>
          <th scope="col">payload</th>
          <th scope="col">total</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, c]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{c.header} B</td>
            <td>{c.framing} B</td>
            <td>{c.payload} B</td>
            <td>{total(c)} B</td>
          </tr>
        ))}
        <tr class="w-bytes-per-event">
          <th scope="row">per event received ({received})</th>
          <td>{perEvent(all.header, received)}</td>
          <td>{perEvent(all.framing, received)}</td>
          <td>{perEvent(all.payload, received)}</td>
          <td>{perEvent(total(all), received)}</td>
        </tr>
      </tbody>
    </table>
  );
}

function Handshake({ request, response }: { request: string; response: string }) {
  const key = headerValue(request, 'Sec-WebSocket-Key');
  const sent = headerValue(response, 'Sec-WebSocket-Accept');
  const [steps, setSteps] = useState<AcceptSteps | null>(null);
  const [problem, setProblem] = useState('');
  useEffect(() => {
    if (!key) return;
    acceptSteps(key).then(setSteps, (err: Error) => setProblem(err.message));
  }, [key]);
  if (!key) return null;
  const match = steps ? steps.accept === sent : undefined;
  return (
    <div class="w-handshake" data-accept-match={match === undefined ? undefined : String(match)}>
      <p>
        <strong>The opening handshake</strong> is one HTTP/1.1 GET with <code>Upgrade: websocket</code>, answered by{' '}
        <code>{response.split('\r\n')[0]}</code>. The server proves it understood by hashing the browser's random key:
      </p>
      <ol>
        <li>
          key from the request: <code>{key}</code>
        </li>
        <li>
          append the fixed GUID of RFC 6455: <code class="w-break">{steps?.joined ?? '…'}</code>
        </li>
        <li>
          SHA-1 of that text, 20 bytes: <code class="w-break">{steps?.sha1Hex ?? '…'}</code>
        </li>
        <li>
          base64 of those bytes: <code>{steps?.accept ?? '…'}</code>
        </li>
        <li>
          the server sent <code>Sec-WebSocket-Accept: {sent}</code>:{' '}
          <strong>{match === undefined ? (problem || 'computing…') : match ? 'the same value, computed in this page ✓' : 'a different value ✗'}</strong>
        </li>
      </ol>
    </div>
  );
}

function Entry({ entry }: { entry: WireEntry }) {
  const who = 'dir' in entry ? (entry.dir === 'up' ? 'browser → server' : 'server → browser') : 'server';
  const common = { 'data-kind': entry.kind, 'data-dir': 'dir' in entry ? entry.dir : undefined };
  if (entry.kind === 'ws-frame') {
    return (
      <li class="w-entry" {...common} data-masked={String(entry.masked)}>
        <p class="w-entry-head">
          #{entry.conn} {who}: WebSocket frame
        </p>
        <dl class="w-frame">
          <div><dt>FIN</dt><dd>{entry.fin ? 1 : 0}</dd></div>
          <div><dt>opcode</dt><dd>0x{entry.opcode.toString(16)} ({entry.opcodeName})</dd></div>
          <div><dt>MASK</dt><dd>{entry.masked ? 1 : 0}</dd></div>
          <div><dt>masking key</dt><dd>{entry.maskingKey ?? 'none (server frames are never masked)'}</dd></div>
          <div><dt>payload length</dt><dd>{entry.payloadLength} B</dd></div>
          <div><dt>frame header</dt><dd>{entry.headerBytes} B</dd></div>
        </dl>
        <pre class="w-pre">{entry.payload}{entry.truncated ? '…' : ''}</pre>
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
  const label = entry.kind === 'http-head' ? `HTTP head, ${entry.bytes} B` : `body, ${entry.payloadBytes} B payload${entry.framingBytes ? ` + ${entry.framingBytes} B chunk framing` : ''}`;
  return (
    <li class="w-entry" {...common}>
      <p class="w-entry-head">
        #{entry.conn} {who}: {label}
      </p>
      <pre class="w-pre">{entry.text}{entry.kind === 'http-body' && entry.truncated ? '…' : ''}</pre>
    </li>
  );
}

/** The latest WebSocket handshake in `entries`: the upgrade request and the head that answered it. */
function latestHandshake(entries: readonly WireEntry[]): { request: string; response: string } | undefined {
  for (let i = entries.length - 1; i >= 0; i--) {
    const request = entries[i]!;
    if (request.kind !== 'http-head' || request.dir !== 'up' || headerValue(request.text, 'Upgrade')?.toLowerCase() !== 'websocket') continue;
    const response = entries.find((e) => e.kind === 'http-head' && e.dir === 'down' && e.conn === request.conn && e.n > request.n);
    if (response && response.kind === 'http-head') return { request: request.text, response: response.text };
  }
  return undefined;
}

export default function WireInspector({ lab, technique, received }: Props) {
  const [open, setOpen] = useState(false);
  const [entries, setEntries] = useState<WireEntry[]>([]);
  const [stats, setStats] = useState<LabConnections | null>(null);
  const [problem, setProblem] = useState('');
  const [handshake, setHandshake] = useState<{ request: string; response: string } | null>(null);
  const next = useRef(0);
  const kept = useRef<WireEntry[]>([]);

  useEffect(() => {
    if (!open) return;
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
        if (!stopped) setProblem(`Could not read the capture: ${(err as Error).message}`);
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
    <details class="w-inspector" data-inspector={technique} data-entries={entries.length} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>Wire inspector: the bytes of this demo's connections</summary>
      <p class="w-note">
        Captured by the server for this demo only (its requests carry <code>?lab=…</code>). Newest first; #n is the TCP connection:
        two requests with one number shared a keep-alive connection. The browser keeps a few connections to this site and lends
        them to any request of the page, so a number new to this demo can still be a connection reused from another request.
      </p>
      {problem && <p class="w-error">{problem}</p>}
      {stats && <ByteTable stats={stats} received={received} />}
      {handshake && <Handshake request={handshake.request} response={handshake.response} />}
      {shown.length === 0 ? <p>Nothing captured yet.</p> : <ol class="w-entries">{shown.map((e) => <Entry key={e.n} entry={e} />)}</ol>}
    </details>
  );
}
