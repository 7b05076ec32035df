/**
 * Where the quantities a lesson writes out by hand come from. A measured figure never belongs here: it
 * is computed at build time from a committed result (an MDX `{expression}` over bench/results/ or
 * content/measurements/) or wrapped in `<Measured source="…">`. What remains are three kinds of number,
 * and tests/content/numbers.test.ts requires every quantity of every lesson (src/lib/lesson-numbers.ts
 * finds them) to be one of them, and every entry here to still be used:
 *
 * - `documented`: a value a specification or a vendor's documentation states; `source` cites it, and
 *   `check`, when the value also lives in this repository or its dependencies, names the file that
 *   must contain it;
 * - `setting`: this server's default for a setting of api/config.ts, which the test reads and compares;
 * - `example`: a value the learner chooses in a widget, a worked example, or arithmetic on those.
 *
 * Keyed by lesson, then by the quantity exactly as src/lib/lesson-numbers.ts finds it ("16 KiB"): one
 * entry covers every place the lesson writes it.
 */
import type { Config } from '../api/config.ts';

export type NumberSource =
  | {
      readonly kind: 'documented';
      readonly source: string;
      readonly check?: { readonly file: string; readonly contains: string };
    }
  | { readonly kind: 'setting'; readonly setting: keyof Config }
  | { readonly kind: 'example'; readonly why: string };

const RFC6455_FRAMING = { kind: 'documented', source: 'RFC 6455 §5.2, base framing: 2 to 14 bytes of header' } as const;
const AWS_WS_QUOTAS = {
  kind: 'documented',
  source:
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html',
} as const;
const NGINX_READ_TIMEOUT = {
  kind: 'documented',
  source: 'https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_read_timeout (default 60s)',
} as const;
const RACE_SETTING = { kind: 'example', why: 'a setting of the race widget that the learner chooses' } as const;
const DEMO_SETTING = {
  kind: 'example',
  why: 'a setting of the demo the learner chooses, or what it predicts',
} as const;

