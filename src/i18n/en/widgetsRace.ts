/**
 * What the race says (src/widgets/race/): its controls and states, the runner's sentences, the figures
 * table, the chart, and the verdict table's frame (the post's own words come from the source-post
 * catalogues). This English file defines the type; ../ko/widgetsRace.ts is of it.
 */

import { TECHNIQUES, type TechniqueId } from '../../../protocol/techniques.ts';

/** "1 request", "12 requests", with thousands separated. */
const plural = (count: number, word: string) =>
  `${Math.round(count).toLocaleString('en')} ${word}${count === 1 ? '' : 's'}`;

export const raceWidgetStrings = {
  format: {
    ms: (ms: number) => (ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`),
    bytes: (b: number) => (b >= 1000 ? `${b / 1000} kB` : `${b} B`),
    rate: (r: number) => `${r} event${r === 1 ? '' : 's'}/s`,
    /** A count of events in words. */
    events: (n: number) => plural(n, 'event'),
  },

  race: {
    phases: {
      idle: 'Ready',
      clock: 'Timing the clock…',
      starting: 'Starting…',
      racing: 'Racing',
      finishing: 'Finishing…',
      done: 'Done',
      error: 'Stopped by an error',
    },
    aria: 'The race: polling, long polling, SSE and WebSocket on one stream',
    /** The title: [strong, after] with the number of techniques. */
    title: (count: number): readonly [string, string] => [
      'The race',
      ` · one stream, ${count} techniques, in your browser`,
    ],
    stop: 'Stop',
    again: 'Race again',
    start: 'Start the race',
    settings: 'Settings',
    labels: { rate: 'Event rate', intervalMs: 'Polling interval', payloadBytes: 'Payload', durationMs: 'Duration' },
    faults: 'Break it during the race (your own connections and channel only)',
    cut: 'Cut all connections',
    restart: 'Restart the server (new epoch)',
    intro:
      'Choose the settings, then start: the server publishes on your private channel and a client per technique reads it side by side.',
    stoppedHidden:
      'Stopped: the tab was hidden, and browsers slow down the timers of hidden tabs, which would falsify the race. Start it again.',
    stoppedClaimed: "Stopped: another widget on this page needed the browser's connections.",
    closed: 'The page closed the race.',
    stoppedByYou: 'Stopped by you before the end: no verdicts from a partial run.',
    progress: (elapsed: string, duration: string, published: number, planned: number) =>
      `${elapsed} s of ${duration}; ${published} of ${planned} events published.`,
    copied: 'Copied to the clipboard.',
    copyRefused: 'The browser did not allow copying: select the text below instead.',
    chartSummary: (events: number, medians: readonly (readonly [string, string])[]) =>
      `Latency over time for ${plural(events, 'event')}: ${medians.map(([name, median]) => `${name} median ${median} ms`).join(', ')}.`,
    chartEmpty: 'The chart of latency over time appears here when the race starts.',
    method: 'How latency is measured',
    /** The method, around `time` and `GET /api/time` in code: [before, between, after]. */
    methodText: [
      "Each event carries the server's clock at publish (",
      "). Your browser notes when it arrives on its own clock, which is not the server's. Before the race, the page asks ",
      ' 8 times, noting its own time just before (t0) and just after (t1) each answer T, the way NTP does. If the request and the answer took equally long, the server read its clock halfway, so its clock is ahead of yours by T − (t0 + t1) / 2. The round trip with the smallest t1 − t0 is kept, and the estimate can be off by at most half of it. Latency = arrival (your clock) + offset − time.',
    ],
    thisRun: (offset: string, rtt: string, uncertainty: string) =>
      `This run: offset ${offset} ms, best round trip ${rtt} ms, so every latency here is good to ± ${uncertainty} ms.`,
    bytesText:
      "Bytes come from the server, which counts what crossed each of your tagged connections in both directions: HTTP heads, framing (chunk-size lines, WebSocket frame headers and masks) and bodies. The events' data is known exactly, so the rest of each body is the envelope around it.",
    download: 'Download the run (JSON)',
    copy: 'Copy a summary to share',
    summaryLabel: 'Summary of this run',
  },

  runner: {
    clock: "Estimating the server's clock (8 round trips to /api/time)…",
    starting: 'Asking the server to publish, and opening a client per technique…',
    racing: 'Racing: the server publishes on your private channel; every client reads it.',
    couldNotStart: (message: string) => `The race could not start: ${message}`,
    cut: (dropped: number) =>
      `Cut: the server dropped ${dropped} connection${dropped === 1 ? '' : 's'} (a poll between two requests has its next one dropped). Watch who comes back, and how.`,
    restart: (dropped: number) =>
      `Restart: ${dropped} connection${dropped === 1 ? '' : 's'} dropped and your channel's history thrown away (new epoch). Clients coming back with an old cursor are told reset.`,
    faultFailed: (message: string) => `The fault could not be injected: ${message}`,
    finishing: 'Every event is published; waiting for the slowest technique to deliver the last ones…',
    done: (published: number, seconds: string) =>
      `Done: ${plural(published, 'event')} published in ${seconds} s. The table below is filled from this run.`,
    countsFailed: (message: string) => `The race ended, but its byte counts could not be read: ${message}`,
  },

  table: {
    label: 'Figures per technique',
    /** "(final)" once the race has ended, "(live)" while it runs. */
    final: '(final)',
    live: '(live)',
    caption: (phase: string) => `Per technique, this run ${phase}`,
    /** A lane's state beside its name: the client's own word. */
    states: { idle: 'idle', connecting: 'connecting', live: 'live', error: 'error' },
    rows: {
      p50: 'latency p50 (ms)',
      p95: 'latency p95 (ms)',
      max: 'latency max (ms)',
      requests: 'HTTP requests',
      empty: 'answers with nothing in them',
      connections: 'TCP connections',
      bytes: 'bytes per event',
      header: '… of them HTTP headers',
      framing: '… framing',
      envelope: '… envelope',
      data: '… data',
      reconnects: 'reconnects',
      resets: 'resets',
      delivered: 'events delivered',
      lost: 'lost',
      duplicates: 'duplicates',
    },
    stream: 'n/a (a stream)',
    announced: (n: string) => ` (+${n} announced)`,
  },

  verdicts: {
    label: "The source post's table, checked by this run",
    caption: "The source post's claims, checked by this run",
    row: 'row',
    notInPost: '(not in the post)',
    marks: { confirmed: '✓ confirmed', nuanced: '~ nuanced', corrected: '✗ corrected' },
    noClaim: 'Not in the source post: no claim to judge.',
    figuresAbove: 'Its figures are in the table above.',
    /** English shows the English translation beside the post's Korean. */
    showsTranslation: true as boolean,
    /** A cited source's link text (src/widgets/race/claims.ts names them in English). */
    source: (label: string) => label,
  },

  /**
   * The evidence of each verdict (src/widgets/race/verdicts.ts), sentence by sentence: the numbers come
   * in already formatted (`n` with thousands separated), the logic that picks a sentence stays there.
   */
  evidence: {
    /** A technique's name inside a sentence ("SSE, rated ★★, took more"). */
    names: Object.fromEntries(TECHNIQUES.map((t) => [t.id, t.name])) as Record<TechniqueId, string>,
    count: (x: number) => Math.round(x).toLocaleString('en'),
    plural,
    seconds: (ms: number) => `${+(ms / 1000).toFixed(1)} s`,
    perEvent: (total: string | null) => (total === null ? 'no event delivered' : `${total} B per event`),
    notCut: 'Not measured in this run: cut the connections during a race to see it.',
    direction: {
      asks: (requests: number, up: string, down: string) =>
        `${plural(requests, 'request')} went up (${up} B) to bring ${down} B down: the client asks, the server only answers.`,
      twoWay: (up: string, down: string) =>
        `Frames go both ways on one connection: ${up} B went up on it here (handshake, pongs, the close), ${down} B came down.`,
      oneWay: (requests: number, up: string, down: string) =>
        `${plural(requests, 'request')} up (${up} B), then ${down} B down on its response. To talk back, a page sends ordinary requests beside it.`,
    },
    protocol: {
      http: (what: string, heads: string) => `HTTP/1.1 over TCP: ${what}, ${heads} B of HTTP heads.`,
      requests: (requests: number) => plural(requests, 'request'),
      stream: (requests: number) => `${plural(requests, 'GET')} whose response never ends`,
      upgraded: (requests: number, heads: string) =>
        `It starts as HTTP: ${plural(requests, 'HTTP/1.1 GET')} with Upgrade: websocket, answered 101 (${heads} B of HTTP heads on its connection), then frames on the same TCP connection.`,
      upgrades:
        'It starts as an HTTP/1.1 GET answered by 101 Switching Protocols, then frames on the same TCP connection.',
      underAll:
        ' TCP is under the other three as well (HTTP/1.1 and HTTP/2 run over TCP; HTTP/3 over QUIC): "HTTP vs TCP" is a false contrast.',
    },
    work: {
      loop: 'A loop around one fetch.',
      heldAlone:
        "The client is polling's loop without the wait; the work is on the server (holding and waking requests).",
      heldBeside:
        " The browser side is polling's loop without the wait; the extra work is the server holding and waking requests.",
      sseAlone: 'The browser reconnects and sends Last-Event-ID by itself; the server resumes from it.',
      sseBeside: " The browser reconnects by itself; resuming from Last-Event-ID is the server's job.",
      wsAlone: 'Reconnection, resume, Origin checks and pings are all written by hand.',
      wsBeside: ' Reconnecting and resuming are written by hand.',
    },
    difficulty: {
      lines: (client: string, server: string, all: string) =>
        `This course's code: ${client} lines in the browser, ${server} on the server (${all} in all, comments left out).`,
      yet: (others: readonly { name: string; stars: string; fewer: boolean; lines: string }[]) =>
        ` Yet ${others.map((u) => `${u.name}, rated ${u.stars}, took ${u.fewer ? 'fewer' : 'more'} (${u.lines})`).join('; ')}.`,
    },
    connections: {
      held: (connections: number, perSource: boolean) =>
        `${plural(connections, 'TCP connection')} for the whole run${perSource ? ' (one per EventSource: a page with several, or several tabs, holds one each)' : ''}.`,
      heldAgain: (connections: number, reconnects: number) =>
        `${plural(connections, 'TCP connection')}: one at a time, and a new one after each drop (${plural(reconnects, 'reconnect')}).`,
      reused: (requests: number, connections: number) =>
        `${plural(requests, 'request')} over ${plural(connections, 'TCP connection')}: the requests are many, the connections few. HTTP/1.1 keeps a connection open and reuses it, so a new request is not a new connection.`,
      each: (requests: number, connections: number) =>
        `${plural(requests, 'request')} over ${plural(connections, 'TCP connection')}: a new connection for every request.`,
    },
    scalability: {
      polling: (interval: string, perSecond: number, requests: number, empty: string, rate: number, perEvent: string) =>
        `Polling every ${interval} made ${perSecond} request${perSecond === 1 ? '' : 's'} per second per client (${plural(requests, 'request')}), ${empty} of them empty at ${rate} events/s; ${perEvent}.`,
      busy: ' At this rate most polls carry news: the cost follows the interval, not the events.',
      held: (perDelivered: number | null, perEvent: string) =>
        `${perDelivered === null ? 'No event delivered' : `${perDelivered} requests per event delivered`} (${perEvent}): each answer costs a full HTTP exchange, and every waiting client asks again at once after each event. The surge needs many clients to see.`,
      persistent: (
        perEvent: string,
        lower: readonly { name: string; total: string }[],
        cheaper: boolean,
        pool: boolean,
      ) =>
        `${perEvent}, against ${lower.length > 0 ? lower.map((u) => `${u.total} B for ${u.name}`).join(', ') : 'nothing to compare'}${cheaper ? '' : ': not cheaper than every technique the post ranks lower'}. But each client holds a connection all the time (memory, a file descriptor${pool ? ", one of the browser's 6 per host over HTTP/1.1" : ''}): what scales depends on the event rate, the fan-out and that cost.`,
    },
    support: {
      here: (has: boolean, api: string) => `${api} in the browser that ran the race: ${has ? 'yes' : 'no'}.`,
      held: 'A held request is an ordinary request to the browser.',
      xhr: 'XMLHttpRequest works in every browser.',
      sse: 'Not most but every current engine has it (Chrome 6, Firefox 6, Safari 5, Edge 79); only Internet Explorer and the Edge before Chromium never did.',
      ws: 'Wider than "most modern browsers": every current engine, and Internet Explorer 10 and 11 too.',
    },
    errors: {
      recovered: (reconnects: number, recovery: string | null, lost: string, duplicated: string) =>
        `${plural(reconnects, 'reconnect')}${recovery === null ? '' : `, first event again ${recovery} after the fault`}; ${lost} lost, ${duplicated} duplicated`,
      ownCode: (file: string) => `This course's client does it (${file})`,
      waits: (ownCode: string, notCut: string) =>
        `${ownCode}: on a failure it waits, then asks again with its cursor. ${notCut}`,
      nothingInFlight: (ownCode: string, lost: string, duplicated: string) =>
        `${ownCode}. No poll was in flight when the fault struck, so there was no connection to lose: the next poll asked with its cursor; ${lost} lost, ${duplicated} duplicated.`,
      askedAgain: (ownCode: string, recovered: string) => `${ownCode}: ${recovered}, asking again from its cursor.`,
      browser: (recovered: string | null) =>
        `${recovered !== null ? `${recovered}: the browser reconnected by itself, sending Last-Event-ID. ` : 'The browser reconnects by itself and sends Last-Event-ID. '}By hand: resuming from that id on the server, and starting again after a non-200 status or a wrong Content-Type, which stop EventSource for good.`,
      websocket: (recovered: string | null, file: string) =>
        `What is built in only reports: a close event with a code (1006 after a drop), an error event that says nothing of why. The browser's WebSocket never reconnects or resumes. ${recovered !== null ? `This course's client did (${recovered}), by its own code.` : `This course's client does it by its own code (${file}).`}`,
    },
  },

  /** The run in a few lines of plain text, to share (src/widgets/race/result.ts, summaryText). */
  summary: {
    title: (startedAt: string) => `Realtime Lab race, ${startedAt} UTC`,
    noFault: 'no fault injected',
    fault: (kind: 'cut' | 'restart', at: string) => `${kind} at ${at} s`,
    settings: (rate: string, duration: string, bytes: string, interval: string, faults: string) =>
      `${rate} for ${duration}, ${bytes} of data per event, polling every ${interval}; ${faults}.`,
    clock: (published: number, offset: string, uncertainty: string, samples: number) =>
      `${published} events published. Server clock offset ${offset} ms ± ${uncertainty} ms (NTP-style, best of ${plural(samples, 'round trip')}).`,
    ms: (x: number | null) => (x === null ? '—' : `${x.toFixed(1)} ms`),
    technique: (
      name: string,
      latency: readonly [string, string, string],
      requests: number,
      empty: number | null,
      connections: number,
      perEvent: number | null,
      delivered: number,
      lost: number,
      duplicated: number,
      announced: number,
    ) =>
      `${name}: latency p50 ${latency[0]}, p95 ${latency[1]}, max ${latency[2]}; ${plural(requests, 'request')}${empty === null ? '' : `, ${empty} empty`}, ${plural(connections, 'TCP connection')}, ${perEvent === null ? 'no event' : `${Math.round(perEvent)} B/event`}; ${delivered} delivered, ${lost} lost, ${duplicated} duplicated${announced > 0 ? `, ${announced} gone with a reset or gap (announced)` : ''}.`,
    verdictsTitle: (names: readonly string[]) => `Verdicts on the source post's table (${names.join(' / ')}):`,
    /** A row of the post's table: English names it by its translation. */
    row: (labelKo: string, label: string, verdicts: readonly string[]) => {
      void labelKo;
      return `${label}: ${verdicts.join(' / ')}`;
    },
    verdictWords: { confirmed: 'confirmed', nuanced: 'nuanced', corrected: 'corrected' },
    again: (url: string) => `Run it yourself: ${url}`,
  },

  chart: {
    caption:
      'Latency of each event (log scale) against when it was published. A dotted vertical line marks each fault you injected.',
    failed: (message: string) => `The chart could not load (${message}); the table above has the same numbers.`,
  },
};

export type RaceWidgetStrings = typeof raceWidgetStrings;
