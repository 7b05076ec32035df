// The orchestrator's side of the load generators: forks them, spreads work over them, merges answers.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { cpuMsOf, pin } from '../cpu.ts';
import type { Command, Reply } from './protocol.ts';

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));

/** Loopback source addresses for generator `index`: all of 127.0.0.0/8 is this host on Linux. */
export function sourceAddresses(index: number, perGenerator: number): string[] {
  return Array.from({ length: perGenerator }, (_, k) => `127.0.0.${2 + index * perGenerator + k}`);
}

export class GeneratorPool {
  private readonly workers: ChildProcess[];
  private nextId = 0;

  private constructor(workers: ChildProcess[]) {
    this.workers = workers;
  }

  /** `cpus`: the generators' cores (`taskset -c`), away from the server's. */
  static async start(count: number, addressesPerGenerator: number, cpus?: string): Promise<GeneratorPool> {
    const workers = Array.from({ length: count }, (_, i) =>
      fork(WORKER, [], {
        env: { ...process.env, GENERATOR_ADDRESSES: sourceAddresses(i, addressesPerGenerator).join(',') },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
    await Promise.all(workers.map((w) => once(w, 'spawn')));
    for (const w of workers) pin(w.pid!, cpus);
    return new GeneratorPool(workers);
  }

  /** CPU the first `count` generator processes have used so far, ms (from /proc). */
  cpuMs(count = this.workers.length): number {
    return this.workers.slice(0, count).reduce((s, w) => s + cpuMsOf(w.pid!), 0);
  }

  get size(): number {
    return this.workers.length;
  }

  private ask<T>(worker: ChildProcess, command: Command, timeoutMs: number): Promise<T> {
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        worker.off('message', onMessage);
        reject(new Error(`generator ${worker.pid} did not finish "${command.op}" within ${timeoutMs} ms`));
      }, timeoutMs);
      const onMessage = (reply: Reply) => {
        if (reply.id !== id) return;
        clearTimeout(timer);
        worker.off('message', onMessage);
        if (reply.ok) resolve(reply.result as T);
        else reject(new Error(`generator ${worker.pid} failed "${command.op}": ${reply.error}`));
      };
      worker.on('message', onMessage);
      worker.send({ id, command });
    });
  }

  /** The same command on every generator (or the first `count`), or one built per generator index. */
  all<T>(
    command: Command | ((index: number) => Command | null),
    timeoutMs = 120_000,
    count = this.workers.length,
  ): Promise<T[]> {
    const jobs = this.workers.slice(0, count).map((w, i) => {
      const c = typeof command === 'function' ? command(i) : command;
      return c ? this.ask<T>(w, c, timeoutMs) : null;
    });
    return Promise.all(jobs.filter((j): j is Promise<T> => j !== null));
  }

  /** One command on the first generator (measurements that need a single client). */
  one<T>(command: Command, timeoutMs = 120_000): Promise<T> {
    return this.ask<T>(this.workers[0]!, command, timeoutMs);
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.workers.map(async (w) => {
        if (w.exitCode !== null || w.signalCode !== null) return;
        const exited = once(w, 'exit');
        w.disconnect();
        const killer = setTimeout(() => w.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(killer);
      }),
    );
  }
}

/** `total` split as evenly as possible over `parts`. */
export function share(total: number, parts: number, index: number): number {
  return Math.floor(total / parts) + (index < total % parts ? 1 : 0);
}
