// The Node entry: one port for the static site, the API and WebSocket upgrades; the ticker; Node's
// timeouts set on purpose; and a graceful shutdown on SIGTERM / SIGINT.
import { STATUS_CODES, createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { getRequestListener, type HttpBindings } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { createApiApp } from './app.ts';
import { loadConfig, type Config } from './config.ts';
import { ConnectionRegistry } from './connections.ts';
import { createLabBackend } from './lab/index.ts';
import { TICKER_CHANNEL } from '../protocol/channels.ts';
import type { Deps } from './context.ts';
import { PublishRateLimiter } from './limits.ts';
import { selectStore } from './log/select-store.ts';
import type { ChannelStore } from './log/types.ts';
import { createMetrics } from './metrics.ts';
import { ASSET_POLICY, PagePolicyCache, securityHeaders } from './security.ts';
import { SocketGuard } from './sockets.ts';
import { fileUnder, PrecompressedFiles, precompressedFiles } from './content-encoding.ts';
import { IMMUTABLE, IMMUTABLE_PREFIX, withStaticFastPath } from './static-fast-path.ts';
import { withFastPath } from './fast-path.ts';
import { ApiError, rawHttpError } from './errors.ts';
import { isWebSocketUpgrade, WebSocketTransport } from './transports/websocket.ts';

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly deps: Deps;
  readonly store: ChannelStore;
  /** Every socket per client IP (MAX_SOCKETS_PER_IP) and the send-stall watchdog (SEND_STALL_MS). */
  readonly sockets: SocketGuard;
  /** Graceful: 503 from now on, held connections ended, resolves once the port is closed. */
  shutdown(): Promise<void>;
}

/** The parts shared by the production server and `astro dev`: store, limits, API app, WebSockets, ticker. */
export function createBackend(config: Config) {
  const metrics = createMetrics();
  const lifecycle = { shuttingDown: false };
  const { store, ready, holdsLease } = selectStore(config, [TICKER_CHANNEL]);
  const publishLimiter = new PublishRateLimiter(config.PUBLISH_RATE_PER_SEC, config.PUBLISH_BURST);
  const lab = createLabBackend(config, { store, metrics, publishLimiter });
  const deps: Deps = {
    config,
    store,
    metrics,
    connections: new ConnectionRegistry(config.MAX_CONNECTIONS_PER_IP, metrics),
    publishLimiter,
    labs: lab.registry,
    lifecycle,
  };
  const api = createApiApp(deps, lab);
  const websockets = new WebSocketTransport(deps);

  // The ticker gives every lesson a live stream without anyone having to publish; so does each
  // learner's private lab channel, while its demo is in use. With several instances on one store, only
  // the lease holder ticks the shared ticker. The lease outlives a few ticks and at least 2 s, so a busy
  // event loop does not hand it over (and restart the tick count) while its holder is alive; when the
  // holder dies, another instance takes over within that time.
  let tick = 0;
  const tickerLeaseMs = Math.max(config.TICK_MS * 3, 2000);
  const ticker = setInterval(() => {
    void lab.tick();
    holdsLease(TICKER_CHANNEL, tickerLeaseMs)
      .then(async (mine) => {
        if (!mine) return;
        tick++;
        await store.append(TICKER_CHANNEL, { tick, note: 'the server ticks once per TICK_MS' });
        metrics.published.inc({ via: 'ticker' });
      })
      .catch(() => {}); // the store is unreachable: /api/health says so, and the ticker resumes with it
  }, config.TICK_MS);

  return {
    deps,
    api,
    websockets,
    /** A WebSocket upgrade: the lab tap sees it first (`?lab=`), then the transport. False: not ours. */
    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
      return lab.upgradeTap(req, socket) || websockets.handleUpgrade(req, socket, head);
    },
    /** Resolves once the store can take work, or false when it could not be reached in time. */
    ready,
    /** Stops accepting work and ends every held connection the way its technique should end. */
    beginShutdown() {
      lifecycle.shuttingDown = true;
      clearInterval(ticker);
      deps.connections.endAll();
    },
    async close() {
      clearInterval(ticker);
      api.close();
      websockets.close();
      lab.close();
      await store.close();
    },
  };
}

