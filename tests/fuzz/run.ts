// One fuzz run against a real server of its own (in this process, on a free loopback port): the
// document read from the server, fast-check drawing and shrinking, the figures, and the server's
// health at the end. Used by `npm run fuzz` (scripts/fuzz.ts) and by a short run in npm test.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { startServer } from '../../api/server.ts';
import { projectRoot } from '../helpers/server.ts';
import { testConfig } from '../helpers/config.ts';
import { publish, request, SseReader, sleep, waitFor } from '../helpers/clients.ts';
import { type Case, caseArbitrary, operations, problems, send } from './engine.ts';

export interface FuzzOptions {
  readonly seconds: number;
  readonly seed?: number;
  /** A counterexample's path, to replay exactly the failing case (with its seed). */
  readonly path?: string;
  readonly runs?: number;
  readonly log?: (line: string) => void;
}

export interface FuzzResult {
  readonly ok: boolean;
  readonly seed: number;
  readonly runs: number;
  readonly seconds: number;
  readonly byOperation: Record<string, number>;
  readonly statuses: Record<string, number>;
  readonly failure?: string;
  readonly healthy: boolean;
  readonly rssMb: number;
}

export async function runFuzz(opts: FuzzOptions): Promise<FuzzResult> {
  const log = opts.log ?? console.log;
  const seed = opts.seed ?? (Date.now() ^ (Math.random() * 0x100000000)) | 0;
  const server = await startServer(
    testConfig({
      PORT: 0,
      HOST: '127.0.0.1',
      SITE_DIR: `${projectRoot}dist`,
      // A gap is RETENTION + 5 publishes: kept cheap. Races are many (one per drawn POST .../race):
      // the race limit must not turn the fuzzer's own load into 503s.
      RETENTION: 50,
      LAB_MAX_RACES: 1000,
      TICK_MS: 1000,
      // A long-poll without `timeout` holds this long: the fuzzer waits for every answer.
      LONG_POLL_TIMEOUT_MS: 200,
      // Races and gaps fill lab channels with large events: a smaller budget keeps the run's memory low.
      STORE_MAX_BYTES: 64 * 2 ** 20,
    }),
  );
  const base = server.url;
  try {
    const docAnswer = await request(base, '/api/openapi.json');
    if (docAnswer.status !== 200) throw new Error(`GET /api/openapi.json answered ${docAnswer.status}`);
    const doc = docAnswer.json;
    const ops = operations(doc);
    // Labs that tagged requests carry: nothing ever cuts them, so no tagged request is dropped on purpose.
    const tagLabs = Array.from({ length: 3 }, () => randomBytes(16).toString('hex'));
    const arb = caseArbitrary(ops, { tagLabs, addresses: 250 });
    const byOperation: Record<string, number> = {};
    const statuses: Record<string, number> = {};
    // The server logs what it did not expect (a bug answered 500, a write after the head was sent…):
    // anything logged during the run is a failure too, even when the client saw nothing wrong.
    const logged: string[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => {
      logged.push(args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(' '));
    };
    const t0 = performance.now();
    const property = fc.asyncProperty(arb, async (c: Case) => {
      const answer = await send(base, c);
      byOperation[c.op] = (byOperation[c.op] ?? 0) + 1;
      const key = `${c.op} → ${answer.status || 'dropped'}`;
      statuses[key] = (statuses[key] ?? 0) + 1;
      const wrong = problems(doc, c, answer);
      if (wrong.length > 0) {
        throw new Error(
          `${c.method} ${c.target.slice(0, 300)}\n  headers ${JSON.stringify(c.headers).slice(0, 300)}\n  body ${c.body ? JSON.stringify(c.body.toString('latin1').slice(0, 200)) : '(none)'} from ${c.localAddress}\n  → ${answer.status} ${JSON.stringify(answer.body.toString('utf8').slice(0, 300))}\n  ${wrong.join('\n  ')}`,
        );
      }
    });
    const details = await fc.check(property, {
      seed,
      ...(opts.path ? { path: opts.path } : {}),
      numRuns: opts.runs ?? 10_000_000,
      interruptAfterTimeLimit: opts.seconds * 1000,
      markInterruptAsFailure: false,
      // Shrinking replays requests: bounded too, so a failure is reported within the run's time.
      skipAllAfterTimeLimit: opts.seconds * 1000 + 30_000,
    });
    const seconds = (performance.now() - t0) / 1000;
    console.error = consoleError;
    // The server is still healthy: it answers, publishes and delivers, and holds no connection the
    // fuzzer left (every long-poll and stream has ended).
    await sleep(400);
    const health = await request(base, '/api/health', { localAddress: '127.0.0.5' });
    const sse = new SseReader(base, '/api/channels/after-the-fuzz/sse');
    await sse.opened;
    await publish(base, 'after-the-fuzz', 'still here', {});
    let delivered = true;
    await waitFor(() => sse.messages().length === 1, 5000, 'a delivery after the fuzz').catch(
      () => (delivered = false),
    );
    sse.close();
    let drained = true;
    await waitFor(() => server.deps.connections.count() === 0, 5000, 'held connections to end').catch(
      () => (drained = false),
    );
    const healthy = health.status === 200 && health.json?.status === 'ok' && delivered && drained;
    const rssMb = Math.round(process.memoryUsage().rss / 2 ** 20);
    const caseFailure = details.failed
      ? `${'errorInstance' in details && details.errorInstance instanceof Error ? details.errorInstance.message : 'fast-check gave up (too many skips)'}\nreplay: npm run fuzz -- --seed ${details.seed} --path ${details.counterexamplePath}`
      : undefined;
    const serverErrors = logged.length
      ? `the server logged ${logged.length} error(s) during the run (seed ${details.seed}), the first:\n${logged[0]!.slice(0, 1500)}`
      : undefined;
    const failure = [caseFailure, serverErrors].filter(Boolean).join('\n') || undefined;
    log(
      `fuzz: seed ${details.seed}; ${details.numRuns} cases in ${seconds.toFixed(1)} s (${(details.numRuns / seconds).toFixed(0)}/s) over ${ops.length} operations and unknown paths`,
    );
    for (const [op, n] of Object.entries(byOperation).sort()) log(`  ${String(n).padStart(6)}  ${op}`);
    const distinct = Object.keys(statuses).length;
    log(
      `  ${distinct} (operation, status) pairs seen; server ${healthy ? 'healthy' : 'NOT healthy'} at the end (health ${health.status}, delivery ${delivered}, held connections back to 0: ${drained}); process RSS ${rssMb} MB`,
    );
    if (failure) log(`FAILED: ${failure}`);
    return {
      ok: !failure && healthy,
      seed: details.seed,
      runs: details.numRuns,
      seconds,
      byOperation,
      statuses,
      failure,
      healthy,
      rssMb,
    };
  } finally {
    await server.shutdown();
  }
}
