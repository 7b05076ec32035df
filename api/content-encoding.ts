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

/** A variant's answer headers, made once per version of the file: a 200's, and a 304's (no Content-Length). */
interface VariantHeads {
  readonly ok: Readonly<Record<string, string>>;
  readonly notModified: Readonly<Record<string, string>>;
}

interface CachedFile {
  readonly key: string;
  readonly type: string;
  readonly lastModified: string;
  readonly variants: ReadonlyMap<Coding, Variant & VariantHeads>;
  readonly codings: readonly Coding[];
  readonly bytes: number;
  /** When the file was last stat'ed (ms since epoch). */
  checkedAt: number;
}

/** Whole files kept in memory, at most this many bytes over all variants; past it, files are read per request. */
const CACHE_MAX_BYTES = 64 * 2 ** 20;
const FILE_MAX_BYTES = 8 * 2 ** 20;
/**
 * A cached file is stat'ed again at most this often: a rebuilt file is served within this time. A stat
 * per request cost more than the rest of a static answer on the fast path (`node --cpu-prof` under wrk).
 */
const RECHECK_MS = 1000;

const etagOf = (body: Uint8Array) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;

function readVariant(path: string): Variant | undefined {
  try {
    // Copied once into a buffer of its own (Node's may sit in a shared pool), which is sent as it is.
    const body = new Uint8Array(readFileSync(path));
    return { body, etag: etagOf(body) };
  } catch {
    return undefined;
  }
}

/**
 * One static answer: status, headers (names as sent) and the body, none for a 304 or a HEAD. The same
 * headers object is handed out for every answer of a variant's version: read it, do not change it.
 */
export interface StaticAnswer {
  readonly status: 200 | 304;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array<ArrayBuffer> | null;
}

/** Accept-Encoding values seen, with the coding each chose (per set of codings on disk), at most this many. */
const NEGOTIATED_MAX = 256;

/**
 * The compressible files of a site, read, hashed and kept in memory per version of the file, and the
 * answer to a GET or HEAD for one: the coding the request asks for, Vary, its ETag (304 when it
 * matches), Last-Modified and Content-Length, with the file's own headers (`headersFor`, its CSP).
 */
export class PrecompressedFiles {
  private readonly cache = new Map<string, CachedFile>();
  private cachedBytes = 0;
  /**
   * negotiateEncoding's choice per Accept-Encoding value: browsers send a handful of values, and parsing
   * one per request was the largest part of a static answer left in the profile after the fast path.
   */
  private readonly negotiated = new Map<string, Coding>();
  private readonly headersFor: (file: string) => Record<string, string>;

  constructor(headersFor: (file: string) => Record<string, string>) {
    this.headersFor = headersFor;
  }

  private load(file: string): CachedFile | undefined {
    const hit = this.cache.get(file);
    const now = Date.now();
    if (hit && now - hit.checkedAt < RECHECK_MS) return hit;
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(file);
    } catch {
      return undefined;
    }
    if (!st.isFile() || st.size > FILE_MAX_BYTES) return undefined;
    // Reading and hashing happen once per version of the file.
    const key = `${st.size}:${st.mtimeMs}`;
    if (hit?.key === key) {
      hit.checkedAt = now;
      return hit;
    }
    const read = new Map<Coding, Variant>();
    const identity = readVariant(file);
    if (!identity) return undefined;
    read.set('identity', identity);
    for (const { coding, suffix } of CODINGS) {
      const v = readVariant(file + suffix);
      // A copy larger than the file is no help (the build does not write one, but an old one may linger).
      if (v && v.body.length < identity.body.length) read.set(coding, v);
    }
    const own = this.headersFor(file);
    const type = getMimeType(file) ?? 'application/octet-stream';
    const lastModified = st.mtime.toUTCString();
    const variants = new Map<Coding, Variant & VariantHeads>();
    for (const [coding, v] of read) {
      const notModified: Record<string, string> = {
        ...own,
        'Content-Type': type,
        // Every answer of a negotiable file says so, the identity one too: a cache must not hand a
        // Brotli copy to a client that asked for none, nor the identity copy to every other client.
        Vary: 'Accept-Encoding',
        ETag: v.etag,
        'Last-Modified': lastModified,
      };
      if (coding !== 'identity') notModified['Content-Encoding'] = coding;
      const ok = { ...notModified, 'Content-Length': String(v.body.length) };
      variants.set(coding, { ...v, ok, notModified });
    }
    const bytes = [...variants.values()].reduce((s, v) => s + v.body.length, 0);
    const entry: CachedFile = {
      key,
      type,
      lastModified,
      variants,
      codings: [...variants.keys()],
      bytes,
      checkedAt: now,
    };
    if (hit) this.cachedBytes -= hit.bytes;
    if (this.cachedBytes + bytes <= CACHE_MAX_BYTES) {
      this.cache.set(file, entry);
      this.cachedBytes += bytes;
    } else this.cache.delete(file);
    return entry;
  }

  /** The answer for `file`, or undefined when it is not one of these (other types, missing, too large). */
  answer(
    method: 'GET' | 'HEAD',
    file: string,
    acceptEncoding: string | undefined,
    ifNoneMatch: string | undefined,
  ): StaticAnswer | undefined {
    if (!COMPRESSIBLE.has(extname(file))) return undefined;
    const entry = this.load(file);
    if (!entry) return undefined;
    const variant = entry.variants.get(this.coding(acceptEncoding, entry.codings))!;
    if (ifNoneMatch?.split(',').some((t) => t.trim() === variant.etag || t.trim() === '*'))
      return { status: 304, headers: variant.notModified, body: null };
    return { status: 200, headers: variant.ok, body: method === 'HEAD' ? null : variant.body };
  }

  private coding(header: string | undefined, available: readonly Coding[]): Coding {
    if (header === undefined) return negotiateEncoding(header, available);
    const key = `${available.join()}|${header}`;
    let coding = this.negotiated.get(key);
    if (coding === undefined) {
      coding = negotiateEncoding(header, available);
      if (this.negotiated.size >= NEGOTIATED_MAX) this.negotiated.clear();
      this.negotiated.set(key, coding);
    }
    return coding;
  }
}

/**
 * Serves a compressible file of `root` (a page's index.html, a script, a stylesheet…) in the coding
 * the request asks for. Anything else (other types, missing files, odd paths, other methods) goes on
 * to the next handler unchanged.
 */
export function precompressedFiles(options: {
  readonly resolveFile: (c: Context) => string | undefined;
  readonly files: PrecompressedFiles;
}): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    if (method !== 'GET' && method !== 'HEAD') return next();
    const file = options.resolveFile(c);
    const answer =
      file && options.files.answer(method, file, c.req.header('accept-encoding'), c.req.header('if-none-match'));
    if (!answer) return next();
    if (answer.body === null) return c.body(null, answer.status, { ...answer.headers });
    return c.body(answer.body, 200, { ...answer.headers });
  };
}