/** The 404 page of a path: the Korean edition's under /ko/ when the build has one, else the site's. */
export function notFoundPage(root: string, path: string): string {
  const korean = resolve(root, 'ko', '404.html');
  return path.startsWith('/ko/') && existsSync(korean) ? korean : resolve(root, '404.html');
}

function siteApp(
  config: Config,
  api: Hono<{ Bindings: HttpBindings }>,
): { app: Hono<{ Bindings: HttpBindings }>; root: string; files: PrecompressedFiles } {
  const root = resolve(config.SITE_DIR);
  const app = new Hono<{ Bindings: HttpBindings }>();
  const policies = new PagePolicyCache();
  // Pages, scripts, styles, SVG and JSON, read once per version into memory: served from here by Hono
  // below and, for plain requests, before it (static-fast-path.ts).
  const files = new PrecompressedFiles((file) => ({
    'Content-Security-Policy': file.endsWith('.html') ? policies.policyFor(file) : ASSET_POLICY,
  }));
  app.use('*', securityHeaders());
  app.route('/', api);
  app.use(`${IMMUTABLE_PREFIX}*`, async (c, next) => {
    await next();
    if (c.res.ok) c.header('Cache-Control', IMMUTABLE);
  });
  // /lessons/sse → /lessons/sse/ : pages are folders with an index.html. Only a path whose last segment
  // has no extension can be one, so assets (/_astro/x.js, diagram SVGs) skip the disk check.
  app.get('*', async (c, next) => {
    const last = c.req.path.slice(c.req.path.lastIndexOf('/') + 1);
    if (last !== '' && !last.includes('.') && existsSync(resolve(root, `.${c.req.path}`, 'index.html'))) {
      const q = new URL(c.req.url).search;
      return c.redirect(`${c.req.path}/${q}`, 301);
    }
    await next();
  });
  // Pages, scripts, styles, SVG and JSON: from memory, in the coding asked for (Brotli and gzip copies
  // written by the build). Measured with wrk on the home page: serveStatic's stat, stream and file read
  // per request cost ~400 µs of server CPU per answer, against ~40 µs for the bare server's buffer.
  app.use('*', precompressedFiles({ resolveFile: (c) => fileUnder(root, c.req.path), files }));
  app.use(
    '*',
    serveStatic({
      root,
      onFound: (path, c) => {
        c.header('Content-Security-Policy', path.endsWith('.html') ? policies.policyFor(path) : ASSET_POLICY);
      },
    }),
  );
  app.notFound(async (c) => {
    const page = notFoundPage(root, c.req.path);
    if (existsSync(page)) {
      const { readFile } = await import('node:fs/promises');
      return c.html(await readFile(page, 'utf8'), 404, { 'Content-Security-Policy': policies.policyFor(page) });
    }
    return c.text('Not found', 404);
  });
  return { app, root, files };
}

