// The server's side of the one error shape (protocol/errors.ts): an ApiError names a code, and its HTTP
// status comes from the contract's table, so a code can never be answered with two statuses.
import { STATUS_CODES } from 'node:http';
import { errorBody, type HttpErrorCode, statusOf } from '../protocol/errors.ts';
import { StoreUnavailableError } from './log/types.ts';

export { errorBody };

/** An API error thrown from deep inside a handler; the app's error handler turns it into a response. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: HttpErrorCode;
  readonly headers: Record<string, string>;
  constructor(code: HttpErrorCode, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = statusOf(code);
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
export function rawHttpError(err: ApiError): string {
  const body = JSON.stringify(errorBody(err.code, err.message));
  const head = [
    `HTTP/1.1 ${err.status} ${STATUS_CODES[err.status] ?? 'Error'}`,
    'Connection: close',
    // RFC 8259 §11 defines no charset parameter: JSON is UTF-8. The same type as every other JSON answer.
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...Object.entries(err.headers).map(([k, v]) => `${k}: ${v}`),
  ];
  return `${head.join('\r\n')}\r\n\r\n${body}`;
}
