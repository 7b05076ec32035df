// Compressed static files: the build writes a Brotli and a gzip copy of every HTML, CSS, JS, SVG and
// JSON file beside it (scripts/site-build.ts, `compressSite`); this module picks the copy a request's
// Accept-Encoding asks for (RFC 9110 §12.5.3, q-values included) and serves it from memory, with
// `Vary: Accept-Encoding` and an ETag of its own per encoding, so nothing is compressed per request.
// Only the static site goes through here: event streams, long-polls and WebSockets are never
// compressed, because a compressor buffers its input to find repeats, and a frame held back in its
// window arrives late (see the SSE lesson).
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Context, MiddlewareHandler } from 'hono';
import { getMimeType } from 'hono/utils/mime';

/** The codings the build writes, with their file suffix, in the server's order of preference. */
export const CODINGS = [
  { coding: 'br', suffix: '.br' },
  { coding: 'gzip', suffix: '.gz' },
] as const;
export type Coding = (typeof CODINGS)[number]['coding'] | 'identity';

/** The files worth compressing (text); images, fonts and Pagefind's fragments are compressed already. */
export const COMPRESSIBLE: ReadonlySet<string> = new Set(['.html', '.css', '.js', '.mjs', '.svg', '.json']);

/**
 * The file under `root` a URL path names, resolved as the static handler does (a folder's index.html),
 * or undefined for a path it would refuse: percent-escapes (left to it), `.` and `..` segments,
 * doubled or back slashes.
 */
export function fileUnder(root: string, urlPath: string): string | undefined {
  if (/[%\\]|\/\/|(?:^|\/)\.{1,2}(?:$|\/)/.test(urlPath)) return undefined;
  return join(root, urlPath.endsWith('/') ? `${urlPath}index.html` : urlPath);
}

/**
 * The coding to answer with, given the request's Accept-Encoding and the codings on disk. A coding
 * with q=0 is refused; `*` stands for every coding the header does not name; identity is acceptable
 * unless refused by name or by `*;q=0`, and ranks last when not named. The highest q wins, the server's order breaks ties, and a
 * compressed copy wins a tie with identity. No header at all: identity (RFC 9110 allows any, but a
 * client that says nothing may not decode anything).
 */
export function negotiateEncoding(header: string | undefined, available: readonly Coding[]): Coding {
  if (header === undefined || header.trim() === '') return 'identity';
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (name === '') continue;
    let weight = 1;
    for (const p of params) {
      const m = /^q=([01](?:\.\d{0,3})?)$/.exec(p);
      if (m) weight = Math.min(1, Number(m[1]));
    }
    // The same coding named twice: the first one counts (as most servers read it).
    if (!q.has(name)) q.set(name, weight);
  }
  const star = q.get('*');
  // Identity not named is acceptable but ranks last: a client that lists codings wants one of them.
  const weightOf = (coding: Coding) => q.get(coding) ?? star ?? (coding === 'identity' ? 0.001 : 0);
  let best: Coding = 'identity';
  let bestQ = weightOf('identity');
  for (const { coding } of CODINGS) {
    if (!available.includes(coding)) continue;
    const w = weightOf(coding);
    if (w > 0 && (w > bestQ || (w === bestQ && best === 'identity'))) {
      best = coding;
      bestQ = w;
    }
  }
  // Everything refused, identity too: identity anyway, which RFC 9110 lets a server send.
  return best;
}

interface Variant {
  readonly body: Uint8Array<ArrayBuffer>;
  readonly etag: string;
}

interface CachedFile {
  readonly key: string;
  readonly type: string;
  readonly lastModified: string;
  readonly variants: ReadonlyMap<Coding, Variant>;
  readonly bytes: number;
}

/** Whole files kept in memory, at most this many bytes over all variants; past it, files are read per request. */
const CACHE_MAX_BYTES = 64 * 2 ** 20;
const FILE_MAX_BYTES = 8 * 2 ** 20;

const etagOf = (body: Uint8Array) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;

function readVariant(path: string): Variant | undefined {
  try {
    // Copied once into a buffer of its own (Node's may sit in a shared pool), which Hono sends as it is.
    const body = new Uint8Array(readFileSync(path));
    return { body, etag: etagOf(body) };
  } catch {
    return undefined;
  }
}

/**
 * Serves a compressible file of `root` (a page's index.html, a script, a stylesheet…) in the coding
 * the request asks for. Anything else (other types, missing files, odd paths, other methods) goes on
 * to the next handler unchanged. `headersFor` adds the headers of the original file (its CSP).
 */
export function precompressedFiles(options: {
  readonly resolveFile: (c: Context) => string | undefined;
  readonly headersFor: (file: string) => Record<string, string>;
}): MiddlewareHandler {
  const cache = new Map<string, CachedFile>();
  let cachedBytes = 0;
  const load = (file: string): CachedFile | undefined => {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(file);
    } catch {
      return undefined;
    }
    if (!st.isFile() || st.size > FILE_MAX_BYTES) return undefined;
    // A stat per request: a rebuilt file is seen at once. Reading and hashing happen once per version.
    const key = `${st.size}:${st.mtimeMs}`;
    const hit = cache.get(file);
    if (hit?.key === key) return hit;
    const variants = new Map<Coding, Variant>();
    const identity = readVariant(file);
    if (!identity) return undefined;
    variants.set('identity', identity);
    for (const { coding, suffix } of CODINGS) {
      const v = readVariant(file + suffix);
      // A copy larger than the file is no help (the build does not write one, but an old one may linger).
      if (v && v.body.length < identity.body.length) variants.set(coding, v);
    }
    const bytes = [...variants.values()].reduce((s, v) => s + v.body.length, 0);
    const entry: CachedFile = {
      key,
      type: getMimeType(file) ?? 'application/octet-stream',
      lastModified: st.mtime.toUTCString(),
      variants,
      bytes,
    };
    if (hit) cachedBytes -= hit.bytes;
    if (cachedBytes + bytes <= CACHE_MAX_BYTES) {
      cache.set(file, entry);
      cachedBytes += bytes;
    } else cache.delete(file);
    return entry;
  };

  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const file = options.resolveFile(c);
    if (!file || !COMPRESSIBLE.has(extname(file))) return next();
    const entry = load(file);
    if (!entry) return next();
    const coding = negotiateEncoding(c.req.header('accept-encoding'), [...entry.variants.keys()]);
    const variant = entry.variants.get(coding)!;
    const headers: Record<string, string> = {
      ...options.headersFor(file),
      'Content-Type': entry.type,
      // Every answer of a negotiable file says so, the identity one too: a cache must not hand a
      // Brotli copy to a client that asked for none, nor the identity copy to every other client.
      Vary: 'Accept-Encoding',
      ETag: variant.etag,
      'Last-Modified': entry.lastModified,
    };
    if (coding !== 'identity') headers['Content-Encoding'] = coding;
    const inm = c.req.header('if-none-match');
    if (inm?.split(',').some((t) => t.trim() === variant.etag || t.trim() === '*')) return c.body(null, 304, headers);
    headers['Content-Length'] = String(variant.body.length);
    if (c.req.method === 'HEAD') return c.body(null, 200, headers);
    return c.body(variant.body, 200, headers);
  };
}
