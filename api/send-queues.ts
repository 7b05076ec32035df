// How many bytes each of the server's TCP connections still has in the kernel, not yet acknowledged by
// its client (Linux's /proc/net/tcp and /proc/net/tcp6, column tx_queue). Node says only what it has
// queued itself; a slow reader's answer usually sits in the kernel's send buffer instead (autotuned up
// to megabytes), where Node sees nothing. Elsewhere than Linux this finds nothing, and the stall
// watchdog (sockets.ts) falls back to what Node has queued.
import { readFile } from 'node:fs/promises';
import { isIPv4 } from 'node:net';

/** An address as the 32 hex digits of its 16 bytes (an IPv4 address as IPv4-mapped IPv6), for lookups. */
export function addressKey(address: string): string | undefined {
  const v4 = address.startsWith('::ffff:') && isIPv4(address.slice(7)) ? address.slice(7) : address;
  if (isIPv4(v4)) {
    return `00000000000000000000ffff${v4
      .split('.')
      .map((b) => Number(b).toString(16).padStart(2, '0'))
      .join('')}`;
  }
  const zone = address.indexOf('%');
  const bare = zone >= 0 ? address.slice(0, zone) : address;
  const [head = '', tail] = bare.split('::');
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const fill = tail === undefined ? 0 : 8 - left.length - right.length;
  if (fill < 0) return undefined;
  const all = [...left, ...Array<string>(fill).fill('0'), ...right];
  if (all.length !== 8 || all.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  return all.map((g) => g.toLowerCase().padStart(4, '0')).join('');
}

/** /proc prints each 32-bit word of an address as a little-endian number: its bytes, reversed. */
function procAddressKey(hex: string): string {
  let out = '';
  for (let w = 0; w < hex.length; w += 8) {
    const word = hex.slice(w, w + 8);
    out += word.slice(6, 8) + word.slice(4, 6) + word.slice(2, 4) + word.slice(0, 2);
  }
  return (hex.length === 8 ? `00000000000000000000ffff${out}` : out).toLowerCase();
}

/** `<address key>:<port>` of a client, as the table below is keyed. */
export const peerKey = (address: string, port: number): string | undefined => {
  const key = addressKey(address);
  return key === undefined ? undefined : `${key}:${port}`;
};

/**
 * Bytes not yet acknowledged per client of the server listening on `port`, keyed by peerKey; undefined
 * when the kernel does not say (not Linux, or /proc unreadable).
 */
export async function kernelSendQueues(port: number): Promise<Map<string, number> | undefined> {
  const texts = await Promise.all(
    ['/proc/net/tcp', '/proc/net/tcp6'].map((f) => readFile(f, 'latin1').catch(() => undefined)),
  );
  if (texts.every((t) => t === undefined)) return undefined;
  const local = `:${port.toString(16).toUpperCase().padStart(4, '0')} `;
  const queues = new Map<string, number>();
  for (const text of texts) {
    if (!text) continue;
    for (const line of text.split('\n')) {
      // "  12: 0100007F:10E1 0100007F:D3C2 01 00000F00:00000000 …": local, remote, state, tx:rx queues
      if (!line.includes(local)) continue;
      const f = line.trim().split(/\s+/);
      const [localAddr = '', remote = '', , queuesField = ''] = f.slice(1);
      if (!localAddr.endsWith(local.trim())) continue;
      const colon = remote.indexOf(':');
      const tx = Number.parseInt(queuesField.slice(0, queuesField.indexOf(':')), 16);
      if (colon < 0 || !Number.isFinite(tx)) continue;
      queues.set(`${procAddressKey(remote.slice(0, colon))}:${Number.parseInt(remote.slice(colon + 1), 16)}`, tx);
    }
  }
  return queues;
}
