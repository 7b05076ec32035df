// The machine a run was measured on, saved with its results so figures are never read without it.
import os from 'node:os';
import type { Machine } from './results.ts';

export function describeMachine(generators: number): Machine {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    generators,
    note: `server, ${generators} load generator processes and the publisher share these ${cpus.length} cores over loopback`,
  };
}
