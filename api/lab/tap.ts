// Taps a learner's own connections for the wire inspector, from outside the transports: the transport
// files are read in lessons, so they stay free of capture code. What the server writes is observed on
// the socket itself (so the counts are the bytes that really left, head and chunk framing included);
// what the browser sent is rebuilt from Node's parsed request (HTTP) or read off the socket (frames).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { TechniqueId } from '../../protocol/techniques.ts';
import type { ConnectionStats, Direction } from '../../protocol/lab.ts';
import type { Lab } from './lab.ts';
import { HttpResponseStream, type HttpPiece } from './http-stream.ts';
import { OPCODES, WsFrameDecoder, type WsFrame } from './ws-frames.ts';

/** Text kept per entry for display; the counters always count every byte. */
const SHOWN_CHARS = 2048;
/** Header values that are credentials: counted, never stored or echoed back. */
const SECRET_HEADERS = new Set(['cookie', 'authorization', 'proxy-authorization']);

/**
 * The request head as the browser sent it. Node keeps the headers as received (rawHeaders: case and
 * order preserved) but not the raw bytes, so this is the head rebuilt from them: the same bytes for
 * any request a browser makes (one space after each colon, CRLF line ends).
 */
export function requestHead(req: IncomingMessage): { text: string; bytes: number } {
  let real = `${req.method} ${req.url} HTTP/${req.httpVersion}\r\n`;
  let shown = real;
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    const value = req.rawHeaders[i + 1]!;
    real += `${name}: ${value}\r\n`;
    shown += SECRET_HEADERS.has(name.toLowerCase())
      ? `${name}: [${Buffer.byteLength(value, 'latin1')} bytes, not shown]\r\n`
      : `${name}: ${value}\r\n`;
  }
  return { text: `${shown}\r\n`, bytes: Buffer.byteLength(`${real}\r\n`, 'latin1') };
}

const clip = (text: string) =>
  text.length > SHOWN_CHARS ? { text: text.slice(0, SHOWN_CHARS), truncated: true } : { text, truncated: false };

