// Splits the bytes a server writes on one HTTP/1.1 connection into what the wire inspector shows and
// counts: message heads, body payload, and the framing of chunked transfer coding (RFC 9112 §7.1),
// which Node uses for every response without a Content-Length (an SSE stream, for one).

export interface HttpHead {
  readonly text: string;
  readonly bytes: number;
  readonly status: number;
}

export interface HttpPiece {
  /** Heads completed by this chunk (a keep-alive connection carries one response after another). */
  readonly heads: HttpHead[];
  /** Body bytes as the application sees them, chunk framing removed. */
  readonly payload: Buffer;
  /** Chunk-size lines, their CRLFs and the last-chunk: bytes on the wire that are neither head nor payload. */
  readonly framingBytes: number;
  /** Bytes after a `101 Switching Protocols` head: no longer HTTP (a WebSocket's frames). */
  readonly upgraded: Buffer;
}

type State =
  | { kind: 'head' }
  | { kind: 'fixed'; left: number }
  | { kind: 'chunk-size' }
  | { kind: 'chunk-data'; left: number }
  | { kind: 'chunk-end'; left: number }
  | { kind: 'trailers' }
  | { kind: 'until-close' }
  | { kind: 'upgraded' };

const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');
/** A head longer than this is not one our server writes: stop parsing rather than buffer without end. */
const MAX_HEAD_BYTES = 65_536;

function header(head: string, name: string): string | undefined {
  const m = new RegExp(`^${name}:[ \\t]*(.*?)[ \\t]*$`, 'im').exec(head);
  return m?.[1];
}

/** Responses that never have a body (RFC 9110 §6.4.1), whatever their headers say. */
const bodiless = (status: number) => (status >= 100 && status < 200) || status === 204 || status === 304;

export class HttpResponseStream {
  private state: State = { kind: 'head' };
  private pending = Buffer.alloc(0);

  push(chunk: Uint8Array): HttpPiece {
    const heads: HttpHead[] = [];
    const payload: Buffer[] = [];
    let framingBytes = 0;
    let upgraded = Buffer.alloc(0);
    let data = Buffer.concat([this.pending, chunk]);
    this.pending = Buffer.alloc(0);

    while (data.length > 0) {
      const s = this.state;
      if (s.kind === 'upgraded') {
        upgraded = data;
        break;
      }
      if (s.kind === 'until-close') {
        payload.push(data);
        break;
      }
      if (s.kind === 'fixed' || s.kind === 'chunk-data') {
        const piece = data.subarray(0, s.left);
        payload.push(piece);
        data = data.subarray(piece.length);
        const left = s.left - piece.length;
        if (left > 0) this.state = { ...s, left };
        else this.state = s.kind === 'fixed' ? { kind: 'head' } : { kind: 'chunk-end', left: 2 };
        continue;
      }
      if (s.kind === 'chunk-end') {
        const n = Math.min(s.left, data.length);
        framingBytes += n;
        data = data.subarray(n);
        this.state = s.left - n > 0 ? { kind: 'chunk-end', left: s.left - n } : { kind: 'chunk-size' };
        continue;
      }
      // Line-based states: wait for the whole line (or head).
      const end = s.kind === 'head' ? data.indexOf(HEAD_END) : data.indexOf(CRLF);
      if (end < 0) {
        if (data.length > MAX_HEAD_BYTES) this.state = { kind: 'until-close' };
        else this.pending = data;
        break;
      }
      if (s.kind === 'head') {
        const bytes = end + HEAD_END.length;
        const text = data.subarray(0, bytes).toString('latin1');
        data = data.subarray(bytes);
        heads.push(this.startBody(text, bytes));
      } else if (s.kind === 'chunk-size') {
        const size = Number.parseInt(data.subarray(0, end).toString('latin1').split(';')[0]!.trim(), 16);
        framingBytes += end + 2;
        data = data.subarray(end + 2);
        this.state = Number.isNaN(size)
          ? { kind: 'until-close' }
          : size === 0
            ? { kind: 'trailers' }
            : { kind: 'chunk-data', left: size };
      } else {
        // trailers: lines until an empty one ends the message
        framingBytes += end + 2;
        data = data.subarray(end + 2);
        if (end === 0) this.state = { kind: 'head' };
      }
    }
    return { heads, payload: Buffer.concat(payload), framingBytes, upgraded };
  }

  private startBody(text: string, bytes: number): HttpHead {
    const status = Number(/^HTTP\/\d\.\d (\d{3})/.exec(text)?.[1] ?? 0);
    const length = header(text, 'content-length');
    if (status === 101) this.state = { kind: 'upgraded' };
    else if (bodiless(status)) this.state = { kind: 'head' };
    else if (/\bchunked\b/i.test(header(text, 'transfer-encoding') ?? '')) this.state = { kind: 'chunk-size' };
    else if (length !== undefined && /^\d+$/.test(length))
      this.state = Number(length) > 0 ? { kind: 'fixed', left: Number(length) } : { kind: 'head' };
    else this.state = { kind: 'until-close' };
    return { text, bytes, status };
  }
}
