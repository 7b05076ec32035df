// What a transport file gives the server: the technique it delivers, and how it is mounted. HTTP
// transports are Hono handlers on their technique's route; an upgrade transport (WebSocket) takes the
// connection before Hono sees it (api/server.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import type { Handler, MiddlewareHandler } from 'hono';
import type { TechniqueId } from '../../protocol/techniques.ts';
import type { Deps } from '../context.ts';

export type ApiEnv = { Bindings: HttpBindings };

/**
 * The route's answer opened straight from Node's request and response, before Hono (api/fast-path.ts),
 * for a plain request: the technique's method on its URL, a query with only the parameters named, and
 * for a POST a small body with a Content-Length, read first (`body`, as UTF-8 text). It rejects only
 * before writing anything (a bad cursor or body, the per-IP limit); the route then answers.
 */
export interface PlainOpener {
  readonly params: ReadonlySet<string>;
  open(
    http: { readonly incoming: IncomingMessage; readonly outgoing: ServerResponse },
    channel: string,
    query: ReadonlyMap<string, string>,
    body?: { readonly type: string | undefined; readonly text: string },
  ): Promise<void>;
}

export interface HttpTransport {
  readonly technique: TechniqueId;
  readonly kind: 'http';
  /**
   * The route's handler, the middleware that runs before it (a body limit), `close`, which stops
   * whatever timers it runs (event-stream heartbeats), and `plain`, the same answer for the fast path.
   */
  create(deps: Deps): {
    readonly handler: Handler<ApiEnv>;
    readonly before?: readonly MiddlewareHandler<ApiEnv>[];
    readonly close?: () => void;
    readonly plain?: PlainOpener;
  };
}

export interface UpgradeTransport {
  readonly technique: TechniqueId;
  readonly kind: 'upgrade';
}

export type Transport = HttpTransport | UpgradeTransport;
