// Every route the server answers, with its method: the server mounts its 405 answers from this table,
// and the API reference must document each entry (src/lib/api-reference.ts checks it at build time).
import { TECHNIQUES, type TechniqueId } from './techniques.ts';

export interface Route {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  /** The technique this route delivers events with, if it is one. */
  readonly technique?: TechniqueId;
  readonly group: 'channel' | 'lab' | 'service';
}

/** The path of a technique's endpoint for one channel (`:channel` in the route table). */
export const channelPath = (channel: string, segment: string) =>
  `/api/channels/${encodeURIComponent(channel)}/${segment}`;

export const LAB_ROUTES = [
  { method: 'GET', path: '/api/lab/:id/wire', group: 'lab' },
  { method: 'GET', path: '/api/lab/:id/connections', group: 'lab' },
  { method: 'POST', path: '/api/lab/:id/cut', group: 'lab' },
  { method: 'POST', path: '/api/lab/:id/restart', group: 'lab' },
  { method: 'POST', path: '/api/lab/:id/gap', group: 'lab' },
  { method: 'POST', path: '/api/lab/:id/race', group: 'lab' },
  { method: 'GET', path: '/api/lab/:id/race/status', group: 'lab' },
  { method: 'POST', path: '/api/lab/:id/race/stop', group: 'lab' },
  { method: 'POST', path: '/api/lab/:id/exercise', group: 'lab' },
  { method: 'POST', path: '/api/lab/:id/publish', group: 'lab' },
  { method: 'POST', path: '/api/lab/:id/refuse', group: 'lab' },
  { method: 'POST', path: '/api/lab/:id/repeat', group: 'lab' },
  { method: 'POST', path: '/api/lab/:id/drop-ack', group: 'lab' },
  { method: 'GET', path: '/api/lab/:id/requests', group: 'lab' },
  { method: 'GET', path: '/api/lab/:id/log', group: 'lab' },
] as const satisfies readonly Route[];

export const ROUTES: readonly Route[] = [
  { method: 'GET', path: '/api/health', group: 'service' },
  { method: 'GET', path: '/api/time', group: 'service' },
  { method: 'GET', path: '/api/openapi.json', group: 'service' },
  { method: 'POST', path: '/api/channels/:channel/events', group: 'channel' },
  ...TECHNIQUES.map(
    (t): Route => ({
      method: t.method,
      path: `/api/channels/:channel/${t.segment}`,
      technique: t.id,
      group: 'channel',
    }),
  ),
  { method: 'GET', path: '/metrics', group: 'service' },
  ...LAB_ROUTES,
];
