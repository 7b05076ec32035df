// The lab as the rest of the server sees it: api/server.ts builds it once from the configuration and
// the server's shared parts, and hands out what each place needs (the registry to Deps, the tap and
// the routes to the Hono app, the upgrade tap and the tick to the Node server). Nothing outside
// api/lab/ imports another file of it.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { HttpBindings } from '@hono/node-server';
import type { Hono, MiddlewareHandler } from 'hono';
import type { Config } from '../config.ts';
import type { Deps } from '../context.ts';
import { tickLabs } from './lab-channel.ts';
import { LabRegistry } from './registry.ts';
import { labRoutes } from './routes.ts';
import { labHttpTap, labUpgradeTap } from './tagged-requests.ts';

export type { LabRegistry } from './registry.ts';

type Env = { Bindings: HttpBindings };

/** What the lab uses of the rest of the server. */
export type LabServices = Pick<Deps, 'store' | 'metrics' | 'publishLimiter'>;

export interface LabBackend {
  /** The labs held now: `Deps.labs`. */
  readonly registry: LabRegistry;
  /** Middleware for `/api/channels/:channel/*`, after the channel check: taps requests with `?lab=`. */
  readonly httpTap: MiddlewareHandler<Env>;
  /** Mounts `/api/lab/:id/…` on the app. */
  mount(app: Hono<Env>): void;
  /** A WebSocket upgrade, before the transport: true when the lab dealt with it (refused, or cut). */
  upgradeTap(req: IncomingMessage, socket: Duplex): boolean;
  /** One tick on the private channel of every lab in use, once per TICK_MS; never rejects. */
  tick(): Promise<void>;
  /** Drops every lab (a running race stops) and stops the idle sweep. */
  close(): void;
}

export function createLabBackend(config: Config, services: LabServices): LabBackend {
  const registry = new LabRegistry({
    maxLabs: config.LAB_MAX_IDS,
    captureBytes: config.LAB_CAPTURE_BYTES,
    maxEntries: config.LAB_MAX_ENTRIES,
    maxConnections: config.LAB_MAX_CONNECTIONS,
    idleMs: config.CHANNEL_IDLE_MS,
  });
  const context = { config, ...services, labs: registry };
  return {
    registry,
    httpTap: labHttpTap(registry),
    mount: (app) => labRoutes(app, context),
    upgradeTap: (req, socket) => labUpgradeTap(registry, services.metrics, req, socket),
    tick: () => tickLabs(services, registry.active(config.LAB_ACTIVE_MS)),
    close: () => registry.close(),
  };
}
