// The servers the benchmark measures, each in a child process of its own: the project exactly as
// `npm start` runs it (api/server.ts, which scripts/start.ts imports once the site is built), and the
// two bare baselines. Each gets the probe preloaded (memory after GC on request) and nothing else.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { technique, type TechniqueId } from '../protocol/techniques.ts';
import type { ProbeReport } from './probe.ts';

export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

export type TargetName = 'project' | 'bare-ws' | 'bare-http';

interface TargetSpec {
  readonly script: string;
  readonly env: Record<string, string>;
}

const SPECS: Record<TargetName, TargetSpec> = {
  project: {
    script: 'api/server.ts',
    env: {
      SITE_DIR: `${projectRoot}dist`,
      // Thousands of connections come from a handful of loopback addresses; the per-IP limits guard a
      // public server against one client, not a benchmark against itself.
      MAX_CONNECTIONS_PER_IP: '1000000',
      MAX_SOCKETS_PER_IP: '1000000',
      PUBLISH_RATE_PER_SEC: '100000',
      PUBLISH_BURST: '100000',
    },
  },
  'bare-ws': { script: 'bench/baselines/bare-ws.ts', env: {} },
  'bare-http': { script: 'bench/baselines/bare-http.ts', env: {} },
};

/**
 * The bare baseline a technique's figures are divided by, decided by what its bytes on the wire are:
 * WebSocket frames go to the bare `ws` server, every HTTP answer (JSON or an event stream) to the bare
 * `node:http` one.
 */
export function baselineFor(id: TechniqueId): TargetName {
  return technique(id).wire === 'websocket-frames' ? 'bare-ws' : 'bare-http';
}

export interface MemorySample {
  readonly rss: number;
  readonly heapUsed: number;
  readonly cpuMs: number;
}

export interface Target {
  readonly name: TargetName;
  readonly base: string;
  readonly pid: number;
  /** RSS and heap right after a full GC in the server process (`{ gc: false }`: as they are, no GC). */
  memory(options?: { readonly gc?: boolean }): Promise<MemorySample>;
  /** For the project only: the open-connections gauge per technique, read from /metrics. */
  openConnections(technique: TechniqueId): Promise<number | undefined>;
  stop(): Promise<void>;
}

/** Starts a server; `cpus` pins it (`taskset -c`, which execs node: the child's pid is the server's). */
export async function startTarget(
  name: TargetName,
  extraEnv: Record<string, string> = {},
  cpus?: string,
): Promise<Target> {
  const spec = SPECS[name];
  const node = [process.execPath, '--expose-gc', '--import', './bench/probe.ts', spec.script];
  const [file, ...args] = cpus === undefined ? node : ['taskset', '-c', cpus, ...node];
  const child: ChildProcess = spawn(file!, args, {
    cwd: projectRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...spec.env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout!.on('data', (b) => (output += b));
  child.stderr!.on('data', (b) => (output += b));
  const exited = once(child, 'exit');

  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 20 s:\n${output}`)), 20_000);
    const onData = () => {
      const m = /serving on (http:\/\/[^/\s]+)\//.exec(output);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve(m[1]!);
    };
    child.stdout!.on('data', onData);
    void exited.then(([code]) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before serving:\n${output}`));
    });
  });

  let probeId = 0;
  const memory = (options: { readonly gc?: boolean } = {}) =>
    new Promise<MemorySample>((resolve, reject) => {
      const id = ++probeId;
      const timer = setTimeout(() => reject(new Error(`${name} did not answer the memory probe within 30 s`)), 30_000);
      const onMessage = (msg: ProbeReport) => {
        if (msg?.type !== 'bench:probe' || msg.id !== id) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve({ rss: msg.rss, heapUsed: msg.heapUsed, cpuMs: (msg.cpuUserUs + msg.cpuSystemUs) / 1000 });
      };
      child.on('message', onMessage);
      child.send({ type: 'bench:probe', id, gc: options.gc !== false });
    });

  const openConnections = async (technique: TechniqueId) => {
    if (name !== 'project') return undefined;
    const text = await (await fetch(`${base}/metrics`)).text();
    const m = new RegExp(`^realtime_open_connections\\{technique="${technique}"\\} (\\d+)`, 'm').exec(text);
    return m ? Number(m[1]) : undefined;
  };

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const killer = setTimeout(() => child.kill('SIGKILL'), 12_000);
    child.kill('SIGTERM');
    await exited;
    clearTimeout(killer);
  };
  running.add(stop);
  return {
    name,
    base,
    pid: child.pid!,
    memory,
    openConnections,
    stop: () => stop().finally(() => running.delete(stop)),
  };
}

const running = new Set<() => Promise<void>>();

/** Stops every target still running (an interrupted bench must not leave servers behind). */
export async function stopAllTargets(): Promise<void> {
  await Promise.all([...running].map((stop) => stop()));
}
