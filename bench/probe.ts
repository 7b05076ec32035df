// Preloaded with `node --expose-gc --import bench/probe.ts` into every server the benchmark measures,
// the project and the bare baselines alike, so all are measured the same way and the product needs no
// benchmark endpoint. On request over the IPC channel it runs a full GC and reports memory and CPU time;
// asked with `gc: false`, it reports memory as it is (the RSS right after a burst, before any GC).
export interface ProbeReport {
  readonly type: 'bench:probe';
  readonly id: number;
  readonly rss: number;
  readonly heapUsed: number;
  readonly external: number;
  readonly cpuUserUs: number;
  readonly cpuSystemUs: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

if (process.send) {
  process.on('message', (msg: { type?: string; id?: number; gc?: boolean }) => {
    if (msg?.type !== 'bench:probe') return;
    if (msg.gc !== false) {
      // Twice: the first pass can leave garbage reachable only from finalizers until the second.
      gc?.();
      gc?.();
    }
    const memory = process.memoryUsage();
    const cpu = process.cpuUsage();
    const report: ProbeReport = {
      type: 'bench:probe',
      id: msg.id ?? 0,
      rss: memory.rss,
      heapUsed: memory.heapUsed,
      external: memory.external,
      cpuUserUs: cpu.user,
      cpuSystemUs: cpu.system,
    };
    process.send!(report);
  });
  // The channel must not keep a server alive once it has been told to stop.
  process.channel?.unref();
}