export async function startServer(config: Config): Promise<RunningServer> {
  const backend = createBackend(config);
  if (!(await backend.ready)) {
    console.warn(
      `warning: the store is unreachable (${backend.deps.store.status().problem}); serving degraded until it is back.`,
    );
  }
  const site = siteApp(config, backend.api.app);

  const server: Server = createServer({
    // Only a WebSocket handshake is an upgrade. Anything else with an Upgrade header (curl --http2 and
    // the JDK's HttpClient send `Upgrade: h2c` by default) is served as the plain HTTP/1.1 request it
    // also is, by the app: HTTP/1.1 lets a server ignore an upgrade it does not support.
    shouldUpgradeCallback: isWebSocketUpgrade,
    // Trickled headers are cut off after HEADERS_TIMEOUT_MS: without it, a client sending one header
    // byte a minute holds a socket forever (slowloris).
    headersTimeout: config.HEADERS_TIMEOUT_MS,
    // requestTimeout covers receiving the request only (headers and body), not the response: an SSE
    // stream or a held long-poll goes on long after its request was received, so it is not cut by it.
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    // Node checks both timeouts only every connectionsCheckingInterval (30 s by default), which would
    // let a trickling client live up to 30 s past its deadline.
    connectionsCheckingInterval: 1000,
    // Longer than the 60 s idle timeout common in load balancers, so the server is never the side that
    // closes a connection the proxy is about to reuse; and polling clients reuse one connection.
    keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS,
  });
  // server.timeout stays 0 (Node's default): a quiet SSE stream or WebSocket is not idle, it is waiting.
  // What bounds a socket instead is what it does: every socket counts against its IP from the moment it
  // is accepted (slow readers and trickled bodies included, not only held streams), and one whose
  // client stops taking the bytes queued for it is cut after SEND_STALL_MS.
  const sockets = new SocketGuard(
    { maxPerIp: config.MAX_SOCKETS_PER_IP, stallMs: config.SEND_STALL_MS, trustProxy: config.TRUST_PROXY },
    backend.deps.metrics,
  );
  server.on('connection', (socket: Socket) => sockets.admit(socket));
  // Plain polls, long-polls, SSE streams and static files skip Hono's request path (fast-path.ts and
  // static-fast-path.ts say why).
  const hono = getRequestListener(site.app.fetch);
  const listener = withStaticFastPath(backend.deps, site, withFastPath(backend.deps, hono, backend.api.plain));
  // A socket refused at accept time has its 429 already; what it sends is read and left unanswered.
  server.on('request', (req, res) => {
    if (!sockets.isRefused(req.socket)) void listener(req, res);
  });
  server.on('upgrade', (req, socket: Socket, head) => {
    // Node hands an upgrade's socket over without an 'error' listener: a client that resets the
    // connection while its refusal is written (websocket-client does, on a 403) would otherwise be an
    // uncaught exception.
    socket.on('error', () => socket.destroy());
    if (sockets.isRefused(socket)) return;
    if (backend.upgrade(req, socket, head)) return;
    // A WebSocket handshake anywhere else: RFC 6455 §4.2.1 asks for an error status such as 404.
    const refusal = new ApiError(
      'not_found',
      `No WebSocket endpoint at ${new URL(req.url ?? '/', 'http://x').pathname.slice(0, 200)}; a channel's is /api/channels/<channel>/ws.`,
    );
    backend.deps.metrics.rejections.inc({ reason: refusal.code });
    socket.end(rawHttpError(refusal));
  });
  // A broken client connection (garbage, headers too big, too slow) must not take the server down; it
  // gets the status Node itself would send, then the socket is closed.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    if (err.code !== 'ECONNRESET' && socket.writable) {
      socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    } else {
      socket.destroy();
    }
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(config.PORT, config.HOST, () => {
      server.off('error', fail);
      ok();
    });
  });
  const { port } = server.address() as AddressInfo;
  sockets.listening(port);
  const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;

  let closing: Promise<void> | undefined;
  const shutdown = () =>
    (closing ??= (async () => {
      backend.beginShutdown();
      const closed = new Promise<void>((ok) => server.close(() => ok()));
      server.closeIdleConnections();
      // Give ended streams and answered long-polls a moment to flush, then cut whatever is left.
      const grace = setTimeout(() => {
        server.closeAllConnections();
        backend.websockets.close();
      }, config.SHUTDOWN_GRACE_MS);
      await closed;
      clearTimeout(grace);
      sockets.close();
      await backend.close();
    })());

  return { url: `http://${host}:${port}`, port, deps: backend.deps, store: backend.deps.store, sockets, shutdown };
}

export async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  if (!existsSync(resolve(config.SITE_DIR, 'index.html'))) {
    console.warn(`warning: no built site in ${config.SITE_DIR}/ (run "npm run build"); serving the API only.`);
  }
  const running = await startServer(config);
  console.log(
    `Realtime Lab is serving on ${running.url}/ (API at ${running.url}/api/, metrics at ${running.url}/metrics)`,
  );

  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      console.log(`${signal} again: exiting now.`);
      process.exit(1);
    }
    signalled = true;
    console.log(`${signal}: shutting down (health answers 503, held connections are being ended)…`);
    // Whatever happens, the process is gone well within 10 s.
    setTimeout(() => {
      console.error('shutdown took too long; exiting.');
      process.exit(1);
    }, config.SHUTDOWN_GRACE_MS + 2000).unref();
    running.shutdown().then(
      () => process.exit(0),
      (err) => {
        console.error('shutdown failed:', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

if (import.meta.main) await main();
