// What a transport file gives the server: the technique it delivers, and how it is mounted. HTTP
// transports are Hono handlers on their technique's route; an upgrade transport (WebSocket) takes the
// connection before Hono sees it (api/server.ts).
import type { HttpBindings } from '@hono/node-server';
import type { Handler, MiddlewareHandler } from 'hono';
import type { TechniqueId } from '../../protocol/techniques.ts';
import type { Deps } from '../context.ts';

export type ApiEnv = { Bindings: HttpBindings };

export interface HttpTransport {
  readonly technique: TechniqueId;
  readonly kind: 'http';
  /**
   * The route's handler, the middleware that runs before it (a body limit), and `close`, which stops
   * whatever timers it runs (event-stream heartbeats).
   */
  create(deps: Deps): {
    readonly handler: Handler<ApiEnv>;
    readonly before?: readonly MiddlewareHandler<ApiEnv>[];
    readonly close?: () => void;
  };
}

export interface UpgradeTransport {
  readonly technique: TechniqueId;
  readonly kind: 'upgrade';
}

export type Transport = HttpTransport | UpgradeTransport;
