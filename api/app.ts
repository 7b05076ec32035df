// The HTTP API as a Hono app, assembled from its parts. Nothing listens here: server.ts (production)
// and dev-integration.ts (astro dev) put it behind a socket.
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { HttpErrorCode } from '../protocol/errors.ts';
import { MAX_REF_LENGTH } from '../protocol/messages.ts';
import { openApiDocument } from '../protocol/openapi.ts';
import { ROUTES } from '../protocol/routes.ts';
import { PublishRequest } from '../protocol/schemas.ts';
import { TECHNIQUES } from '../protocol/techniques.ts';
import type { Deps } from './context.ts';
import { ApiError, asApiError, errorBody } from './errors.ts';
import { checkDataDepth, readJsonBody } from './json-body.ts';
import type { LabBackend } from './lab/index.ts';
import { clientIp } from './limits.ts';
import { publishEvent } from './publish.ts';
import { checkChannel, parseCursor } from './transports/admission.ts';
import { HTTP_TRANSPORTS } from './transports/index.ts';
import type { ApiEnv as Env, PlainOpener } from './transports/transport.ts';

function fail(code: HttpErrorCode, message: string, headers: Record<string, string> = {}): never {
  throw new ApiError(code, message, headers);
}

const validChannel: MiddlewareHandler<Env> = async (c, next) => {
  checkChannel(c.req.param('channel') ?? '');
  await next();
};

function publishHandler(deps: Deps) {
  return async (c: Context<Env>) => {
    const channel = c.req.param('channel')!;
    const body = PublishRequest.safeParse(await readJsonBody(c, 'the event'));
    // The schema the OpenAPI document shows; zod's looseObject also takes {"data": undefined}, which
    // JSON cannot carry, so a missing field is checked by name.
    if (!body.success || !('data' in body.data)) {
      if (body.error?.issues.some((issue) => issue.path[0] === 'ref')) {
        fail('invalid_body', `"ref" must be a string of at most ${MAX_REF_LENGTH} characters or a number.`);
      }
      fail('invalid_body', 'The body must be a JSON object with a "data" field, e.g. {"data": {"hello": "world"}}.');
    }
    checkDataDepth(body.data.data);
    const ref = body.data.ref;
    const { event, epoch, duplicate } = await publishEvent(
      deps,
      channel,
      body.data.data,
      clientIp(c.env.incoming, deps.config.TRUST_PROXY),
      'http',
      ref,
    );
    // A repeated ref created nothing: 200 with the original seq, and says so.
    if (duplicate) return c.json({ seq: event.seq, time: event.time, epoch, duplicate: true }, 200);
    return c.json({ seq: event.seq, time: event.time, epoch }, 201);
  };
}

export interface ApiApp {
  readonly app: Hono<Env>;
  /** The transports' answers for the fast path (api/fast-path.ts), by method and URL segment (`POST /stream`). */
  readonly plain: ReadonlyMap<string, PlainOpener>;
  /** Stops the app's own timers (heartbeats). */
  readonly close: () => void;
}

