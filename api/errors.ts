// The one error shape of the API: {"error":{"code":"<snake_case>","message":"<human sentence>"}}.
import { STATUS_CODES } from 'node:http';
import { StoreUnavailableError } from './log/types.ts';
import type { RejectionReason } from './metrics.ts';

export interface ApiErrorBody {
  error: { code: string; message: string };
}

export function errorBody(code: RejectionReason | 'internal_error', message: string): ApiErrorBody {
  return { error: { code, message } };
}

/** An API error thrown from deep inside a handler; the app's error handler turns it into a response. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: RejectionReason;
  readonly headers: Record<string, string>;
  constructor(status: number, code: RejectionReason, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

/**
 * The errors a client is told about, as ApiErrors; undefined for anything else (a bug: 500, logged).
 * A store that cannot reach its backing service is a 503 the client can retry, not a 500.
 */
export function asApiError(err: unknown): ApiError | undefined {
  if (err instanceof ApiError) return err;
  if (err instanceof StoreUnavailableError) {
    return new ApiError(
      503,
      'store_unavailable',
      'The shared store (Redis) cannot be reached right now; nothing was published or read. Retry in a few seconds.',
      { 'Retry-After': '2' },
    );
  }
  return undefined;
}

/**
 * A refusal written straight onto a socket, for upgrade requests: before the handshake there is no
 * response object, only the raw TCP connection.
 */
export function rawHttpError(
  status: number,
  code: RejectionReason,
  message: string,
  headers: Record<string, string> = {},
): string {
  const body = JSON.stringify(errorBody(code, message));
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Connection: close',
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  return `${head.join('\r\n')}\r\n\r\n${body}`;
}
