// Query parameters shared by the techniques, parsed strictly (shared/api-contract.md, "Details").
import { ApiError } from '../errors.ts';
import { parseAfter, type Cursor } from '../log/cursor.ts';

export function cursorFromQuery(query: (name: string) => string | undefined): Cursor {
  const after = parseAfter(query('after'));
  if (after === 'invalid') {
    throw new ApiError(
      400,
      'invalid_cursor',
      `"after" must be a non-negative integer in plain decimal digits; got ${JSON.stringify(query('after'))}.`,
    );
  }
  const epoch = query('epoch');
  return { after, epoch: epoch === '' ? undefined : epoch };
}

/** An optional integer parameter; `clamp` keeps it within [min, max] instead of refusing it. */
export function intFromQuery(
  raw: string | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
  code: 'invalid_limit' | 'invalid_timeout',
): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d{1,15}$/.test(raw))
    throw new ApiError(400, code, `"${name}" must be an integer; got ${JSON.stringify(raw)}.`);
  return Math.min(max, Math.max(min, Number(raw)));
}
