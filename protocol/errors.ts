// Every error code the server uses, with the status it answers over HTTP. The server's ApiError takes
// a code and reads its status here, the metrics count rejections by these codes, and the API reference
// renders this table: one definition (docs/api-contract.md, "Errors").

export interface ErrorCodeInfo {
  /** The HTTP status of an answer with this code; null when it never comes as an HTTP answer. */
  readonly status: number | null;
  /** How it reaches the client when not as an HTTP answer (a WebSocket close code, a message, a drop). */
  readonly otherwise?: string;
  readonly meaning: string;
}

export const ERROR_CODES = {
  invalid_channel: { status: 400, meaning: 'The channel name does not match `^[a-z0-9][a-z0-9-]{0,63}$`.' },
  invalid_cursor: {
    status: 400,
    meaning: '`after` is not plain decimal digits (`1e3`, `-1`, `0x10` are refused), or `epoch` is not a string.',
  },
  invalid_json: { status: 400, meaning: 'The request body (or a WebSocket message) is not valid JSON.' },
  invalid_body: {
    status: 400,
    meaning: 'The body is not an object with a `data` field, or `data` nests more than 64 levels deep.',
  },
  invalid_timeout: { status: 400, meaning: '`timeout` is not an integer.' },
  invalid_limit: { status: 400, meaning: '`limit` is not an integer.' },
  unsupported_media_type: {
    status: 415,
    meaning: 'A publish (or a race) without `Content-Type: application/json`.',
  },
  payload_too_large: { status: 413, meaning: 'The body or the event data is too large.' },
  read_only_channel: { status: 403, meaning: 'Only the server publishes to `ticker`.' },
  rate_limited: { status: 429, meaning: 'Too many publishes from your address; wait `Retry-After` seconds.' },
  too_many_connections: {
    status: 429,
    otherwise: 'WebSocket close 1013 when the limit is reached during the handshake',
    meaning: 'Too many held connections (SSE, WebSocket, long polls) from your address.',
  },
  origin_not_allowed: { status: 403, meaning: 'A WebSocket from a page on another origin.' },
  invalid_handshake: {
    status: 400,
    meaning:
      'A WebSocket handshake that is not one: `Upgrade` other than `websocket`, a malformed `Sec-WebSocket-Key`, a `Sec-WebSocket-Version` other than 13 or 8, or a header ws cannot parse.',
  },
  message_too_large: {
    status: null,
    otherwise: 'WebSocket close 1009',
    meaning: 'A WebSocket message over the size limit; the socket is closed.',
  },
  unknown_message: {
    status: null,
    otherwise: 'WebSocket error message',
    meaning: 'A WebSocket frame that is binary or not a known message type; the socket stays open.',
  },
  slow_consumer: {
    status: null,
    otherwise: 'connection dropped',
    meaning: 'The client read too slowly and its unsent data passed the limit; reconnect and resume.',
  },
  heartbeat_timeout: {
    status: null,
    otherwise: 'WebSocket terminated',
    meaning: 'The client missed a ping; the server closed the socket.',
  },
  shutting_down: { status: 503, meaning: 'The server is stopping; retry in a moment.' },
  not_found: {
    status: 404,
    meaning: 'No API route at that path, no WebSocket endpoint there (a handshake), or no race for that lab.',
  },
  method_not_allowed: { status: 405, meaning: 'Wrong method; the `Allow` header names the right one.' },
  upgrade_required: { status: 426, meaning: 'A plain GET on the WebSocket URL.' },
  too_many_channels: {
    status: null,
    otherwise: 'reserved',
    meaning:
      'Counted in /metrics for when the server refuses a new channel; it never does: reading creates no channel, and publishing, which does, is rate-limited.',
  },
  invalid_lab_id: { status: 400, meaning: 'A lab id that is not 32 lowercase hex digits.' },
  gap_unavailable: { status: 409, meaning: 'The lab could not provoke a gap (see the message).' },
  invalid_race: { status: 400, meaning: 'A race setting out of range (the message names it and its range).' },
  race_busy: {
    status: 503,
    meaning: 'The server runs as many races as it allows at once; retry after `Retry-After` seconds.',
  },
  fault_unavailable: {
    status: 503,
    meaning:
      'A lab fault plan answered this request on purpose (`POST /api/lab/:id/refuse`): retry after `Retry-After` seconds.',
  },
  fault_rate_limited: {
    status: 429,
    meaning:
      'A lab fault plan answered this request on purpose (`POST /api/lab/:id/refuse`): wait `Retry-After` seconds before the next one.',
  },
  invalid_fault: {
    status: 400,
    meaning: 'A lab publish or refusal plan out of range (the message names the setting and its range).',
  },
  store_unavailable: {
    status: 503,
    meaning: 'The shared store (Redis) is unreachable; retry after `Retry-After` seconds. Nothing was published.',
  },
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;
/** The codes an HTTP answer can carry. */
export type HttpErrorCode = {
  [K in ErrorCode]: (typeof ERROR_CODES)[K]['status'] extends number ? K : never;
}[ErrorCode];

export const ERROR_CODE_IDS = Object.keys(ERROR_CODES) as ErrorCode[];

export function statusOf(code: HttpErrorCode): number {
  return ERROR_CODES[code].status;
}

/** The one error shape of the API: `{"error":{"code":"<snake_case>","message":"<human sentence>"}}`. */
export interface ErrorBody {
  error: { code: ErrorCode | 'internal_error'; message: string };
}

export function errorBody(code: ErrorCode | 'internal_error', message: string): ErrorBody {
  return { error: { code, message } };
}
