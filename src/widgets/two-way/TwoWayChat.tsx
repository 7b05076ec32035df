/**
 * Talking back, two ways, side by side on one room (a channel): a WebSocket that carries messages both
 * ways on one connection, and an EventSource for receiving with a fetch POST for each message sent.
 * Both read the same log, so a message sent either way appears in both panels, in every tab or device
 * that opened the room's link.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { openSse } from '../../client/sse.ts';
import type { ChannelEvent, ConnectionState, FeedClient } from '../../client/types.ts';
import { openWebSocket, type WebSocketFeed } from '../../client/websocket.ts';
import { useBrowserValue } from '../shared/use-browser-value.ts';
import { usePageGate } from '../shared/use-page-gate.ts';
import Reserve from '../shared/Reserve.tsx';
import '../shared/widgets.css';

type Way = 'websocket' | 'sse';
type PanelState = 'idle' | ConnectionState;

interface ChatMessage {
  seq: number;
  from: string;
  text: string;
  via: 'websocket' | 'post';
}

const ROOM = /^[a-z0-9]{6,32}$/;
const MAX_TEXT = 280;
const SHOWN = 30;

/** The room from the link (#room=…), or a new random one: rooms are private to whoever has the link. */
function roomFromLocation(): string {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('room');
  if (fromHash && ROOM.test(fromHash)) return fromHash;
  return Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(36).padStart(2, '0').slice(-2)).join(
    '',
  );
}

function asChatMessage(event: ChannelEvent): ChatMessage | undefined {
  const d = event.data as Partial<Record<'from' | 'text' | 'via', unknown>> | null;
  if (typeof d !== 'object' || d === null || typeof d.text !== 'string' || typeof d.from !== 'string') return undefined;
  return {
    seq: event.seq,
    from: d.from.slice(0, 40),
    text: d.text.slice(0, MAX_TEXT),
    via: d.via === 'websocket' ? 'websocket' : 'post',
  };
}

/** Sends over HTTP: one whole request (and its headers) per message, answered 201 with the new seq. */
async function postMessage(channel: string, data: unknown): Promise<number> {
  const response = await fetch(`/api/channels/${channel}/events`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ data }),
  });
  const body = (await response.json().catch(() => undefined)) as
    | { seq?: number; error?: { message?: string } }
    | undefined;
  if (!response.ok) throw new Error(body?.error?.message ?? `The server answered ${response.status}.`);
  return Number(body?.seq);
}

interface PanelProps {
  way: Way;
  state: PanelState;
  messages: ChatMessage[];
  me: string;
  result: string;
  onSend: (text: string) => void;
}

const TITLES: Record<Way, string> = {
  websocket: 'WebSocket: one connection, both directions',
  sse: 'SSE to receive, fetch POST to send',
};
const HOW: Record<Way, string> = {
  websocket:
    'Each message goes up as one masked frame (a header of 6 to 14 bytes) on the socket the messages come down on.',
  sse: 'Messages come down the event stream; each one you send is a separate HTTP request with its full headers.',
};

const PANEL_STATES: Record<PanelState, string> = {
  idle: 'closed',
  connecting: 'connecting',
  live: 'connected',
  error: 'error',
};

function Panel({ way, state, messages, me, result, onSend }: PanelProps) {
  const [text, setText] = useState('');
  const list = useRef<HTMLUListElement>(null);
  const inputId = `w-two-way-${way}`;
  const submit = (e: Event) => {
    e.preventDefault();
    const message = text.trim();
    if (!message) return;
    onSend(message);
    setText('');
  };
  // The list is a box of fixed height: a new message scrolls it (when the reader was at the end), it
  // never grows the page.
  const newest = messages[messages.length - 1]?.seq;
  useEffect(() => {
    const el = list.current;
    if (el && el.scrollHeight - el.scrollTop - el.clientHeight < 40 + el.clientHeight / 2)
      el.scrollTop = el.scrollHeight;
  }, [newest]);
  return (
    <div class="w-panel" data-panel={way} data-state={state} data-received={messages.length}>
      <h4>{TITLES[way]}</h4>
      <p class="w-note">{HOW[way]}</p>
      <p class="w-note">
        State: <Reserve room={Object.values(PANEL_STATES)}>{PANEL_STATES[state]}</Reserve>
      </p>
      <ul
        class="w-messages"
        ref={list}
        tabIndex={0}
        aria-label={`Messages received over ${way === 'websocket' ? 'the WebSocket' : 'the event stream'}`}
      >
        {messages.slice(-SHOWN).map((m) => (
          <li key={m.seq}>
            <strong>{m.from === me ? `${m.from} (you)` : m.from}</strong>: {m.text}{' '}
            <span class="w-note">(sent by {m.via === 'websocket' ? 'WebSocket' : 'POST'})</span>
          </li>
        ))}
      </ul>
      <form class="w-form" onSubmit={submit}>
        <label for={inputId} class="visually-hidden">
          Message to send {way === 'websocket' ? 'over the WebSocket' : 'with a POST request'}
        </label>
        <input
          id={inputId}
          type="text"
          maxLength={MAX_TEXT}
          value={text}
          onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
          disabled={state !== 'live'}
        />
        <button type="submit" class="w-button" disabled={state !== 'live'}>
          Send {way === 'websocket' ? 'over WebSocket' : 'with POST'}
        </button>
      </form>
      <p class="w-note w-two-lines" aria-live="polite">
        {result}
      </p>
    </div>
  );
}

