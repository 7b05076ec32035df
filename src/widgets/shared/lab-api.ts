/**
 * The lab API as the widgets use it (README, "The lab API"): a random id that tags this page's own
 * connections, and the calls that read their bytes or break them.
 */

/** 128 random bits as 32 hex digits: the server hands a lab's capture to whoever knows its id. */
export function newLabId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const labChannel = (lab: string) => `lab-${lab}`;

// The shapes the server sends, imported as types only (erased at build): they cannot drift apart.
import type { ByteCounts, ConnectionStats, TechniqueStats, WireEntry } from '../../../api/lab/capture.ts';
import type { RaceSettings, RaceStatus } from '../../../api/lab/race.ts';

export type { ByteCounts, ConnectionStats, RaceSettings, RaceStatus, TechniqueStats, WireEntry };

export interface LabConnections {
  live: number;
  peakLive: number;
  connections: ConnectionStats[];
  totals: { up: ByteCounts; down: ByteCounts };
  /** Keyed by the server's technique names: poll, long-poll, sse, websocket. */
  byTechnique: Partial<Record<string, TechniqueStats>>;
}

/** The answer to starting a race: where its events begin, and when (server clock). */
export interface RaceStart {
  channel: string;
  epoch: string;
  after: number;
  startsAt: number;
  endsAt: number;
  planned: number;
}

export interface WirePage {
  entries: WireEntry[];
  next: number;
  dropped: number;
}

/** Fetches JSON from the lab API; an error carries the server's own sentence when it sent one. */
async function labJson<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { cache: 'no-store', ...init });
  } catch {
    throw new Error('The server could not be reached (is it running?).');
  }
  const body = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
  if (!response.ok) throw new Error(body?.error?.message ?? `The server answered ${response.status}.`);
  return body as T;
}

export const labApi = {
  wire: (lab: string, after: number) => labJson<WirePage>(`/api/lab/${lab}/wire?after=${after}`),
  connections: (lab: string) => labJson<LabConnections>(`/api/lab/${lab}/connections`),
  cut: (lab: string) => labJson<{ dropped: number; armed: boolean }>(`/api/lab/${lab}/cut`, { method: 'POST' }),
  restart: (lab: string) => labJson<{ epoch: string; dropped: number }>(`/api/lab/${lab}/restart`, { method: 'POST' }),
  gap: (lab: string) =>
    labJson<{ published: number; retention: number; dropped: number }>(`/api/lab/${lab}/gap`, { method: 'POST' }),
  race: (lab: string, settings: RaceSettings) =>
    labJson<RaceStart>(`/api/lab/${lab}/race`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(settings),
    }),
  raceStatus: (lab: string) => labJson<RaceStatus>(`/api/lab/${lab}/race/status`),
  stopRace: (lab: string) => labJson<RaceStatus>(`/api/lab/${lab}/race/stop`, { method: 'POST' }),
};
