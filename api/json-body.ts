// Reading a JSON request body, the same way for every route that takes one (publish, the lab's race).
import type { Context } from 'hono';
import { ApiError } from './errors.ts';

/**
 * The parsed body of a request sent as `Content-Type: application/json`. Only that type: form posts
 * and text/plain are "simple" requests a foreign page can send without a CORS preflight, so accepting
 * them would let any site act in the learner's name.
 */
export async function readJsonBody(c: Context, what: string): Promise<unknown> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
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
