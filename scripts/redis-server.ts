// A local redis-server for the tests and for `npm run start:cluster`: found on the PATH (Debian's
// redis-server package), installed with apt-get when missing and we are root on Debian, started on a
// free port in a temporary directory with persistence off, and stopped again by whoever started it.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command, commandPath, ensureDebianPackages } from './debian-packages.ts';

const BINARY = 'redis-server';

/** The path of redis-server; as root on Debian, installs Debian's redis-server package first if needed. */
export function ensureRedisServer(): string {
  const found = process.env.REDIS_SERVER_PATH || commandPath(BINARY);
  if (found && existsSync(found)) return found;
  ensureDebianPackages(
    'redis',
    [command('redis-server', BINARY)],
    'or set REDIS_SERVER_PATH to a redis-server (Redis 7 or later) executable',
  );
  return commandPath(BINARY)!;
}

/** A port nobody listens on right now (redis-server cannot be told to pick one: port 0 turns TCP off). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  await new Promise((ok) => server.close(ok));
  return port;
}

/** Sends one command in Redis's inline form and resolves with the first reply line. */
function inlineCommand(port: number, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(`${command}\r\n`));
    let reply = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => {
      reply += d;
      if (reply.includes('\r\n')) {
        socket.end();
        resolve(reply.split('\r\n')[0]!);
      }
    });
    // SHUTDOWN answers nothing: the connection just closes.
    socket.on('close', () => resolve(reply.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });
}

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** The directory holding dump.rdb between a stop that keeps the data and the restart. */
  readonly dir: string;
  /**
   * Stops the process. keepData: SHUTDOWN SAVE writes a snapshot the restart loads (Redis went away
   * and came back); otherwise the data is gone, as after a crash of a Redis without persistence.
   */
  stop(opts?: { keepData?: boolean }): Promise<void>;
  /** Starts it again on the same port and directory. */
  restart(): Promise<void>;
  /** Stops it for good and removes its directory. */
  close(): Promise<void>;
  /** Sends one inline command (e.g. "FLUSHALL") and returns the first reply line. */
  command(command: string): Promise<string>;
}

async function spawnRedis(binary: string, port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      // No snapshots and no append-only file while it runs: a test or demo Redis keeps nothing by itself.
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
      '--logfile',
      '',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`[redis] redis-server did not start within 10 s:\n${output}`)),
      10_000,
    );
    const onData = () => {
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`[redis] redis-server exited with ${code}:\n${output}`));
    });
  });
  return child;
}

export async function startRedisServer(opts: { port?: number } = {}): Promise<RedisServer> {
  const binary = ensureRedisServer();
  const port = opts.port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'realtime-lab-redis-'));
  let child: ChildProcess | undefined = await spawnRedis(binary, port, dir);
  // A test process that dies without its after() hook must not leave a redis-server behind.
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async ({ keepData = false } = {}) => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    child = undefined;
    const exited = once(running, 'exit');
    await inlineCommand(port, keepData ? 'SHUTDOWN SAVE' : 'SHUTDOWN NOSAVE').catch(() => running.kill('SIGKILL'));
    await exited;
    if (!keepData) rmSync(join(dir, 'dump.rdb'), { force: true });
  };
  const server: RedisServer = {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    stop,
    async restart() {
      if (child && child.exitCode === null) throw new Error('[redis] restart() while it is still running');
      child = await spawnRedis(binary, port, dir);
    },
    async close() {
      await stop();
      process.off('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
    command: (command) => inlineCommand(port, command),
  };
  return server;
}
