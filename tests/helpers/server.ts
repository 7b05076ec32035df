// Starts the real server for a test: in this process (fast, for most tests) or as a child process
// (for signals and exit codes). Always on a free port (PORT=0), always stopped by the test.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { Config } from '../../api/config.ts';
import { startServer, type RunningServer } from '../../api/server.ts';
import { testConfig } from './config.ts';
import { TEST_STORE, startRedisServer, type RedisServer } from './redis.ts';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface TestServer {
  readonly base: string;
  readonly port: number;
  readonly running: RunningServer;
  close(): Promise<void>;
}

/** With TEST_STORE=redis and no REDIS_URL given, a Redis of the server's own, closed after the server. */
async function redisFor(redisUrl: string | undefined): Promise<RedisServer | undefined> {
  return TEST_STORE === 'redis' && !redisUrl ? startRedisServer() : undefined;
}

export async function startTestServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const redis = await redisFor(overrides.REDIS_URL);
  const running = await startServer(
    testConfig({
      PORT: 0,
      HOST: '127.0.0.1',
      SITE_DIR: `${projectRoot}dist`,
      ...(redis ? { REDIS_URL: redis.url } : {}),
      ...overrides,
    }),
  );
  return {
    base: running.url,
    port: running.port,
    running,
    close: async () => {
      await running.shutdown();
      await redis?.close();
    },
  };
}

export interface ChildServer {
  readonly base: string;
  readonly child: ChildProcess;
  readonly output: () => string;
  /** Resolves with the exit code once the process has exited. */
  readonly exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): void;
}

/** `node api/server.ts` in its own process, with env settings; resolves once it prints its URL. */
export async function startChildServer(env: Record<string, string> = {}): Promise<ChildServer> {
  const redis = await redisFor(env.REDIS_URL);
  const child = spawn(process.execPath, ['api/server.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      SITE_DIR: `${projectRoot}dist`,
      ...(redis ? { REDIS_URL: redis.url } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b) => (out += b));
  child.stderr!.on('data', (b) => (out += b));
  const exited = once(child, 'exit').then(async ([code]) => {
    await redis?.close();
    return code as number | null;
  });
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 15_000);
    const onData = () => {
      const m = /serving on (http:\/\/[^/\s]+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
  return { base, child, output: () => out, exited, kill: (signal = 'SIGTERM') => void child.kill(signal) };
}
