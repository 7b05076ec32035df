/**
 * URLs of a channel's endpoints (shared/api-contract.md) with their query: the cursor (`after`,
 * `epoch`), technique settings (`timeout`) and the lab tag. Undefined values are left out.
 */
export type Endpoint = 'poll' | 'long-poll' | 'sse' | 'ws';

export function channelUrl(
  channel: string,
  endpoint: Endpoint,
  query: Record<string, string | number | undefined> = {},
): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const search = params.size > 0 ? `?${params}` : '';
  const path = `/api/channels/${encodeURIComponent(channel)}/${endpoint}${search}`;
  if (endpoint !== 'ws') return path;
  // A WebSocket URL must be absolute; wss: on an https: page, or the browser blocks it as mixed content.
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
