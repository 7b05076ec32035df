// The machine a run was measured on, saved with its results so figures are never read without it.
import os from 'node:os';
import type { Plan } from '../plan.ts';
import type { Machine } from './results.ts';

/** The 1-minute load average, to two decimals. */
export const loadNow = () => Math.round(os.loadavg()[0]! * 100) / 100;

export function describeMachine(plan: Plan, loadAtStart: number): Machine {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    generators: plan.generators,
    note:
      `server, the load generator processes (${plan.generators} to hold idle connections, ` +
      `${plan.fanout.generators} for fan-out, ${plan.churn.generators} for churn, ${plan.polling.generators} for polling) ` +
      `and the publisher share these ${cpus.length} cores over loopback`,
    loadAverage: { start: loadAtStart, end: loadNow() },
  };
}
