/**
 * The lab API as the widgets use it (docs/api-contract.md, "The lab API"): a random id that tags this
 * page's own connections, and the calls that read their bytes or break them. The shapes are the
 * contract's own (protocol/lab.ts), so the page and the server cannot drift apart.
 */
import type {
  CutAnswer,
  GapAnswer,
  LabConnections,
  RaceSettings,
  RaceStart,
  RaceStatus,
  RestartAnswer,
  WirePage,
} from '../../../protocol/lab.ts';

export type {
  ByteCounts,
  ConnectionStats,
  LabConnections,
  RaceSettings,
  RaceStart,
  RaceStatus,
  TechniqueStats,
  WireEntry,
} from '../../../protocol/lab.ts';
export { labChannel } from '../../../protocol/lab.ts';
import { PublishError } from '../../client/websocket.ts';
import type { WidgetStrings } from '../../i18n/en/widgets.ts';
import type { Locale } from '../../i18n/locales.ts';
import { widgetWords } from './words.ts';

/** 128 random bits as 32 hex digits: the server hands a lab's capture to whoever knows its id. */
export function newLabId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A lab call that failed: the server's own sentence when it sent one, and its status (none: unreachable). */
export class LabError extends Error {
  readonly status: number | undefined;
  constructor(message: string, status?: number) {
    super(message);
    this.status = status;
  }
}

/** Fetches JSON from the lab API; an error carries the server's own sentence when it sent one. */
async function labJson<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { cache: 'no-store', ...init });
  } catch {
    throw new LabError('The server could not be reached (is it running?).');
  }
  const body = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
  if (!response.ok)
    throw new LabError(body?.error?.message ?? `The server answered ${response.status}.`, response.status);
  return body as T;
}

/** A failed lab call in the page's words (English keeps the server's own sentence). */
export function labErrorWords(common: WidgetStrings['common'], err: unknown): string {
  const e = err as Error;
  return common.labError(e.message, e instanceof LabError ? e.status : undefined);
}

/** A failed publish over the WebSocket in the page's words. */
export function publishErrorWords(lang: Locale, err: unknown): string {
  const e = err as Error;
  return e instanceof PublishError ? widgetWords(lang).common.publishFailed(e.code, e.message) : e.message;
}

export const labApi = {
  wire: (lab: string, after: number) => labJson<WirePage>(`/api/lab/${lab}/wire?after=${after}`),
  connections: (lab: string) => labJson<LabConnections>(`/api/lab/${lab}/connections`),
  cut: (lab: string) => labJson<CutAnswer>(`/api/lab/${lab}/cut`, { method: 'POST' }),
  restart: (lab: string) => labJson<RestartAnswer>(`/api/lab/${lab}/restart`, { method: 'POST' }),
  gap: (lab: string) => labJson<GapAnswer>(`/api/lab/${lab}/gap`, { method: 'POST' }),
  race: (lab: string, settings: RaceSettings) =>
    labJson<RaceStart>(`/api/lab/${lab}/race`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(settings),
    }),
  raceStatus: (lab: string) => labJson<RaceStatus>(`/api/lab/${lab}/race/status`),
  stopRace: (lab: string) => labJson<RaceStatus>(`/api/lab/${lab}/race/stop`, { method: 'POST' }),
};
