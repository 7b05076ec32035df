// Every setting the server reads from the environment, parsed once with zod so that a typo such as
// RETENTION=1k stops the server at start with a sentence instead of misbehaving later.
import { hostname } from 'node:os';
import { z } from 'zod';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const originList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.url({ message: 'each entry must be an origin such as https://example.com' })));

export const configSchema = z
  .object({
    PORT: int(0, 65535).default(4321).describe('TCP port for the site, the API and WebSocket upgrades'),
    HOST: z.string().min(1).default('127.0.0.1').describe('interface to listen on'),
    ALLOWED_ORIGINS: originList
      .default([])
      .describe('extra Origins allowed to open WebSockets (same origin is always allowed)'),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\/[^\s]+$/, { message: 'must be a Redis URL such as redis://127.0.0.1:6379' })
      .optional()
      .describe('Redis store shared by several instances; unset means the embedded in-memory store'),
    INSTANCE_ID: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, { message: 'letters, digits, ".", "_" and "-" only, at most 64' })
      .default(() => `${hostname()}-${process.pid}`)
      .describe('name of this instance in the X-Instance-Id header and /api/health'),
    TICK_MS: int(50, 3_600_000).default(1000).describe('interval of the built-in ticker channel'),
    RETENTION: int(1, 100_000).default(1000).describe('newest events kept per channel'),
    CHANNEL_IDLE_MS: int(1000, 86_400_000)
      .default(600_000)
      .describe('a channel with no clients and no activity for this long is evicted'),
    MAX_CHANNELS: int(10, 1_000_000)
      .default(2000)
      .describe('channels held in memory at most; the least recently used idle ones go first'),
    STORE_MAX_BYTES: int(1_048_576, 68_719_476_736)
      .default(268_435_456)
      .describe(
        'event JSON kept in memory over all channels; past it the least recently used idle channels are evicted',
      ),
    PUBLISH_MAX_BYTES: int(16, 1_048_576).default(4096).describe('largest serialized `data` of one event (bytes)'),
    BODY_MAX_BYTES: int(64, 10_485_760)
      .default(16_384)
      .describe('largest HTTP request body (bytes), refused before it is all read'),
    WS_MAX_MESSAGE_BYTES: int(64, 10_485_760)
      .default(16_384)
      .describe('largest WebSocket message; larger closes with 1009'),
    PUBLISH_RATE_PER_SEC: int(1, 100_000)
      .default(20)
      .describe('publishes per second per client IP (HTTP and WebSocket together)'),
    PUBLISH_DEDUPE_MS: int(1000, 86_400_000)
      .default(300_000)
      .describe(
        'a publish whose `ref` was already published on the channel this recently appends nothing and answers the first seq',
      ),
    PUBLISH_BURST: int(1, 100_000)
      .default(40)
      .describe('publishes a client IP may make at once before the rate applies'),
    MAX_CONNECTIONS_PER_IP: int(1, 1_000_000)
      .default(200)
      .describe('held connections (SSE, WebSocket, long-poll) per client IP'),
    MAX_SOCKETS_PER_IP: int(1, 1_000_000)
      .default(256)
      .describe('TCP sockets per client IP at once, whatever they carry (429 and closed past it)'),
    SEND_STALL_MS: int(1000, 600_000)
      .default(30_000)
      .describe('a socket with bytes queued that its client has not read for this long is cut'),
    LONG_POLL_TIMEOUT_MS: int(0, 30_000).default(25_000).describe('long-poll hold when the client gives no timeout'),
    SSE_RETRY_MS: int(0, 600_000).default(2000).describe('the retry: value sent to EventSource'),
    SSE_HEARTBEAT_MS: int(100, 15_000).default(10_000).describe('comment heartbeat on quiet SSE streams'),
    WS_PING_MS: int(100, 600_000)
      .default(30_000)
      .describe('WebSocket ping interval; a peer that misses a pong is terminated'),
    SLOW_CLIENT_MAX_BUFFER_BYTES: int(1024, 1_073_741_824)
      .default(1_048_576)
      .describe('unsent bytes a slow SSE/WebSocket client may pile up before it is dropped'),
    HEADERS_TIMEOUT_MS: int(1000, 600_000).default(10_000).describe('time a client has to send its request headers'),
    REQUEST_TIMEOUT_MS: int(1000, 600_000).default(30_000).describe('time a client has to send its whole request'),
    KEEP_ALIVE_TIMEOUT_MS: int(1000, 600_000)
      .default(65_000)
      .describe('idle keep-alive connections are closed after this long'),
    SHUTDOWN_GRACE_MS: int(0, 9000)
      .default(3000)
      .describe('time held connections get to end on SIGTERM before they are cut'),
    TRUST_PROXY: z
      .enum(['0', '1', 'true', 'false'])
      .default('false')
      .transform((v) => v === '1' || v === 'true')
      .describe('take the client IP from X-Forwarded-For (only behind a proxy you run)'),
    SITE_DIR: z.string().default('dist').describe('the built static site to serve'),
    LAB_MAX_IDS: int(1, 1_000_000)
      .default(500)
      .describe('labs (wire captures of tagged connections) held at most; the least recently used go first'),
    LAB_CAPTURE_BYTES: int(4096, 16_777_216)
      .default(65_536)
      .describe('captured text kept per lab; older entries go first'),
    LAB_MAX_ENTRIES: int(10, 100_000)
      .default(500)
      .describe('wire entries kept per lab, however small; older entries go first'),
    LAB_MAX_CONNECTIONS: int(1, 10_000)
      .default(50)
      .describe('connections whose byte counters are kept per lab; closed ones are forgotten first, then the oldest'),
    LAB_ACTIVE_MS: int(1000, 3_600_000)
      .default(30_000)
      .describe(
        "a lab's private channel keeps ticking this long after its last use (a poll demo may be quiet a while)",
      ),
    LAB_MAX_RACES: int(1, 1000)
      .default(20)
      .describe('races running at once on this server over all labs, each up to 50 events/s; past it 503 race_busy'),
  })
  // Every held connection is a socket too: a socket limit below the held-connection limit would make
  // the latter a lie.
  .superRefine((c, ctx) => {
    if (c.MAX_SOCKETS_PER_IP < c.MAX_CONNECTIONS_PER_IP) {
      ctx.addIssue({
        code: 'custom',
        path: ['MAX_SOCKETS_PER_IP'],
        message: `must be at least MAX_CONNECTIONS_PER_IP (${c.MAX_CONNECTIONS_PER_IP}): every held connection is a socket`,
      });
    }
  });

export type Config = z.infer<typeof configSchema>;

/** Parses an environment; throws one readable Error listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const got = present[String(i.path[0])];
      return `  ${i.path.join('.')}: ${i.message} (${got === undefined ? 'unset: its default' : `got ${JSON.stringify(got)}`})`;
    });
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
