/**
 * What this browser supports, detected live (no user-agent guessing), and what each answer means for
 * the techniques of the course.
 */
import { useEffect, useState } from 'preact/hooks';
import Reserve from '../shared/Reserve.tsx';
import '../shared/widgets.css';

interface Feature {
  name: string;
  /** Runs in the browser only. */
  detect: () => boolean;
  yes: string;
  no: string;
}

/**
 * Request-body streaming: a browser that supports it reads the `duplex` option and, given a stream
 * body, sets no Content-Type. The check from the Chrome team's guide to streaming requests.
 */
function requestStreams(): boolean {
  let duplexRead = false;
  try {
    const hasContentType = new Request('data:,', {
      body: new ReadableStream(),
      method: 'POST',
      get duplex() {
        duplexRead = true;
        return 'half';
      },
    } as RequestInit).headers.has('Content-Type');
    return duplexRead && !hasContentType;
  } catch {
    return false;
  }
}

const w = () => window as unknown as Record<string, unknown>;

/**
 * The features, rendered on the server already, each cell with room for every answer it may show (see
 * Reserve), so that the table has its final size before the checks run: nothing below it moves.
 */
const FEATURES: Feature[] = [
  {
    name: 'EventSource',
    detect: () => typeof w().EventSource === 'function',
    yes: 'Server-Sent Events work natively, with automatic reconnection and Last-Event-ID.',
    no: 'No native SSE: read the stream with fetch and parse it yourself, or fall back to long polling.',
  },
  {
    name: 'WebSocket',
    detect: () => typeof w().WebSocket === 'function',
    yes: 'Two-way messages over one connection. Reconnecting and resuming are still up to your code.',
    no: 'No WebSocket: use SSE plus fetch POST, or long polling.',
  },
  {
    name: 'WebSocketStream',
    detect: () => typeof w().WebSocketStream === 'function',
    yes: 'The promise-and-streams WebSocket API: it adds backpressure, which the classic WebSocket API lacks.',
    no: 'Only the classic WebSocket API: no backpressure, so a fast sender can pile messages up in memory.',
  },
  {
    name: 'WebTransport',
    detect: () => typeof w().WebTransport === 'function',
    yes: "HTTP/3 (QUIC) sessions with several streams and unreliable datagrams; it needs a server that speaks HTTP/3, which this course's server does not.",
    no: 'No WebTransport: nothing in this course needs it.',
  },
  {
    name: 'fetch response streaming',
    detect: () =>
      typeof w().ReadableStream === 'function' && typeof Response === 'function' && 'body' in Response.prototype,
    yes: 'A response body can be read piece by piece as it arrives: an event stream can be parsed without EventSource (to send headers EventSource cannot).',
    no: 'fetch only gives the whole body at the end: a stream that never ends would never be seen.',
  },
  {
    name: 'fetch request streaming',
    detect: requestStreams,
    yes: 'A request body can be sent while it is being produced (needs HTTP/2 or later to the server).',
    no: 'A request body must be complete before it is sent: uploads are one piece at a time.',
  },
];

const CHECKING = 'Checking this browser…';
const checked = (n: number) => `Checked ${n} features in this browser, just now.`;
const ANSWERS = { unknown: 'checking…', yes: '✓ supported', no: '✗ not supported' } as const;

export default function BrowserSupport() {
  const [results, setResults] = useState<boolean[] | null>(null);
  useEffect(() => setResults(FEATURES.map((f) => f.detect())), []);
  return (
    <section
      class="w-widget"
      data-demo="browser-support"
      data-state={results ? 'live' : 'idle'}
      data-received={results?.length ?? 0}
      data-pagefind-ignore
      aria-label="What your browser supports"
    >
      <p class="w-status" role="status" aria-live="polite">
        <Reserve room={[CHECKING, checked(FEATURES.length)]}>{results ? checked(results.length) : CHECKING}</Reserve>
      </p>
      <table class="w-support" tabIndex={0}>
        <thead>
          <tr>
            <th scope="col">feature</th>
            <th scope="col">this browser</th>
            <th scope="col">what it means</th>
          </tr>
        </thead>
        <tbody>
          {FEATURES.map((f, i) => {
            const supported = results?.[i];
            const answer = supported === undefined ? 'unknown' : supported ? 'yes' : 'no';
            return (
              <tr
                key={f.name}
                data-feature={f.name}
                data-supported={supported === undefined ? undefined : String(supported)}
              >
                <th scope="row">
                  <code>{f.name}</code>
                </th>
                <td class={`w-answer${supported === undefined ? '' : supported ? ' w-yes' : ' w-no'}`}>
                  <Reserve room={Object.values(ANSWERS)}>{ANSWERS[answer]}</Reserve>
                </td>
                <td>
                  <Reserve block room={[f.yes, f.no]}>
                    {supported === undefined ? '' : supported ? f.yes : f.no}
                  </Reserve>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
