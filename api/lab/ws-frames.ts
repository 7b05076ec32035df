// Decodes a WebSocket byte stream into frames (RFC 6455 §5.2) for the wire inspector: what a learner
// cannot see from the page, because the browser hides framing and masking from its WebSocket API.
// Incremental: the bytes arrive in whatever pieces TCP and the sender's writes make.

export const OPCODES: Record<number, string> = {
  0x0: 'continuation',
  0x1: 'text',
  0x2: 'binary',
  0x8: 'close',
  0x9: 'ping',
  0xa: 'pong',
};

export interface WsFrame {
  readonly fin: boolean;
  readonly rsv: readonly [boolean, boolean, boolean];
  readonly opcode: number;
  readonly masked: boolean;
  /** The 4-byte key a client XORs its payload with (§5.3); null on server frames, which are never masked. */
  readonly maskingKey: Buffer | null;
  readonly payloadLength: number;
  /** 2 to 14: the fixed 2 bytes, the extended length (2 or 8 bytes) and the masking key (4). */
  readonly headerBytes: number;
  /** The payload unmasked, cut at the decoder's display limit. */
  readonly payload: Buffer;
  readonly truncated: boolean;
}

/**
 * Feed bytes in, get the frames they complete. Payloads are kept only up to `keepBytes` (the rest is
 * counted, not stored), so a large frame costs the decoder no more memory than a small one.
 */
export class WsFrameDecoder {
  private header = Buffer.alloc(0);
  private current: {
    fin: boolean;
    rsv: [boolean, boolean, boolean];
    opcode: number;
    key: Buffer | null;
    length: number;
    headerBytes: number;
  } | null = null;
  private received = 0;
  private kept: Buffer[] = [];
  private keptBytes = 0;
  private readonly keepBytes: number;

  constructor(keepBytes = 4096) {
    this.keepBytes = keepBytes;
  }

  push(chunk: Uint8Array): WsFrame[] {
    const frames: WsFrame[] = [];
    let data = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    while (data.length > 0) {
      if (!this.current) {
        // At most 14 header bytes are ever buffered here.
        const need = this.headerLength(Buffer.concat([this.header, data.subarray(0, 14)]));
        const have = this.header.length + data.length;
        if (need === undefined || have < need) {
          this.header = Buffer.concat([this.header, data]);
          return frames;
        }
        const take = need - this.header.length;
        this.startFrame(Buffer.concat([this.header, data.subarray(0, take)]));
        this.header = Buffer.alloc(0);
        data = data.subarray(take);
      }
      const frame = this.current!;
      const piece = data.subarray(0, frame.length - this.received);
      this.keep(piece, frame.key);
      this.received += piece.length;
      data = data.subarray(piece.length);
      if (this.received < frame.length) return frames;
      frames.push({
        fin: frame.fin,
        rsv: frame.rsv,
        opcode: frame.opcode,
        masked: frame.key !== null,
        maskingKey: frame.key,
        payloadLength: frame.length,
        headerBytes: frame.headerBytes,
        payload: Buffer.concat(this.kept),
        truncated: frame.length > this.keptBytes,
      });
      this.current = null;
      this.kept = [];
      this.keptBytes = 0;
      this.received = 0;
    }
    return frames;
  }

  /** The whole header's length once its first two bytes are known (§5.2: 7-bit, 16-bit or 64-bit length). */
  private headerLength(bytes: Buffer): number | undefined {
    if (bytes.length < 2) return undefined;
    const len7 = bytes[1]! & 0x7f;
    const extended = len7 === 126 ? 2 : len7 === 127 ? 8 : 0;
    return 2 + extended + (bytes[1]! & 0x80 ? 4 : 0);
  }

  private startFrame(h: Buffer): void {
    const len7 = h[1]! & 0x7f;
    let offset = 2;
    let length = len7;
    if (len7 === 126) {
      length = h.readUInt16BE(2);
      offset = 4;
    } else if (len7 === 127) {
      length = Number(h.readBigUInt64BE(2));
      offset = 10;
    }
    const key = h[1]! & 0x80 ? Buffer.from(h.subarray(offset, offset + 4)) : null;
    this.current = {
      fin: (h[0]! & 0x80) !== 0,
      rsv: [(h[0]! & 0x40) !== 0, (h[0]! & 0x20) !== 0, (h[0]! & 0x10) !== 0],
      opcode: h[0]! & 0x0f,
      key,
      length,
      headerBytes: h.length,
    };
  }

  private keep(piece: Buffer, key: Buffer | null): void {
    const room = this.keepBytes - this.keptBytes;
    if (room <= 0 || piece.length === 0) return;
    const part = Buffer.from(piece.subarray(0, room));
    // §5.3: byte i of the payload is XORed with byte (i mod 4) of the key, counting from the frame start.
    if (key) for (let i = 0; i < part.length; i++) part[i] = part[i]! ^ key[(this.received + i) % 4]!;
    this.kept.push(part);
    this.keptBytes += part.length;
  }
}
