// Request-rate load from wrk (Debian's `wrk`, a C load generator with an event loop per thread): a
// Node load generator needs about as much CPU per request as the server it measures, so on a small
// machine it was the limit and every ratio came out near 1 (issue 15). wrk runs pinned to the
// generator cores, and its own CPU is read from the kernel, printed beside the server's.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command, ensureDebianPackages } from '../../scripts/debian-packages.ts';
import { ticksToMs } from '../cpu.ts';
import type { RateRun } from '../report/results.ts';

/** Installed as the tests' Chromium and Redis are: as root on Debian with apt-get, else it says what to install. */
export function ensureWrk(): void {
  ensureDebianPackages('bench', [command('wrk', 'wrk')]);
}

// wrk reports through Lua's done(): one line of JSON, found by its tag among wrk's own text. Latency in µs.
const REPORT = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\\nWRK_JSON {"requests":%d,"durationUs":%d,"bytes":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},"latencyUs":{"p50":%d,"p99":%d,"max":%d,"mean":%.1f}}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max, latency.mean))
end
`;
let scriptPath: string | undefined;
const script = () => {
  if (!scriptPath) {
    scriptPath = join(mkdtempSync(join(tmpdir(), 'bench-wrk-')), 'report.lua');
    writeFileSync(scriptPath, REPORT);
  }
  return scriptPath;
};

/** What one wrk run measured: a RateRun (results.ts) without the round, the server and its CPU. */
export type WrkRun = Omit<RateRun, 'round' | 'target' | 'serverCpuMs'>;

export interface WrkOptions {
  readonly url: string;
  readonly connections: number;
  readonly threads: number;
  readonly durationMs: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** `taskset -c` list for wrk; undefined runs it unpinned. */
  readonly cpus?: string;
}

export async function runWrk(o: WrkOptions): Promise<WrkRun> {
  const args = [
    `-t${o.threads}`,
    `-c${o.connections}`,
    `-d${Math.max(1, Math.round(o.durationMs / 1000))}s`,
    '--timeout',
    '10s',
    '-s',
    script(),
    ...Object.entries(o.headers ?? {}).flatMap(([k, v]) => ['-H', `${k}: ${v}`]),
    o.url,
  ];
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const wrk = o.cpus === undefined ? `wrk ${quoted}` : `taskset -c ${o.cpus} wrk ${quoted}`;
  // The shell waits for wrk, then prints its own /proc stat, whose cutime + cstime are wrk's CPU.
  const child = spawn('sh', ['-c', `${wrk}; s=$?; echo; echo "WRK_STAT $(cat /proc/$$/stat)"; exit $s`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (b) => (out += b));
  child.stderr.on('data', (b) => (out += b));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const json = /WRK_JSON (\{.*\})/.exec(out);
  const stat = /WRK_STAT (.*)/.exec(out);
  if (code !== 0 || !json || !stat) throw new Error(`wrk ${args.join(' ')} failed (exit ${code}):\n${out}`);
  const r = JSON.parse(json[1]!) as {
    requests: number;
    durationUs: number;
    bytes: number;
    errors: Record<string, number>;
    latencyUs: { p50: number; p99: number; max: number; mean: number };
  };
  const fields = stat[1]!.slice(stat[1]!.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[13]) + Number(fields[14]);
  const durationMs = r.durationUs / 1000;
  return {
    requests: r.requests,
    perSec: r.requests / (durationMs / 1000),
    durationMs,
    errors: Object.values(r.errors).reduce((s, n) => s + n, 0),
    bytes: r.bytes,
    latency: {
      p50: r.latencyUs.p50 / 1000,
      p99: r.latencyUs.p99 / 1000,
      max: r.latencyUs.max / 1000,
      mean: r.latencyUs.mean / 1000,
    },
    generatorCpuMs: ticksToMs(ticks),
  };
}
