// The machine a run was measured on, saved with its results so figures are never read without it.
import os from 'node:os';
import type { Pinning } from '../cpu.ts';
import type { Plan } from '../plan.ts';
import type { Machine } from './results.ts';

/** The 1-minute load average, to two decimals. */
export const loadNow = () => Math.round(os.loadavg()[0]! * 100) / 100;

export function describeMachine(plan: Plan, loadAtStart: number, pins: Pinning | undefined): Machine {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    generators: plan.generators,
    note:
      `wrk for request rates, ${plan.generators} Node generator processes to hold idle connections ` +
      `(${plan.fanout.generators} for fan-out, ${plan.churn.generators} for churn) and the publisher, over loopback; ` +
      (pins
        ? `the server pinned to CPU ${pins.server}, every generator to CPU ${pins.generators}`
        : `server and generators share these ${cpus.length} cores`),
    loadAverage: { start: loadAtStart, end: loadNow() },
    ...(pins ? { pinning: pins } : {}),
  };
}
