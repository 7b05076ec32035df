// Which side was the limit: CPU time of the server and of the load generator, read from the kernel
// (/proc/<pid>/stat, user + system, every thread), and the cores each side is pinned to. A server
// measured against a generator that used a whole core of its own measured the generator.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { commandPath } from '../scripts/debian-packages.ts';

/** Clock ticks per second of /proc's times (USER_HZ), 100 on every Linux build that matters. */
const TICKS_PER_SEC = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const n = Number(r.stdout?.trim());
  return Number.isInteger(n) && n > 0 ? n : 100;
})();

/** /proc's clock ticks as milliseconds. */
export const ticksToMs = (ticks: number) => (ticks * 1000) / TICKS_PER_SEC;

/**
 * User + system CPU of a process so far, in ms, its waited-for children included (`cutime`,
 * `cstime`): a shell that ran a generator and waited for it carries the generator's CPU there.
 * NaN when the process is gone or /proc is not there.
 */
export function cpuMsOf(pid: number, withChildren = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14-17 of proc(5): utime, stime, cutime, cstime; here at 11-14 (0-based, from field 3).
    const own = Number(fields[11]) + Number(fields[12]);
    const children = withChildren ? Number(fields[13]) + Number(fields[14]) : 0;
    return ticksToMs(own + children);
  } catch {
    return Number.NaN;
  }
}

export interface Pinning {
  /** `taskset -c` lists: the server measured, and every load generator (wrk, Node generators, publisher). */
  readonly server: string;
  readonly generators: string;
}

/**
 * Core 0 for the server, the rest for the generators, when there are two cores or more and `taskset`
 * (util-linux) is there; otherwise none (undefined), and the report says they shared every core.
 */
export function pinning(): Pinning | undefined {
  const cpus = os.availableParallelism();
  if (cpus < 2 || process.platform !== 'linux' || !commandPath('taskset')) return undefined;
  return { server: '0', generators: cpus === 2 ? '1' : `1-${cpus - 1}` };
}

/** Pins a running process, every thread it has (`-a`); threads it starts later inherit it. */
export function pin(pid: number, cpus: string | undefined): void {
  if (cpus === undefined) return;
  const r = spawnSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`taskset -a -p -c ${cpus} ${pid} failed (exit ${r.status})`);
}
