/**
 * What the lab widgets say: the two-way chat (src/widgets/two-way/), the connection-limit lab
 * (src/widgets/connection-limit/) and the browser-support table (src/widgets/browser-support/). This
 * English file defines the type; ../ko/widgetsLab.ts is of it.
 */
import { plural } from './widgets.ts';

type Way = 'websocket' | 'sse';

/** The features the support table checks, by the name it shows them under (also their data-feature). */
export type FeatureName =
  | 'EventSource'
  | 'WebSocket'
  | 'WebSocketStream'
  | 'WebTransport'
  | 'fetch response streaming'
  | 'fetch request streaming';

export const labWidgetStrings = {
  twoWay: {
    aria: 'Two-way demo: WebSocket compared with SSE plus POST',
    titles: {
      websocket: 'WebSocket: one connection, both directions',
      sse: 'SSE to receive, fetch POST to send',
    } as Record<Way, string>,
    how: {
      websocket:
        'Each message goes up as one masked frame (a header of 6 to 14 bytes) on the socket the messages come down on.',
      sse: 'Messages come down the event stream; each one you send is a separate HTTP request with its full headers.',
    } as Record<Way, string>,
    panelStates: { idle: 'closed', connecting: 'connecting', live: 'connected', error: 'error' },
    state: 'State: ',
    listLabel: (way: Way) => `Messages received over ${way === 'websocket' ? 'the WebSocket' : 'the event stream'}`,
    you: (name: string) => `${name} (you)`,
    sentBy: (via: 'websocket' | 'post') => `(sent by ${via === 'websocket' ? 'WebSocket' : 'POST'})`,
    inputLabel: (way: Way) => `Message to send ${way === 'websocket' ? 'over the WebSocket' : 'with a POST request'}`,
    send: (way: Way) => `Send ${way === 'websocket' ? 'over WebSocket' : 'with POST'}`,
    acknowledged: (seq: number, ms: number) => `Acknowledged on the socket as seq ${seq} in ${ms} ms.`,
    posted: (seq: number, ms: number) => `The POST was answered 201 (seq ${seq}) in ${ms} ms.`,
    notSent: (message: string) => `Not sent: ${message}`,
    /** A POST refused: English keeps the server's sentence when it sent one. */
    postRefused: (status: number, message: string | undefined) => message ?? `The server answered ${status}.`,
    connectionFailed: 'The connection failed.',
    /** Who "you" are before the page has made a name (the static HTML). */
    me: 'you',
    room: 'Room ',
    youAre: 'You are ',
    /** Around the room's link: [before, link, after]. */
    invite: ['Open ', "this room's link", ' in another tab or on another device to talk to yourself.'],
    pausedHidden: 'Paused while this tab is hidden.',
    pausedClaimed: 'Paused while the connection-limit lab uses every connection.',
    live: 'Both ways are connected.',
    error: (problem: string) => `Error: ${problem}`,
    connecting: 'Connecting…',
  },

  connectionLimit: {
    aria: 'Connection-limit lab: several EventSources over HTTP/1.1',
    intro:
      'Press "Open" to start. While the lab runs, the other demos on this page pause so that the count is honest; other tabs of this site share the same 6 connections and may change it.',
    opening: (count: number) =>
      `Asking the other demos on this page to let go of their connections, then opening ${count} event streams…`,
    fetchDone: (ms: number) => `The fetch behind them completed in ${ms} ms.`,
    fetchWaiting: 'The fetch queued behind them is still waiting.',
    someStalled: (opened: number, total: number, stalled: number, fetchWord: string) =>
      `${opened} of ${total} streams opened; ${stalled} ${stalled === 1 ? 'is' : 'are'} stalled, waiting for a free connection. ${fetchWord} The server never even saw the stalled requests: the queue is in your browser.`,
    noneStalled: (opened: number, protocol: string, fetchWord: string) =>
      `All ${opened} streams opened and nothing stalled (this page came over ${protocol}). ${fetchWord}`,
    sharedOne: (count: number) =>
      `The ${count} streams were closed and replaced by one shared stream that feeds all ${count} rows. The waiting fetch could go as soon as a connection was free; a new one goes at once.`,
    cleaned: 'Every connection this lab opened is closed; the other demos on the page have resumed.',
    streamWords: {
      idle: 'not opened',
      waiting: 'waiting',
      open: 'open',
      stalled: 'stalled',
      closed: 'closed',
      shared: 'shared stream',
    },
    probe: {
      none: 'not sent yet',
      completed: (ms: number) => `completed in ${ms} ms`,
      failed: 'failed',
      stalled: 'waiting (stalled: no free connection)',
      pending: 'waiting (pending)',
    },
    /** After the protocol's name in code: [before, HTTP/1.1's consequence, h2 and h3's]. */
    protocol: [
      'This page came over ',
      ': at most 6 connections to this host at a time.',
      ': requests share one connection as separate streams, so none should stall.',
    ],
    countLabel: 'EventSources to open',
    open: (count: number) => `Open ${count} streams`,
    share: 'Fix: share one stream',
    close: 'Close everything',
    streamsLabel: 'The streams',
    events: (n: number) => plural(n, 'event'),
    /** Around `fetch` in code: [before, after]. */
    probeLine: ['A ', ' sent after the streams:'],
    /** Around the two counts: [before, between, after]. */
    serverLine: [
      'Counted by the server after the clean-up: at most ',
      " of this lab's connections at once, ",
      ' still held.',
    ],
  },

  browserSupport: {
    aria: 'What your browser supports',
    checking: 'Checking this browser…',
    checked: (n: number) => `Checked ${n} features in this browser, just now.`,
    answers: { unknown: 'checking…', yes: '✓ supported', no: '✗ not supported' },
    columns: { feature: 'feature', browser: 'this browser', meaning: 'what it means' },
    /** Each feature's name as the table shows it, and what a yes and a no mean for the course. */
    features: {
      EventSource: {
        name: 'EventSource',
        yes: 'Server-Sent Events work natively, with automatic reconnection and Last-Event-ID.',
        no: 'No native SSE: read the stream with fetch and parse it yourself, or fall back to long polling.',
      },
      WebSocket: {
        name: 'WebSocket',
        yes: 'Two-way messages over one connection. Reconnecting and resuming are still up to your code.',
        no: 'No WebSocket: use SSE plus fetch POST, or long polling.',
      },
      WebSocketStream: {
        name: 'WebSocketStream',
        yes: 'The promise-and-streams WebSocket API: it adds backpressure, which the classic WebSocket API lacks.',
        no: 'Only the classic WebSocket API: no backpressure, so a fast sender can pile messages up in memory.',
      },
      WebTransport: {
        name: 'WebTransport',
        yes: "HTTP/3 (QUIC) sessions with several streams and unreliable datagrams; it needs a server that speaks HTTP/3, which this course's server does not.",
        no: 'No WebTransport: nothing in this course needs it.',
      },
      'fetch response streaming': {
        name: 'fetch response streaming',
        yes: 'A response body can be read piece by piece as it arrives: an event stream can be parsed without EventSource (to send headers EventSource cannot).',
        no: 'fetch only gives the whole body at the end: a stream that never ends would never be seen.',
      },
      'fetch request streaming': {
        name: 'fetch request streaming',
        yes: 'A request body can be sent while it is being produced (needs HTTP/2 or later to the server).',
        no: 'A request body must be complete before it is sent: uploads are one piece at a time.',
      },
    } as Record<FeatureName, { name: string; yes: string; no: string }>,
  },
};

export type LabWidgetStrings = typeof labWidgetStrings;