export function createApiApp(deps: Deps, lab: LabBackend): ApiApp {
  const app = new Hono<Env>();

  // Which instance answered: behind a load balancer, the scaling lesson shows a learner who serves them.
  // Set on the Node response, so it also reaches streams written outside Hono (SSE).
  app.use('*', async (c, next) => {
    c.env.outgoing?.setHeader('X-Instance-Id', deps.config.INSTANCE_ID);
    await next();
  });
  app.use('/api/*', async (_c, next) => {
    if (deps.lifecycle.shuttingDown)
      fail('shutting_down', 'The server is shutting down; retry in a moment.', { 'Retry-After': '2' });
    await next();
  });
  app.use('/api/channels/:channel/*', validChannel);
  app.use('/api/channels/:channel/*', lab.httpTap);
  lab.mount(app);

  // "degraded" is still a 200: the instances of a deployment share their store, so a load balancer
  // that took out every degraded instance would take down the site (and the held streams that resume
  // by themselves) along with the one part that is missing.
  app.get('/api/health', (c) => {
    const store = deps.store.status();
    const body = {
      status: store.available ? 'ok' : 'degraded',
      instance: deps.config.INSTANCE_ID,
      store: store.kind,
      ...(store.problem ? { problem: store.problem } : {}),
    };
    return c.json(body, 200, { 'Cache-Control': 'no-store' });
  });
  // The server's clock, for pages that time deliveries: a page estimates its offset NTP-style (several
  // round trips, the one with the smallest RTT kept) to turn an event's `time` into a latency.
  app.get('/api/time', (c) => c.json({ now: Date.now() }, 200, { 'Cache-Control': 'no-store' }));
  // The HTTP API as OpenAPI 3.1, built once from the contract's schemas (protocol/openapi.ts).
  const openApi = openApiDocument();
  app.get('/api/openapi.json', (c) => c.json(openApi, 200, { 'Cache-Control': 'no-cache' }));
  app.post(
    '/api/channels/:channel/events',
    bodyLimit({
      maxSize: deps.config.BODY_MAX_BYTES,
      onError: () => fail('payload_too_large', `The request body is larger than ${deps.config.BODY_MAX_BYTES} bytes.`),
    }),
    publishHandler(deps),
  );
  // HEAD is a GET without its body, and Hono answers it with the GET route. A held technique's GET
  // would hold a connection or start a stream that a HEAD never reads (and write a head of its own,
  // after Hono's): its head is answered at once instead, after the same checks of the cursor.
  for (const t of TECHNIQUES) {
    if (!t.heldByServer || t.method !== 'GET' || !HTTP_TRANSPORTS.some((h) => h.technique === t.id)) continue;
    app.use(`/api/channels/:channel/${t.segment}`, async (c, next) => {
      if (c.req.method !== 'HEAD') return next();
      parseCursor(c.req.query('after'), c.req.query('epoch'));
      const type = t.wire === 'event-stream' ? 'text/event-stream; charset=utf-8' : 'application/json';
      return c.body(null, 200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    });
  }
  const closers: (() => void)[] = [];
  const plainOpeners = new Map<string, PlainOpener>();
  for (const transport of HTTP_TRANSPORTS) {
    const { handler, before = [], close, plain } = transport.create(deps);
    const { method, segment } = TECHNIQUES.find((t) => t.id === transport.technique)!;
    if (plain) plainOpeners.set(`${method} /${segment}`, plain);
    const path = `/api/channels/:channel/${segment}`;
    // Bound to the route's method, not app.use: a body limit on every method would answer a PATCH
    // with a large body 413 instead of the 405 the contract gives any other method (found by npm run fuzz).
    for (const middleware of before) app.on(method, path, middleware);
    app.on(method, path, handler);
    if (close) closers.push(close);
  }
  // A technique with no HTTP transport is an upgrade (WebSocket): upgrades are taken before Hono sees
  // them, so a request that reaches here came without an Upgrade header.
  for (const t of TECHNIQUES) {
    if (HTTP_TRANSPORTS.some((h) => h.technique === t.id)) continue;
    app.get(`/api/channels/:channel/${t.segment}`, () =>
      fail('upgrade_required', 'This URL speaks WebSocket: connect with new WebSocket(url).', {
        Upgrade: 'websocket',
      }),
    );
  }
  app.get('/metrics', async (c) => {
    const text = await deps.metrics.registry.metrics();
    return c.body(text, 200, { 'Content-Type': deps.metrics.registry.contentType, 'Cache-Control': 'no-store' });
  });

  // A wrong method gets 405 with Allow instead of 404.
  for (const { path, method } of ROUTES) {
    app.all(path, () => fail('method_not_allowed', `Use ${method} on this URL.`, { Allow: method }));
  }
  app.all('/api/*', (c) =>
    fail('not_found', `No API route at ${c.req.method} ${c.req.path}; see /api-reference/ for the reference.`),
  );

  app.onError((err, c) => {
    const apiError = asApiError(err);
    if (apiError) {
      deps.metrics.rejections.inc({ reason: apiError.code });
      return c.json(errorBody(apiError.code, apiError.message), apiError.status as 400, apiError.headers);
    }
    if (err instanceof HTTPException) return err.getResponse();
    // Never echo a stack trace to a client; the log keeps it.
    console.error(`${c.req.method} ${c.req.path} failed:`, err);
    return c.json(errorBody('internal_error', 'Something went wrong on the server; it has been logged.'), 500);
  });

  return {
    app,
    plain: plainOpeners,
    close: () => {
      for (const close of closers) close();
    },
  };
}
