// Which requests are a lab's: a channel's poll, long-poll, SSE or WebSocket that carries `?lab=<id>`
// (the id checked), handed to tap.ts with the lab it names. Nothing changes for a request without it.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { MiddlewareHandler } from 'hono';
import { ApiError, rawHttpError } from '../errors.ts';
import type { Metrics } from '../metrics.ts';
import { LAB_ID } from '../../protocol/lab.ts';
import { technique, techniqueBySegment } from '../../protocol/techniques.ts';
import type { Lab } from './lab.ts';
import type { LabRegistry } from './registry.ts';
import { tapHttpExchange, tapUpgrade } from './tap.ts';

type Env = { Bindings: HttpBindings };

/** The request bodies a lab captures whole: a cursor is a few dozen bytes. */
const TAPPED_BODY_MAX_BYTES = 4096;

const WS_PATH = new RegExp(`^/api/channels/([^/]+)/${technique('websocket').segment}$`);

const invalidLabId = (raw: string) =>
  new ApiError(
    'invalid_lab_id',
    `A lab id is 32 lowercase hex digits (128 random bits); got ${JSON.stringify(raw.slice(0, 80))}.`,
  );

/** `raw` if it is a lab id, else a 400 `invalid_lab_id`. */
export function checkLabId(raw: string): string {
  if (!LAB_ID.test(raw)) throw invalidLabId(raw);
  return raw;
}

/** Tags poll, long-poll and SSE requests that carry `?lab=<id>` so their bytes are captured. */
export function labHttpTap(labs: LabRegistry): MiddlewareHandler<Env> {
  return async (c, next) => {
    const raw = c.req.query('lab');
    const technique = techniqueBySegment(c.req.path.slice(c.req.path.lastIndexOf('/') + 1));
    // WebSocket connections are tapped at the upgrade (labUpgradeTap); a request that reaches Hono on
    // their path is a plain GET answered 426.
    const tapped = technique && technique.wire !== 'websocket-frames' && c.req.method === technique.method;
    if (!tapped) return next();
    // `?lab=` names the lab; without it, a channel claimed by a grading run does (the learner's code
    // in an exercise does not tag its URLs).
    const lab = raw === undefined ? labs.claiming(c.req.param('channel') ?? '') : labs.open(checkLabId(raw));
    if (!lab) return next();
    // A request with a body (streaming with fetch POSTs its cursor): read here, so the capture shows it;
    // Hono keeps the text, and the handler reads the same. Only a small, declared body: a large or
    // chunked one is left to the route's own limit.
    const length = Number(c.req.header('content-length') ?? 0);
    const body = length > 0 && length <= TAPPED_BODY_MAX_BYTES ? await c.req.text() : undefined;
    if (!tapHttpExchange(lab, technique.id, c.env.incoming, c.env.outgoing, body)) return RESPONSE_ALREADY_SENT;
    // A staged outage answers here, after the tap: the wire capture shows the refusal too.
    const refusal = lab.grading?.arrive(technique.id);
    if (refusal) throw refusal;
    await next();
  };
}

/**
 * The same for a WebSocket upgrade, called before the transport sees it. Returns true when it dealt
 * with the request itself (a bad lab id refused, or an armed cut dropped it).
 */
export function labUpgradeTap(labs: LabRegistry, metrics: Metrics, req: IncomingMessage, socket: Duplex): boolean {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const raw = url.searchParams.get('lab');
  const path = WS_PATH.exec(url.pathname);
  if (!path) return false;
  let lab: Lab | undefined;
  if (raw === null) {
    lab = labs.claiming(path[1]!);
    if (!lab) return false;
  } else if (!LAB_ID.test(raw)) {
    const err = invalidLabId(raw);
    metrics.rejections.inc({ reason: err.code });
    socket.end(rawHttpError(err));
    return true;
  } else {
    lab = labs.open(raw);
  }
  if (!tapUpgrade(lab, req, socket)) return true;
  const refusal = lab.grading?.arrive('websocket');
  if (!refusal) return false;
  metrics.rejections.inc({ reason: refusal.code });
  socket.end(rawHttpError(refusal));
  return true;
}