export const NUMBER_SOURCES: Readonly<Record<string, Readonly<Record<string, NumberSource>>>> = {
  choosing: {
    '2 to 14 bytes': RFC6455_FRAMING,
    '10 minutes': AWS_WS_QUOTAS,
    '2 hours': AWS_WS_QUOTAS,
    '128 KB': AWS_WS_QUOTAS,
  },
  comparison: {
    '20 events/s': RACE_SETTING,
    '1 s': RACE_SETTING,
    '10 s': RACE_SETTING,
    '5 events/s': RACE_SETTING,
    '10 bytes': RACE_SETTING,
    '10 kB': RACE_SETTING,
    '0.1 events/s': RACE_SETTING,
    '2 to 14 byte': RFC6455_FRAMING,
  },
  introduction: {
    '5 s': DEMO_SETTING,
    '1 s': { kind: 'example', why: "half the teaser's default 2 s polling interval: what a poll waits on average" },
    '2 s': DEMO_SETTING,
    '500 ms': DEMO_SETTING,
  },
  'long-polling': {
    '10 s': DEMO_SETTING,
    '500 ms': DEMO_SETTING,
    '25 s': { kind: 'setting', setting: 'LONG_POLL_TIMEOUT_MS' },
    '60 s': NGINX_READ_TIMEOUT,
    '60 seconds': NGINX_READ_TIMEOUT,
    '90 s': { kind: 'example', why: 'the quiz scenario of a hold set longer than the proxy allows' },
    '30 s': {
      kind: 'documented',
      source: 'RFC 6202 §5.5 (30 seconds recommended); this server clamps ?timeout= to it',
      check: { file: 'api/transports/long-poll.ts', contains: '30_000' },
    },
    '30 seconds': { kind: 'documented', source: 'RFC 6202 §5.5' },
    '120 seconds': { kind: 'documented', source: 'RFC 6202 §5.5 (holds of up to 120 seconds worked in experiments)' },
    '0–30 s': {
      kind: 'documented',
      source: "this server's long-poll handler clamps ?timeout= to 0–30000 ms",
      check: { file: 'api/transports/long-poll.ts', contains: '30_000' },
    },
    '100 ms': { kind: 'example', why: 'a wrong answer of the quiz: retrying every 100 ms' },
    '5 seconds': { kind: 'example', why: 'a wrong answer of the quiz: a fixed 5-second delay' },
    '65 s': { kind: 'setting', setting: 'KEEP_ALIVE_TIMEOUT_MS' },
    '10,000 times': { kind: 'example', why: 'the 10,000 clients of the herd example, one serialization each' },
  },
  polling: {
    '500 ms': DEMO_SETTING,
    '5 s': DEMO_SETTING,
    '2.5 s': { kind: 'example', why: 'half of the 5 s interval the learner sets: the average wait' },
    '10 seconds': { kind: 'example', why: "the quiz's polling interval" },
    '5 seconds': { kind: 'example', why: "half of the quiz's 10-second interval: the average wait" },
    '2 seconds': { kind: 'example', why: 'a worked example of an interval' },
    '1,800 requests an hour': { kind: 'example', why: 'arithmetic: one poll every 2 seconds for an hour' },
    '500 requests a second': { kind: 'example', why: 'arithmetic: a thousand clients polling every 2 seconds' },
    '65 seconds': { kind: 'setting', setting: 'KEEP_ALIVE_TIMEOUT_MS' },
    '30 seconds': { kind: 'example', why: 'a dashboard that refreshes every 30 seconds, as an example of staleness' },
  },
  scaling: {
    '3 seconds': {
      kind: 'documented',
      source: 'the scale-out test that stops Redis during a stream of publishes',
      check: { file: 'tests/scale-out/redis-outage.test.ts', contains: '3000' },
    },
    '60 seconds': {
      kind: 'documented',
      source:
        'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-load-balancer-attributes.html#connection-idle-timeout and nginx proxy_read_timeout (both 60 seconds by default)',
    },
    '100 seconds': {
      kind: 'documented',
      source:
        'https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-5xx-errors/error-524/',
    },
    '10 minutes': AWS_WS_QUOTAS,
    '2 hours': AWS_WS_QUOTAS,
    '900 seconds': {
      kind: 'documented',
      source: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html',
    },
    '10 seconds': { kind: 'setting', setting: 'SSE_HEARTBEAT_MS' },
    '30 seconds': { kind: 'setting', setting: 'WS_PING_MS' },
    '25 seconds': { kind: 'setting', setting: 'LONG_POLL_TIMEOUT_MS' },
    '1%': { kind: 'example', why: 'the definition of a 99th percentile: the slowest 1%' },
  },
  sse: {
    '500 ms': {
      kind: 'documented',
      source: 'Gecko dom/base/EventSource.cpp, MIN_RECONNECTION_TIME_VALUE 500',
    },
    '15 seconds': {
      kind: 'documented',
      source: 'WHATWG HTML §9.2.7 authoring notes (a comment every 15 seconds or so); SSE_HEARTBEAT_MS is capped at it',
      check: { file: 'api/config.ts', contains: 'SSE_HEARTBEAT_MS: int(100, 15_000)' },
    },
  },
  websocket: {
    '0.5 to 1 s': {
      kind: 'documented',
      source: "the course's reconnect backoff (src/client/url.ts): a first wait of 500 to 1000 ms",
      check: { file: 'src/client/url.ts', contains: 'ceiling * (0.5 + Math.random() * 0.5)' },
    },
    '10 s': {
      kind: 'documented',
      source: "the course's reconnect backoff cap (src/client/url.ts)",
      check: { file: 'src/client/url.ts', contains: '10_000' },
    },
    '16 KiB': { kind: 'setting', setting: 'WS_MAX_MESSAGE_BYTES' },
    '2 bytes': RFC6455_FRAMING,
    '14 bytes': RFC6455_FRAMING,
    '2 to 14 bytes': RFC6455_FRAMING,
    '8 bytes': { kind: 'documented', source: 'RFC 6455 §5.2: a 16-bit length (126 to 65535 bytes) and a masking key' },
    '125 bytes': { kind: 'documented', source: 'RFC 6455 §5.5: control frames carry at most 125 bytes' },
    '30 seconds': { kind: 'setting', setting: 'WS_PING_MS' },
    '1 MiB': { kind: 'setting', setting: 'SLOW_CLIENT_MAX_BUFFER_BYTES' },
    '100 MiB': {
      kind: 'documented',
      source: "ws's maxPayload default",
      check: { file: 'node_modules/ws/lib/websocket-server.js', contains: 'maxPayload: 100 * 1024 * 1024' },
    },
    '128 KB': AWS_WS_QUOTAS,
  },
};
