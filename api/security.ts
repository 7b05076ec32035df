// Security headers. The Content-Security-Policy of a page allows exactly the inline scripts that page
// contains (by SHA-256 hash, computed from the built HTML the first time it is served), so the site works
// under the policy without a blanket 'unsafe-inline' for scripts.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { HttpBindings } from '@hono/node-server';
import type { MiddlewareHandler } from 'hono';

/** Headers for every response, API included. */
export const BASE_HEADERS: Readonly<Record<string, string>> = {
  // Browsers must not guess a type: a JSON error must never be sniffed into HTML.
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  // Legacy twin of frame-ancestors for browsers that predate CSP level 2.
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  // Non-HTML responses need no sources at all; a page gets its own policy below.
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
};

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;

/** 'sha256-…' sources for every inline script of an HTML document, hashed over its exact text. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const m of html.matchAll(INLINE_SCRIPT)) {
    const body = m[1]!;
    if (body.trim() === '') continue;
    hashes.add(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  return [...hashes].sort();
}

/**
 * Static files other than pages. A script file may become a Worker (the search index runs in one), and a
 * worker obeys the CSP its own file was served with: it needs to fetch the index and run WebAssembly.
 */
export const ASSET_POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; frame-ancestors 'none'";

export function pagePolicy(html: string): string {
  return [
    "default-src 'self'",
    // 'wasm-unsafe-eval' lets the search index (Pagefind) compile its WebAssembly; it allows no JS eval.
    `script-src 'self' ${inlineScriptHashes(html).join(' ')} 'wasm-unsafe-eval'`.replace(/\s+/g, ' '),
    // Highlighted code (Shiki) colours tokens with style attributes, which hashes cannot cover.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    // 'self' covers ws:// and wss:// to this same host (CSP level 3).
    "connect-src 'self'",
    // The exercises' sandbox: the learner's code runs in a module Worker made from a Blob URL. A blob
    // worker inherits this policy, so it too connects to this origin only and can eval nothing.
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Computes each HTML file's policy once per version of the file (keyed by path, size and mtime). */
export class PagePolicyCache {
  private readonly cache = new Map<string, { key: string; policy: string }>();

  policyFor(file: string): string {
    const st = statSync(file);
    const key = `${st.size}:${st.mtimeMs}`;
    const hit = this.cache.get(file);
    if (hit && hit.key === key) return hit.policy;
    const policy = pagePolicy(readFileSync(file, 'utf8'));
    this.cache.set(file, { key, policy });
    return policy;
  }
}

/**
 * Sets the base headers on Node's response before any handler runs, so that they also reach responses
 * written straight to the socket (an SSE stream); a page's own CSP, set on its Response, overrides the
 * base one because writeHead's headers win over setHeader's.
 */
export function securityHeaders(): MiddlewareHandler<{ Bindings: HttpBindings }> {
  return async (c, next) => {
    for (const [name, value] of Object.entries(BASE_HEADERS)) c.env.outgoing.setHeader(name, value);
    await next();
  };
}
