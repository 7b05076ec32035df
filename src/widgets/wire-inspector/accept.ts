/**
 * Sec-WebSocket-Accept, recomputed in the page step by step (RFC 6455 §4.2.2, item 5.4): the server
 * proves it read this handshake by hashing the client's random key with a fixed GUID.
 */
export const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export interface AcceptSteps {
  key: string;
  joined: string;
  sha1Hex: string;
  accept: string;
}

export async function acceptSteps(key: string): Promise<AcceptSteps> {
  // crypto.subtle exists only in secure contexts: https, or http on localhost / 127.0.0.1.
  if (!globalThis.crypto?.subtle) {
    throw new Error(
      'This page is not a secure context (plain http on an address other than localhost), so the browser hides crypto.subtle and the value cannot be recomputed here.',
    );
  }
  const joined = key + WS_GUID;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', new TextEncoder().encode(joined)));
  return {
    key,
    joined,
    sha1Hex: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(' '),
    accept: btoa(String.fromCharCode(...digest)),
  };
}

/** A header's value in a captured head, or undefined. */
export function headerValue(head: string, name: string): string | undefined {
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === name.toLowerCase())
      return line.slice(colon + 1).trim();
  }
  return undefined;
}