export default function TwoWayChat() {
  // The room comes from the page's URL, which the static build does not have.
  const room = useBrowserValue(roomFromLocation, '');
  const me = useBrowserValue(() => `tab-${Math.random().toString(36).slice(2, 6)}`, 'you');
  const channel = `room-${room}`;
  const gate = usePageGate(me);
  const [states, setStates] = useState<Record<Way, PanelState>>({ websocket: 'idle', sse: 'idle' });
  const [messages, setMessages] = useState<Record<Way, ChatMessage[]>>({ websocket: [], sse: [] });
  const [results, setResults] = useState<Record<Way, string>>({ websocket: '', sse: '' });
  const [ws, setWs] = useState<WebSocketFeed | null>(null);
  const [problem, setProblem] = useState('');

  useEffect(() => {
    if (gate !== null || !room) return;
    const received = (way: Way) => (event: ChannelEvent) => {
      const m = asChatMessage(event);
      if (m) setMessages((all) => ({ ...all, [way]: [...all[way], m].slice(-SHOWN) }));
    };
    const stateOf = (way: Way) => (state: ConnectionState, detail?: string) => {
      setStates((s) => ({ ...s, [way]: state }));
      if (state === 'error') setProblem(detail ?? 'The connection failed.');
    };
    // Both start from the room's beginning: a tab opened later sees the conversation so far.
    const socket = openWebSocket({ channel, after: 0, onEvent: received('websocket'), onState: stateOf('websocket') });
    const stream: FeedClient = openSse({ channel, after: 0, onEvent: received('sse'), onState: stateOf('sse') });
    setWs(socket);
    setMessages({ websocket: [], sse: [] });
    return () => {
      socket.close();
      stream.close();
      setWs(null);
      setStates({ websocket: 'idle', sse: 'idle' });
    };
  }, [channel, gate, room]);

  const send = async (way: Way, text: string) => {
    const data = { from: me, text, via: way === 'websocket' ? 'websocket' : 'post' };
    const started = performance.now();
    try {
      const seq = way === 'websocket' ? await ws!.publish(data) : await postMessage(channel, data);
      const took = Math.round(performance.now() - started);
      setResults((r) => ({
        ...r,
        [way]:
          way === 'websocket'
            ? `Acknowledged on the socket as seq ${seq} in ${took} ms.`
            : `The POST was answered 201 (seq ${seq}) in ${took} ms.`,
      }));
    } catch (err) {
      setResults((r) => ({ ...r, [way]: `Not sent: ${(err as Error).message}` }));
    }
  };

  const both = states.websocket === 'live' && states.sse === 'live';
  const state: PanelState =
    states.websocket === 'error' || states.sse === 'error'
      ? 'error'
      : both
        ? 'live'
        : states.websocket === 'idle' && states.sse === 'idle'
          ? 'idle'
          : 'connecting';
  const link = room ? `${location.origin}${location.pathname}#room=${room}` : '';

  return (
    <section
      class="w-widget"
      data-demo="two-way"
      data-state={state}
      data-received={messages.websocket.length + messages.sse.length}
      data-room={room}
      data-pagefind-ignore
      aria-label="Two-way demo: WebSocket compared with SSE plus POST"
    >
      {/* The room and the name are known only in the browser: each has a line of its own that never
          wraps, so nothing moves when they arrive (a long room from a link is cut with an ellipsis). */}
      <p>
        <span class="w-oneline">
          Room <code>{room || '…'}</code>
        </span>
        <span class="w-oneline">
          You are <code>{me}</code>
        </span>
      </p>
      <p>
        Open{' '}
        <a href={link || undefined} data-room-link>
          this room's link
        </a>{' '}
        in another tab or on another device to talk to yourself.
      </p>
      <p class="w-status" role="status" aria-live="polite">
        {gate === 'hidden'
          ? 'Paused while this tab is hidden.'
          : gate === 'claimed'
            ? 'Paused while the connection-limit lab uses every connection.'
            : state === 'live'
              ? 'Both ways are connected.'
              : state === 'error'
                ? `Error: ${problem}`
                : 'Connecting…'}
      </p>
      <div class="w-columns">
        <Panel
          way="websocket"
          state={states.websocket}
          messages={messages.websocket}
          me={me}
          result={results.websocket}
          onSend={(t) => send('websocket', t)}
        />
        <Panel
          way="sse"
          state={states.sse}
          messages={messages.sse}
          me={me}
          result={results.sse}
          onSend={(t) => send('sse', t)}
        />
      </div>
    </section>
  );
}
