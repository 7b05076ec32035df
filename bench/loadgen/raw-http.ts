// HTTP/1.1 by hand over one keep-alive TCP connection, for counting bytes on the wire: every byte of the
// request is ours, and every byte of the response is parsed, so nothing is hidden by a client library.
import net from 'node:net';
import type { Endpoint } from './subscribers.ts';

export interface RawExchange {
  readonly requestBytes: number;
  /** Status line and headers, up to and including the blank line. */
  readonly head: string;
  readonly body: string;
}

export class RawHttpConnection {
  private readonly socket: net.Socket;
  private buffer = Buffer.alloc(0);
  private waiting: (() => void) | undefined;
  readonly ready: Promise<void>;
  private readonly host: string;

  constructor(to: Endpoint) {
    this.host = `${to.host}:${to.port}`;
    this.socket = net.connect({ host: to.host, port: to.port, localAddress: to.localAddress });
    this.ready = new Promise((resolve, reject) => {
      this.socket.once('connect', resolve);
      this.socket.once('error', reject);
    });
    this.socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.waiting?.();
    });
  }

  /** Both directions, as the kernel counted them. */
  wireBytes(): number {
    return this.socket.bytesRead + this.socket.bytesWritten;
  }

  /** Sends one request and reads its whole response (Content-Length bodies, which the JSON answers have). */
  async exchange(method: string, path: string, headers: Record<string, string> = {}, body = ''): Promise<RawExchange> {
    await this.ready;
    const lines = [
      `${method} ${path} HTTP/1.1`,
      `Host: ${this.host}`,
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    ];
    if (body) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
    const request = `${lines.join('\r\n')}\r\n\r\n${body}`;
    this.socket.write(request);
    const headEnd = await this.until(() => this.buffer.indexOf('\r\n\r\n'));
    const head = this.buffer.subarray(0, headEnd + 4).toString('latin1');
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (!length) throw new Error(`expected a Content-Length response, got:\n${head}`);
    const total = headEnd + 4 + Number(length[1]);
    await this.until(() => (this.buffer.length >= total ? total : -1));
    const text = this.buffer.subarray(headEnd + 4, total).toString('utf8');
    this.buffer = this.buffer.subarray(total);
    return { requestBytes: Buffer.byteLength(request), head, body: text };
  }

  private async until(found: () => number): Promise<number> {
    for (;;) {
      const at = found();
      if (at >= 0) return at;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no complete HTTP response within 10 s')), 10_000);
        this.waiting = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  close(): void {
    this.socket.destroy();
  }
}
