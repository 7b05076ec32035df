/**
 * What this browser supports, detected live (no user-agent guessing), and what each answer means for
 * the techniques of the course.
 */
import { useEffect, useState } from 'preact/hooks';
import '../shared/widgets.css';

/**
 * One feature: what it gives, and what to do without it. The text does not depend on the answer, so the
 * table is rendered whole before the checks run and does not change size when they arrive.
 */
interface Feature {
  name: string;
  means: string;
  check: () => boolean;
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

const isGlobalFunction = (name: string) => typeof (globalThis as unknown as Record<string, unknown>)[name] === 'function';

const FEATURES: readonly Feature[] = [
  {
    name: 'EventSource',
    means: 'Server-Sent Events, with automatic reconnection and Last-Event-ID. Without it: parse the stream from fetch yourself, or use long polling.',
    check: () => isGlobalFunction('EventSource'),
  },
  {
    name: 'WebSocket',
    means: 'Two-way messages over one connection; reconnecting and resuming are still up to your code. Without it: SSE plus fetch POST, or long polling.',
    check: () => isGlobalFunction('WebSocket'),
  },
  {
    name: 'WebSocketStream',
    means: 'The promise-and-streams WebSocket API, with the backpressure the classic API lacks. Without it: watch bufferedAmount yourself, or a fast sender piles messages up in memory.',
    check: () => isGlobalFunction('WebSocketStream'),
  },
  {
    name: 'WebTransport',
    means: 'HTTP/3 (QUIC) sessions with several streams and unreliable datagrams; it needs a server that speaks HTTP/3, which this course\'s server does not. Nothing in this course needs it.',
    check: () => isGlobalFunction('WebTransport'),
  },
  {
    name: 'fetch response streaming',
    means: 'A response body read piece by piece as it arrives: an event stream can be parsed without EventSource, with headers EventSource cannot send. Without it, fetch gives the body only at its end.',
    check: () => typeof ReadableStream === 'function' && typeof Response === 'function' && 'body' in Response.prototype,
  },
  {
    name: 'fetch request streaming',
    means: 'A request body sent while it is being produced (needs HTTP/2 or later to the server). Without it, an upload must be complete before it is sent.',
    check: requestStreams,
  },
];

export default function BrowserSupport() {
  const [supported, setSupported] = useState<boolean[] | null>(null);
  useEffect(() => setSupported(FEATURES.map((f) => f.check())), []);
  return (
    <section
      class="w-widget"
      data-demo="browser-support"
      data-state={supported ? 'live' : 'idle'}
      data-received={supported?.length ?? 0}
      aria-label="What your browser supports"
    >
      <p class="w-status" role="status" aria-live="polite">
        {supported ? `Checked ${supported.length} features in this browser, just now.` : 'Checking this browser…'}
      </p>
      <table class="w-support">
        <thead>
          <tr>
            <th scope="col">feature: in this browser?</th>
            <th scope="col">what it means</th>
          </tr>
        </thead>
        <tbody>
          {FEATURES.map((f, i) => {
            const yes = supported?.[i];
            return (
              <tr key={f.name} data-feature={f.name} data-supported={yes === undefined ? undefined : String(yes)}>
                <th scope="row">
                  <code>{f.name}</code>{' '}
                  <span class={`w-verdict ${yes === undefined ? '' : yes ? 'w-yes' : 'w-no'}`}>{yes === undefined ? '…' : yes ? '✓ yes' : '✗ no'}</span>
                </th>
                <td>{f.means}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
