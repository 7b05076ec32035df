/**
 * Talking back, two ways, side by side on one room (a channel): a WebSocket that carries messages both
 * ways on one connection, and an EventSource for receiving with a fetch POST for each message sent.
 * Both read the same log, so a message sent either way appears in both panels, in every tab or device
 * that opened the room's link.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { openSse } from '../../client/sse.ts';
import type { ChannelEvent, ConnectionState, FeedClient, StopReason } from '../../client/types.ts';
import { openWebSocket, type WebSocketFeed } from '../../client/websocket.ts';
import { useBrowserValue } from '../shared/use-browser-value.ts';
import { usePageGate } from '../shared/use-page-gate.ts';
import Reserve from '../shared/Reserve.tsx';
import { widgetWords } from '../shared/words.ts';
import { labWords } from '../shared/words-lab.ts';
import type { LabWidgetStrings } from '../../i18n/en/widgetsLab.ts';
import type { Locale } from '../../i18n/locales.ts';
import { publishErrorWords } from '../shared/lab-api.ts';
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
async function postMessage(words: Words, channel: string, data: unknown): Promise<number> {
  const response = await fetch(`/api/channels/${channel}/events`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ data }),
  });
  const body = (await response.json().catch(() => undefined)) as
    | { seq?: number; error?: { message?: string } }
    | undefined;
  if (!response.ok) throw new Error(words.postRefused(response.status, body?.error?.message));
  return Number(body?.seq);
}

type Words = LabWidgetStrings['twoWay'];

interface PanelProps {
  words: Words;
  way: Way;
  state: PanelState;
  messages: ChatMessage[];
  me: string;
  result: string;
  onSend: (text: string) => void;
}

function Panel({ words, way, state, messages, me, result, onSend }: PanelProps) {
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
      <h4>{words.titles[way]}</h4>
      <p class="w-note">{words.how[way]}</p>
      <p class="w-note">
        {words.state}
        <Reserve room={Object.values(words.panelStates)}>{words.panelStates[state]}</Reserve>
      </p>
      <ul class="w-messages" ref={list} tabIndex={0} aria-label={words.listLabel(way)}>
        {messages.slice(-SHOWN).map((m) => (
          <li key={m.seq}>
            <strong>{m.from === me ? words.you(m.from) : m.from}</strong>: {m.text}{' '}
            <span class="w-note">{words.sentBy(m.via)}</span>
          </li>
        ))}
      </ul>
      <form class="w-form" onSubmit={submit}>
        <label for={inputId} class="visually-hidden">
          {words.inputLabel(way)}
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
          {words.send(way)}
        </button>
      </form>
      <p class="w-note w-two-lines" aria-live="polite">
        {result}
      </p>
    </div>
  );
}

export default function TwoWayChat({ lang = 'en' }: { lang?: Locale }) {
  const words = labWords(lang).twoWay;
  // The room comes from the page's URL, which the static build does not have.
  const room = useBrowserValue(roomFromLocation, '');
  const me = useBrowserValue(() => `tab-${Math.random().toString(36).slice(2, 6)}`, words.me);
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
    const stateOf = (way: Way) => (state: ConnectionState, detail?: string, reason?: StopReason) => {
      setStates((s) => ({ ...s, [way]: state }));
      if (state === 'error')
        setProblem(detail === undefined ? words.connectionFailed : widgetWords(lang).common.stopped(reason, detail));
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
      const seq = way === 'websocket' ? await ws!.publish(data) : await postMessage(words, channel, data);
      const took = Math.round(performance.now() - started);
      setResults((r) => ({
        ...r,
        [way]: way === 'websocket' ? words.acknowledged(seq, took) : words.posted(seq, took),
      }));
    } catch (err) {
      setResults((r) => ({ ...r, [way]: words.notSent(publishErrorWords(lang, err)) }));
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
      aria-label={words.aria}
    >
      {/* The room and the name are known only in the browser: each has a line of its own that never
          wraps, so nothing moves when they arrive (a long room from a link is cut with an ellipsis). */}
      <p>
        <span class="w-oneline">
          {words.room}
          <code>{room || '…'}</code>
        </span>
        <span class="w-oneline">
          {words.youAre}
          <code>{me}</code>
        </span>
      </p>
      <p>
        {words.invite[0]}
        <a href={link || undefined} data-room-link>
          {words.invite[1]}
        </a>
        {words.invite[2]}
      </p>
      <p class="w-status" role="status" aria-live="polite">
        {gate === 'hidden'
          ? words.pausedHidden
          : gate === 'claimed'
            ? words.pausedClaimed
            : state === 'live'
              ? words.live
              : state === 'error'
                ? words.error(problem)
                : words.connecting}
      </p>
      <div class="w-columns">
        <Panel
          words={words}
          way="websocket"
          state={states.websocket}
          messages={messages.websocket}
          me={me}
          result={results.websocket}
          onSend={(t) => send('websocket', t)}
        />
        <Panel
          words={words}
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
