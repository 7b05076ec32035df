/**
 * URLs of a channel's endpoints (docs/api-contract.md) with their query: the cursor (`after`,
 * `epoch`), technique settings (`timeout`) and the lab tag. Undefined values are left out.
 */
import { channelPath } from '../../protocol/routes.ts';
import { technique, type TechniqueId } from '../../protocol/techniques.ts';

export function channelUrl(
  channel: string,
  id: TechniqueId,
  query: Record<string, string | number | undefined> = {},
  /** The server's origin (`http://host:port`); omitted in a page, which talks to its own origin. */
  base?: string,
): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const search = params.size > 0 ? `?${params}` : '';
  const { segment, wire } = technique(id);
  const path = `${channelPath(channel, segment)}${search}`;
  if (wire !== 'websocket-frames') return base ? `${base}${path}` : path;
  // A WebSocket URL must be absolute; wss: on an https: page, or the browser blocks it as mixed content.
  if (base) return `${base.replace(/^http/, 'ws')}${path}`;
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${path}`;
}

const encoder = new TextEncoder();

/** Bytes of `text` in UTF-8, as it travelled (a JS string's length counts UTF-16 code units). */
export function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}

// #region backoff
/**
 * Wait before retry number `failures` (1, 2, …): doubling from 1 s up to 10 s, each wait shortened by
 * up to half at random, so that many clients dropped at once (a server restart) do not all come back
 * at once.
 */
export function backoffMs(failures: number): number {
  const ceiling = Math.min(10_000, 1000 * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling * (0.5 + Math.random() * 0.5));
}
// #endregion backoff
