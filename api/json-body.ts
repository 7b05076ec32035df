// Reading a JSON request body, the same way for every route that takes one (publish, the lab's race).
import type { Context } from 'hono';
import { MAX_DATA_DEPTH } from '../protocol/messages.ts';
import { ApiError } from './errors.ts';

/**
 * The parsed body of a request sent as `Content-Type: application/json`. Only that type: form posts
 * and text/plain are "simple" requests a foreign page can send without a CORS preflight, so accepting
 * them would let any site act in the learner's name.
 */
export async function readJsonBody(c: Context, what: string): Promise<unknown> {
  if (!isJsonType(c.req.header('content-type'))) {
    throw new ApiError(
      'unsupported_media_type',
      `Send ${what} as Content-Type: application/json; got ${JSON.stringify(c.req.header('content-type') ?? 'none')}.`,
    );
  }
  try {
    return JSON.parse(await c.req.text());
  } catch {
    throw new ApiError('invalid_json', 'The request body is not valid JSON.');
  }
}

/** A Content-Type of application/json, parameters (charset) aside. */
export const isJsonType = (header: string | undefined): boolean =>
  (header ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';

/** How deeply a JSON value nests arrays and objects (0 for a scalar), counted without recursion. */
export function jsonDepth(value: unknown, stopAt = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (deepest > stopAt) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, level]);
  }
  return deepest;
}

/** Refuses event data nested deeper than MAX_DATA_DEPTH (400 invalid_body) before anything serializes it. */
export function checkDataDepth(data: unknown): void {
  if (jsonDepth(data, MAX_DATA_DEPTH) > MAX_DATA_DEPTH) {
    throw new ApiError('invalid_body', `"data" may nest arrays and objects at most ${MAX_DATA_DEPTH} levels deep.`);
  }
}
