/**
 * What this browser supports, detected live (no user-agent guessing), and what each answer means for
 * the techniques of the course.
 */
import { useEffect, useState } from 'preact/hooks';
import { labWords } from '../shared/words-lab.ts';
import type { FeatureName } from '../../i18n/en/widgetsLab.ts';
import type { Locale } from '../../i18n/locales.ts';
import Reserve from '../shared/Reserve.tsx';
import '../shared/widgets.css';

interface Feature {
  /** The name in English: its data-feature, and its words in the catalogue (t(lang).widgetsLab). */
  name: FeatureName;
  /** Runs in the browser only. */
  detect: () => boolean;
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
  },
  {
    name: 'WebSocket',
    detect: () => typeof w().WebSocket === 'function',
  },
  {
    name: 'WebSocketStream',
    detect: () => typeof w().WebSocketStream === 'function',
  },
  {
    name: 'WebTransport',
    detect: () => typeof w().WebTransport === 'function',
  },
  {
    name: 'fetch response streaming',
    detect: () =>
      typeof w().ReadableStream === 'function' && typeof Response === 'function' && 'body' in Response.prototype,
  },
  {
    name: 'fetch request streaming',
    detect: requestStreams,
  },
];

export default function BrowserSupport({ lang = 'en' }: { lang?: Locale }) {
  const words = labWords(lang).browserSupport;
  const { checking: CHECKING, checked, answers: ANSWERS } = words;
  const [results, setResults] = useState<boolean[] | null>(null);
  useEffect(() => setResults(FEATURES.map((f) => f.detect())), []);
  return (
    <section
      class="w-widget"
      data-demo="browser-support"
      data-state={results ? 'live' : 'idle'}
      data-received={results?.length ?? 0}
      data-pagefind-ignore
      aria-label={words.aria}
    >
      <p class="w-status" role="status" aria-live="polite">
        <Reserve room={[CHECKING, checked(FEATURES.length)]}>{results ? checked(results.length) : CHECKING}</Reserve>
      </p>
      <table class="w-support" tabIndex={0}>
        <thead>
          <tr>
            <th scope="col">{words.columns.feature}</th>
            <th scope="col">{words.columns.browser}</th>
            <th scope="col">{words.columns.meaning}</th>
          </tr>
        </thead>
        <tbody>
          {FEATURES.map((f, i) => {
            const supported = results?.[i];
            const answer = supported === undefined ? 'unknown' : supported ? 'yes' : 'no';
            const said = words.features[f.name];
            return (
              <tr
                key={f.name}
                data-feature={f.name}
                data-supported={supported === undefined ? undefined : String(supported)}
              >
                <th scope="row">
                  <code>{said.name}</code>
                </th>
                <td class={`w-answer${supported === undefined ? '' : supported ? ' w-yes' : ' w-no'}`}>
                  <Reserve room={Object.values(ANSWERS)}>{ANSWERS[answer]}</Reserve>
                </td>
                <td>
                  <Reserve block room={[said.yes, said.no]}>
                    {supported === undefined ? '' : supported ? said.yes : said.no}
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
