// Static files answered straight from node:http, before Hono, from the same in-memory copies
// (content-encoding.ts). Measured with wrk on the home page (issue 15, `npm run bench`, rates): served
// through Hono's middleware (security headers, X-Instance-Id, the /_astro/ cache rule, the folder
// redirect, then the precompressed copy) the project answered 0.35× a bare node:http server sending
// the same bytes and headers; `node --cpu-prof` put the difference in the framework's request path (the
// fetch-style Request and Response, the middleware chain, the Response's headers copied onto the Node
// response) and a stat of the file per request, not in choosing or sending the copy.
//
// The same answer as the Hono path: the security headers (the file's own CSP in place of the base one),
// X-Instance-Id, the copy's headers (Content-Type, Vary, ETag, Last-Modified, Content-Encoding,
// Content-Length), 304 on a matching If-None-Match, and Cache-Control: immutable on a 200 under
// /_astro/. Whatever is not plain goes to `next` exactly as before: other methods, a query string,
// /api/ and /metrics, paths the static handler would refuse (fileUnder), files that are not
// compressible or not there (folders to redirect, the 404 page).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileUnder, type PrecompressedFiles } from './content-encoding.ts';
import type { Deps } from './context.ts';
import { BASE_HEADERS } from './security.ts';

type Listener = (req: IncomingMessage, res: ServerResponse) => unknown;

/** Astro puts a content hash in these file names, so they never change under the same URL. */
export const IMMUTABLE_PREFIX = '/_astro/';
export const IMMUTABLE = 'public, max-age=31536000, immutable';

export function withStaticFastPath(
  deps: Deps,
  site: { readonly root: string; readonly files: PrecompressedFiles },
  next: Listener,
): Listener {
  const base = Object.entries(BASE_HEADERS).filter(([name]) => name !== 'Content-Security-Policy');
  const instance = ['X-Instance-Id', deps.config.INSTANCE_ID] as const;
  // The whole head as a list, made once per variant's headers (and whether it is immutable).
  const heads = new WeakMap<object, { plain?: string[]; immutable?: string[] }>();
  const headOf = (headers: Readonly<Record<string, string>>, immutable: boolean): string[] => {
    let made = heads.get(headers);
    if (!made) heads.set(headers, (made = {}));
    const key = immutable ? 'immutable' : 'plain';
    let head = made[key];
    if (!head) {
      head = [];
      for (const [name, value] of base) head.push(name, value);
      head.push(instance[0], instance[1]);
      for (const name in headers) head.push(name, headers[name]!);
      if (immutable) head.push('Cache-Control', IMMUTABLE);
      made[key] = head;
    }
    return head;
  };
  return (req, res) => {
    const url = req.url ?? '';
    const method = req.method;
    if ((method !== 'GET' && method !== 'HEAD') || url.includes('?') || url.startsWith('/api/') || url === '/api')
      return next(req, res);
    if (url === '/metrics' || url.startsWith('/metrics/')) return next(req, res);
    const file = fileUnder(site.root, url);
    const answer =
      file &&
      site.files.answer(
        method,
        file,
        req.headers['accept-encoding'],
        req.headers['if-none-match'] as string | undefined,
      );
    if (!answer) return next(req, res);
    res.writeHead(answer.status, headOf(answer.headers, answer.status === 200 && url.startsWith(IMMUTABLE_PREFIX)));
    res.end(answer.body ?? undefined);
  };
}
