/**
 * What the live widgets say (src/widgets/): the technique demo with its timeline and wire inspector,
 * the home page's teaser, the words they share, and the sentences a client stops with. This English
 * file defines the type; ../ko/widgets.ts is of it. Sentences with a value put in at run time are
 * functions; every count is worded here (so no widget writes "1 events").
 */
import type { StopReason } from '../../client/types.ts';

/** "1 event", "2 events". */
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A setting's duration: "500 ms", "2 s". */
const duration = (n: number) => (n >= 1000 ? `${n / 1000} s` : `${n} ms`);

export const widgetStrings = {
  /** What every widget shares. */
  common: {
    /** A duration picked in a setting. */
    duration,
    bytes: (n: number) => `${n} B`,
    ms: (n: number) => `${n} ms`,
    /** A lab API call failed: `status` is the server's answer, absent when it could not be reached. */
    labError: (message: string, status: number | undefined) => {
      void status;
      return message;
    },
    /** A publish over the WebSocket failed: English shows the client's (or the server's) sentence. */
    publishFailed: (code: 'not-open' | 'no-ack' | 'closed' | 'refused', message: string) => {
      void code;
      return message;
    },
    /**
     * Why a client stopped. English shows the client's own sentence (`detail`, which carries the
     * server's own words); another language words the reason code.
     */
    stopped: (reason: StopReason | undefined, detail: string) => {
      void reason;
      return detail;
    },
  },

  demo: {
    states: {
      idle: 'Stopped',
      connecting: 'Connecting…',
      live: 'Live',
      error: 'Stopped by an error',
      paused: 'Paused',
    },
    buttons: { start: 'Start', stop: 'Stop', retry: 'Retry' },
    aria: (name: string) => `Live demo: ${name} on your private channel`,
    title: 'your private channel (ticks once a second)',
    interval: 'Polling interval',
    timeout: 'Long-poll timeout',
    explain: {
      hint: 'Each button breaks only your own connection or channel. What the client does about it is explained here; the timeline and the counters above show it happen.',
      restart:
        "Your channel's history is gone, as an in-memory server's is when it restarts. When the client comes back with its old cursor, the server answers with a reset and starts again from the new history.",
      gap: 'More events were published while your connection was down than the server keeps. Coming back, the client is told about a gap: events it can never get, reported instead of silently skipped.',
    },
    /** Why the client stopped, then what that means for this technique. */
    gaveUp: (why: string, meaning: string) => `${why} ${meaning}`,
    pausedHidden: "Paused while this tab is hidden: it would hold one of the browser's 6 connections to this site.",
    pausedClaimed: "Paused while the connection-limit lab needs all of the browser's connections to this site.",
    stoppedNote: 'Stopped. Press Start to open the connection again.',
    gapPublishing: 'Publishing more events than the server keeps…',
    gapAway: (published: number, retention: number) =>
      `${published} published while you were away; the server keeps ${retention}. Reconnecting…`,
    /** " = 1200 published − 1000 kept + 3 ticks": how the missed count adds up. */
    gapSum: (published: number, retention: number, ticks: number) =>
      ticks > 0
        ? ` = ${published} published − ${retention} kept + ${plural(ticks, 'tick')}`
        : ` = ${published} published − ${retention} kept`,
    /** `more` when an earlier gap is in the counter too: the counter is the sum of every gap. */
    gapAnnounced: (missed: number, more: boolean, sum: string, lost: number, duplicates: number) =>
      `Gap announced: ${missed} ${more ? 'more ' : ''}missed${sum}. ${lost} lost, ${plural(duplicates, 'duplicate')}.`,
    recovered: (seconds: string, lost: number, duplicates: number) =>
      `Recovered ${seconds} s after the fault: ${lost} lost, ${plural(duplicates, 'duplicate')}.`,
    gaveUpNews: 'The client gave up and stopped; why is explained below. Retry starts a new one.',
    connectionLost: (browserReconnects: boolean) =>
      `Connection lost; ${browserReconnects ? 'the browser is reconnecting by itself' : 'the client is retrying from its cursor'}…`,
    liveOver: (name: string) => `Live over ${name}.`,
    injecting: {
      cut: 'Cutting your connection…',
      restart: 'Restarting the server for your channel…',
      gap: 'Publishing more events than the server keeps…',
    },
    marks: {
      cutArmed: 'nothing was in flight, so the server will drop the next request',
      cutDropped: (n: number) => `the server dropped ${plural(n, 'connection')}`,
      restart: "connections dropped and the channel's history lost (new epoch)",
      flood: (published: number) => `${published} events published while you were away`,
    },
    cutArmed: 'Cut: nothing was in flight, so the server drops your next request instead.',
    cutDropped: (n: number) => `Cut: the server dropped ${plural(n, 'connection')}.`,
    restarted: (n: number) => `Server "restarted": ${plural(n, 'connection')} dropped and your channel's history gone.`,
    faultFailed: (message: string) => `The fault could not be injected: ${message}`,
    /** The data of the message the learner sends up the socket (it shows in the wire inspector). */
    publishNote: 'sent by you over the WebSocket',
    acknowledged: (seq: number, ms: number) =>
      `The server acknowledged your frame as seq ${seq} after ${ms} ms, on the socket the events come down.`,
    notSent: (message: string) => `Not sent: ${message}`,
    counters: {
      received: 'Events received',
      requests: 'Requests made',
      empty: 'Empty responses',
      reconnects: 'Reconnects',
      bytes: 'Bytes received',
      latency: 'Latency of last event',
      lost: 'Lost (unannounced)',
      duplicates: 'Duplicates',
      gaps: 'Gaps announced',
      resets: 'Resets',
    },
    notApplicable: 'n/a',
    missed: (n: number) => `${n} missed`,
    faultsLegend: 'Break it (only your own connection and channel)',
    faultButtons: {
      cut: 'Cut the connection',
      restart: 'Restart the server',
      gap: 'Fall too far behind',
      send: 'Send a message up the socket',
    },
  },

  timeline: {
    /** The word on a notice's dashed line, by its kind (the kind itself is data-mark). */
    markWords: { cut: 'cut', restart: 'restart', flood: 'flood', gap: 'gap', reset: 'reset' } as Record<string, string>,
    /** A notice in the list: its word with a capital, then what happened. */
    markLine: (word: string, detail: string) => `${word[0]!.toUpperCase()}${word.slice(1)}: ${detail}.`,
    gapDetail: (missed: number) =>
      `the server says ${missed} ${missed === 1 ? 'event was' : 'events were'} evicted before ${missed === 1 ? 'it' : 'they'} could be delivered`,
    resetDetail: 'the server lost the history our cursor pointed into; delivery restarts from its oldest event',
    request: {
      waiting: 'still waiting for its answer',
      events: (n: number) => `answered with ${plural(n, 'event')}`,
      empty: 'answered with nothing new (empty)',
      failed: 'got no answer: the connection failed',
      cancelled: 'cancelled by the page',
      sent: 'sent',
      line: (id: number, what: string, took: string) => `Request ${id} ${what}, ${took}.`,
    },
    linkOpen: 'Connection open.',
    linkEnded: (dropped: boolean, seconds: string) =>
      `Connection ${dropped ? 'dropped' : 'closed by the page'} after ${seconds} s.`,
    event: (seq: number, verdict: 'ok' | 'duplicate' | 'loss') =>
      `Event seq ${seq} arrived${verdict === 'duplicate' ? ' a second time (duplicate)' : verdict === 'loss' ? ' after a hole: events before it were lost' : ''}.`,
    burst: (count: number, first: number, last: number, ms: number) =>
      `${plural(count, 'event')} at once, seq ${first} to ${last}, in ${ms} ms.`,
    summary: (seconds: number, requests: number, empty: number, failed: number, events: number, marks: number) =>
      `Timeline of the last ${seconds} seconds: ${plural(requests, 'request')} (${empty} empty, ${failed} failed), ${plural(events, 'event')}, ${plural(marks, 'notice')}. The same items are listed in words after the drawing.`,
    lanes: { requests: 'Requests', connection: 'Connection', events: 'Events' },
    now: 'now',
    ago: (s: number) => `−${s} s`,
    legend: {
      requests:
        '▬ request (dashed while waiting) · ● answered with events (count above) · □ ∅ empty answer · ✕ no answer',
      connection: '━ connection open · ✕ connection dropped',
      common:
        ' · ▲ event (seq below) · ▮ many events at once (×count) · ◆ duplicate or after a hole · ┆ a fault you injected or a server notice',
    },
    inWords: 'Timeline in words (latest first)',
    inWordsLabel: 'Timeline in words, latest first',
    nothingYet: 'Nothing has happened yet.',
  },

  inspector: {
    summary: "Wire inspector: the bytes of this demo's connections",
    /** Around `?lab=…` in code: [before, after]. */
    about: [
      'Captured by the server for this demo only (its requests carry ',
      '). Newest first; #n is the TCP connection: two requests with one number shared a keep-alive connection. The browser keeps a few connections to this site and lends them to any request of the page, so a number new to this demo can still be a connection reused from another request.',
    ],
    refreshing: 'Read again every second while open.',
    reading: 'Reading the capture…',
    readFailed: (message: string) => `Could not read the capture: ${message}`,
    measured: (connections: number, requests: number) =>
      `Measured by the server: ${plural(connections, 'connection')}, ${plural(requests, 'request')}`,
    measuredNone: 'Measured by the server: —',
    caption: 'Bytes on the wire',
    columns: { direction: 'direction', header: 'headers', framing: 'framing', payload: 'payload', total: 'total' },
    up: 'browser → server',
    down: 'server → browser',
    server: 'server',
    perEvent: (received: number) => `per event received (${received})`,
    accept: {
      computing: 'computing…',
      same: 'the same value, computed in this page ✓',
      different: 'a different value ✗',
      // The capture is bounded: a replayed backlog (after a gap) fills it with frames.
      gone: 'not in the capture any more: the frames after it pushed it out. Cut the connection to capture a new one.',
    },
    handshake: {
      title: 'The opening handshake',
      /** Around `Upgrade: websocket` and the status line: [before, between, after]. */
      intro: [
        ' is one HTTP/1.1 GET with ',
        ', answered by ',
        ". The server proves it understood by hashing the browser's random key:",
      ],
      key: 'key from the request: ',
      guid: 'append the fixed GUID of RFC 6455: ',
      sha1: 'SHA-1 of that text, 20 bytes: ',
      base64: 'base64 of those bytes: ',
      sent: 'the server sent ',
    },
    frame: 'WebSocket frame',
    fields: { maskingKey: 'masking key', payloadLength: 'payload length', frameHeader: 'frame header' },
    noMask: 'none (server frames are never masked)',
    httpHead: (bytes: number) => `HTTP head, ${bytes} B`,
    body: (payload: number, framing: number) =>
      `body, ${payload} B payload${framing ? ` + ${framing} B chunk framing` : ''}`,
    entriesLabel: 'Captured entries, newest first',
    nothingYet: 'Nothing captured yet.',
  },
};

export type WidgetStrings = typeof widgetStrings;
