/**
 * What the race says (src/widgets/race/): its controls and states, the runner's sentences, the figures
 * table, the chart, and the verdict table's frame (the post's own words come from the source-post
 * catalogues). This English file defines the type; ../ko/widgetsRace.ts is of it.
 */

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
  },

  chart: {
    caption:
      'Latency of each event (log scale) against when it was published. A dotted vertical line marks each fault you injected.',
    failed: (message: string) => `The chart could not load (${message}); the table above has the same numbers.`,
  },
};

export type RaceWidgetStrings = typeof raceWidgetStrings;