function toBuffer(chunk: unknown, encoding: unknown): Buffer | undefined {
  if (typeof chunk === 'string')
    return Buffer.from(chunk, typeof encoding === 'string' && Buffer.isEncoding(encoding) ? encoding : 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return undefined;
}

/**
 * Calls `see` with every chunk written to `socket` (write and end, the two ways in), until the returned
 * function is called. Node's HTTP response and ws both write through these two methods.
 */
function observeWrites(socket: Duplex, see: (bytes: Buffer) => void): () => void {
  const write = socket.write;
  const end = socket.end;
  const observedWrite = function (this: Duplex, ...args: unknown[]) {
    const bytes = toBuffer(args[0], args[1]);
    if (bytes) see(bytes);
    return (write as (...a: unknown[]) => boolean).apply(this, args);
  };
  const observedEnd = function (this: Duplex, ...args: unknown[]) {
    const bytes = typeof args[0] === 'function' ? undefined : toBuffer(args[0], args[1]);
    if (bytes) see(bytes);
    return (end as (...a: unknown[]) => Duplex).apply(this, args);
  };
  socket.write = observedWrite as Duplex['write'];
  socket.end = observedEnd as Duplex['end'];
  return () => {
    if (socket.write === observedWrite) socket.write = write;
    if (socket.end === observedEnd) socket.end = end;
  };
}

/**
 * Records what the server wrote on an HTTP connection. Node writes a chunk's size line, its data and
 * its closing CRLF as separate writes, so framing is carried over to the next body entry: each entry
 * then shows the framing that surrounded it. Returns the framing not yet shown.
 */
function recordHttp(lab: Lab, stats: ConnectionStats, piece: HttpPiece, carried: number): number {
  const base = { conn: stats.id, technique: stats.technique };
  for (const head of piece.heads) {
    lab.record({ ...base, kind: 'http-head', dir: 'down', text: head.text, bytes: head.bytes });
    lab.count(stats, 'down', { header: head.bytes });
  }
  lab.count(stats, 'down', { payload: piece.payload.length, framing: piece.framingBytes });
  const framing = carried + piece.framingBytes;
  if (piece.payload.length === 0) return framing;
  lab.record({
    ...base,
    kind: 'http-body',
    dir: 'down',
    ...clip(piece.payload.toString('utf8')),
    payloadBytes: piece.payload.length,
    framingBytes: framing,
  });
  return 0;
}

function recordFrame(lab: Lab, stats: ConnectionStats, dir: Direction, frame: WsFrame): void {
  const textual = frame.opcode === 0x1 || (frame.opcode === 0x0 && frame.payload.length > 0);
  // A close frame's payload is a 2-byte status code, then a UTF-8 reason (§5.5.1).
  const payload =
    frame.opcode === 0x8 && frame.payload.length >= 2
      ? `${frame.payload.readUInt16BE(0)} ${frame.payload.subarray(2).toString('utf8')}`.trim()
      : textual
        ? frame.payload.toString('utf8')
        : frame.payload.toString('hex');
  lab.record({
    conn: stats.id,
    technique: stats.technique,
    kind: 'ws-frame',
    dir,
    fin: frame.fin,
    rsv: frame.rsv,
    opcode: frame.opcode,
    opcodeName: OPCODES[frame.opcode] ?? `reserved (0x${frame.opcode.toString(16)})`,
    masked: frame.masked,
    maskingKey: frame.maskingKey?.toString('hex') ?? null,
    payloadLength: frame.payloadLength,
    headerBytes: frame.headerBytes,
    payload,
    payloadEncoding: textual || frame.opcode === 0x8 ? 'utf8' : 'hex',
    truncated: frame.truncated,
  });
  lab.count(stats, dir, { framing: frame.headerBytes, payload: frame.payloadLength });
}

/** The header of an unmasked, final text frame of `length` bytes (RFC 6455 §5.2): how a server sends. */
export function wsTextFrameHeader(length: number): Buffer {
  if (length < 126) return Buffer.from([0x81, length]);
  if (length < 65_536) return Buffer.from([0x81, 126, length >> 8, length & 0xff]);
  const header = Buffer.alloc(10);
  header[0] = 0x81;
  header[1] = 127;
  header.writeBigUInt64BE(BigInt(length), 2);
  return header;
}

function recordRequest(lab: Lab, req: IncomingMessage, technique: TechniqueId, body?: string): ConnectionStats {
  const stats = lab.connection(req.socket, technique);
  const head = requestHead(req);
  lab.record({ conn: stats.id, technique, kind: 'http-head', dir: 'up', text: head.text, bytes: head.bytes });
  lab.count(stats, 'up', { header: head.bytes });
  if (body !== undefined) {
    // A body sent with Content-Length has no framing of its own: its bytes are all payload.
    const payloadBytes = Buffer.byteLength(body);
    lab.record({
      conn: stats.id,
      technique,
      kind: 'http-body',
      dir: 'up',
      text: body,
      payloadBytes,
      framingBytes: 0,
      truncated: false,
    });
    lab.count(stats, 'up', { payload: payloadBytes });
  }
  return stats;
}

const DROP_NOTES = {
  armed:
    'cut by the server before answering (fault injection: nothing was in flight when you cut, so this next request was dropped)',
  resend:
    'cut by the server before answering (fault injection: the browser resent the request just cut by itself, on a new connection)',
};

/** Drops the connection being opened when a cut is waiting for it; true if it did. */
function cutOnArrival(lab: Lab, stats: ConnectionStats, socket: Duplex): boolean {
  const why = lab.takeCut();
  if (!why) return false;
  lab.record({ kind: 'note', conn: stats.id, technique: stats.technique, text: DROP_NOTES[why] });
  socket.destroy();
  return true;
}

/**
 * Taps one HTTP exchange (any technique but WebSocket) until its response is finished. Returns false when an
 * armed cut dropped the connection instead: the caller must not answer.
 */
export function tapHttpExchange(
  lab: Lab,
  technique: TechniqueId,
  req: IncomingMessage,
  res: ServerResponse,
  /** The request's body, when it has one and the caller read it. */
  body?: string,
): boolean {
  const stats = recordRequest(lab, req, technique, body);
  if (cutOnArrival(lab, stats, req.socket)) return false;
  const release = lab.hold(req.socket);
  const down = new HttpResponseStream();
  let framing = 0;
  const stop = observeWrites(req.socket, (bytes) => (framing = recordHttp(lab, stats, down.push(bytes), framing)));
  const done = () => {
    stop();
    release();
  };
  res.once('finish', done);
  res.once('close', done);
  return true;
}

/**
 * Taps a WebSocket from its upgrade request to its last frame: the request head, the 101 (or the
 * refusal), then every frame both ways. Returns false when an armed cut dropped it instead.
 */
export function tapUpgrade(lab: Lab, req: IncomingMessage, socket: Duplex): boolean {
  const stats = recordRequest(lab, req, 'websocket');
  if (cutOnArrival(lab, stats, socket)) return false;
  const release = lab.hold(socket);
  const down = new HttpResponseStream();
  const downFrames = new WsFrameDecoder();
  const upFrames = new WsFrameDecoder();
  /** The last event frame the server sent, whole: what a staged repeat sends again. */
  let lastEvent: Buffer | null = null;
  const stop = observeWrites(socket, (bytes) => {
    const piece = down.push(bytes);
    recordHttp(lab, stats, piece, 0);
    for (const frame of downFrames.push(piece.upgraded)) {
      recordFrame(lab, stats, 'down', frame);
      if (
        frame.opcode === 0x1 &&
        frame.fin &&
        !frame.truncated &&
        frame.payload.subarray(0, 15).toString() === '{"type":"event"'
      )
        lastEvent = frame.payload;
    }
  });
  // At-least-once delivery staged on purpose (POST /api/lab/:id/repeat): the same event frame again.
  // A write between two of ws's writes never splits one of its frames (JS runs one write at a time).
  const repeat = () => {
    if (!lastEvent || socket.destroyed) return false;
    socket.write(Buffer.concat([wsTextFrameHeader(lastEvent.length), lastEvent]));
    return true;
  };
  lab.repeaters.add(repeat);
  // An extra 'data' listener sees the same bytes ws reads; it is added before ws adds its own, so the
  // bytes ws puts back from the upgrade request (`head`) reach both.
  const onData = (chunk: Buffer) => {
    let dropAck = false;
    for (const frame of upFrames.push(chunk)) {
      recordFrame(lab, stats, 'up', frame);
      if (frame.opcode === 0x1 && frame.payload.toString('utf8').includes('"publish"') && lab.takeDropAck())
        dropAck = true;
    }
    // A lost ack, staged (POST /api/lab/:id/drop-ack): ws still reads this chunk (its listener comes
    // after this one and gets the same bytes), so the publish is appended; the socket is gone before
    // the ack can be written.
    if (dropAck) {
      lab.record({
        kind: 'note',
        conn: stats.id,
        technique: stats.technique,
        text: 'cut by the server after reading a publish (fault injection: the event is appended, its ack is lost)',
      });
      socket.destroy();
    }
  };
  socket.on('data', onData);
  socket.once('close', () => {
    lab.repeaters.delete(repeat);
    socket.off('data', onData);
    stop();
    release();
  });
  return true;
}
