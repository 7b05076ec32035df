import { asksPerRequest } from '../../../protocol/techniques.ts';
/**
 * Runs one race in the page: estimates the server's clock, asks the server to publish, opens a client per technique
 * clients (the same src/client/ code the lessons show) from the race's first cursor, keeps each one's
 * tally, injects the learner's faults, and once every technique has caught up (or had its chance),
 * closes them and reads the server's byte counts for the final result.
 */
import type { RaceStatus } from '../../../protocol/lab.ts';
import { holdsOneConnection, perTechnique, TECHNIQUE_IDS, type TechniqueId } from '../../../protocol/techniques.ts';
import { openFeed } from '../../client/open-feed.ts';
import type { ConnectionState, FeedClient } from '../../client/types.ts';
import { labApi, labErrorWords, type LabConnections, type RaceStart } from '../shared/lab-api.ts';
import { widgetWords } from '../shared/words.ts';
import { raceWords } from '../shared/words-race.ts';
import type { RaceWidgetStrings } from '../../i18n/en/widgetsRace.ts';
import type { Locale } from '../../i18n/locales.ts';
import { claimPage } from '../shared/page-connections.ts';
import { estimateServerClock, localNow, type ClockEstimate } from './clock.ts';
import { buildResult, type Fault, type RaceResult } from './result.ts';
import type { RaceChoice } from './settings.ts';
import { DeliveryTally } from './tally.ts';
import type { RunNumbers } from './verdicts.ts';

export type Phase = 'idle' | 'clock' | 'starting' | 'racing' | 'finishing' | 'done' | 'error';

export interface Lane {
  readonly technique: TechniqueId;
  state: ConnectionState | 'idle';
  tally: DeliveryTally;
  requestsSeen: number;
  emptyResponses: number;
  reconnects: number;
  /** Local time of the first fault this lane saw, until its recovery is measured. */
  faultAt: number | null;
  noticedFault: boolean;
  recoveryMs: number | null;
}

/** Long enough that a quiet race (0.1 events/s) does not end long-polls by timeout all the time. */
const LONG_POLL_TIMEOUT_MS = 25_000;
/** After the last event is due, how long the slowest technique gets to deliver it (plus one polling interval). */
const CATCH_UP_MS = 5000;
const REFRESH_MS = 1000;

export interface RunnerOptions {
  /** A lab of its own for each race: the server's byte counts per lab then belong to this race alone. */
  lab: string;
  /** Who claims the page's connections while the race runs (the widget's own page-gate name). */
  owner: string;
  choice: RaceChoice;
  onChange: () => void;
  codeLines?: RunNumbers['codeLines'];
  /** The language of its sentences and of the verdicts (English by default). */
  lang?: Locale;
}

export class RaceRunner {
  phase: Phase = 'idle';
  /** What the runner is doing or why it stopped, in a sentence. */
  message = '';
  clock: ClockEstimate | null = null;
  start: RaceStart | null = null;
  status: RaceStatus | null = null;
  server: LabConnections | null = null;
  result: RaceResult | null = null;
  readonly faults: Fault[] = [];
  readonly lanes: Record<TechniqueId, Lane>;
  /** When each event was published (server clock), by epoch:seq, for the chart's time axis. */
  readonly publishedAt = new Map<string, number>();
  private readonly options: RunnerOptions;
  private clients: FeedClient[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  private openedAt = 0;
  private startedAt = new Date();
  private stopped = false;
  private refreshing = false;

  private readonly words: RaceWidgetStrings['runner'];

  constructor(options: RunnerOptions) {
    this.options = options;
    this.words = raceWords(options.lang ?? 'en').runner;
    this.lanes = perTechnique(({ id }) => this.newLane(id, '', 0));
  }

  get lab(): string {
    return this.options.lab;
  }

  get choice(): RaceChoice {
    return this.options.choice;
  }

  /** The server's clock now, by the page's estimate. */
  serverNow(): number {
    return localNow() + (this.clock?.offsetMs ?? 0);
  }

  /** Seconds since the race's first event was due (negative before). */
  elapsed(): number {
    return this.start ? (this.serverNow() - this.start.startsAt) / 1000 : 0;
  }

  async run(): Promise<void> {
    const { lab, choice } = this.options;
    try {
      this.setPhase('clock', this.words.clock);
      this.clock = await estimateServerClock(8);
      if (this.stopped) return;
      // The other widgets of the page let go of their connections: the race needs the browser's
      // HTTP/1.1 connections to this host (6 at most) for its own clients.
      claimPage(this.options.owner, true);
      this.setPhase('starting', this.words.starting);
      this.start = await labApi.race(lab, {
        rate: choice.rate,
        payloadBytes: choice.payloadBytes,
        durationMs: choice.durationMs,
      });
      if (this.stopped) {
        // Stopped while the server was starting it: nobody will read this race.
        labApi.stopRace(lab).catch(() => {});
        return;
      }
      this.startedAt = new Date();
      this.openClients(this.start);
      this.setPhase('racing', this.words.racing);
      this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
    } catch (err) {
      this.fail(this.words.couldNotStart(this.errorWords(err)));
    }
  }

  /** The learner's fault, during the race: every connection of the lab cut, or the channel's history lost. */
  async inject(kind: Fault['kind']): Promise<void> {
    if (this.phase !== 'racing') return;
    const at = localNow();
    for (const lane of Object.values(this.lanes)) {
      if (lane.faultAt === null && lane.recoveryMs === null) lane.faultAt = at;
    }
    try {
      const { dropped } = kind === 'cut' ? await labApi.cut(this.options.lab) : await labApi.restart(this.options.lab);
      this.faults.push({ kind, at: this.elapsed(), dropped });
      this.message = kind === 'cut' ? this.words.cut(dropped) : this.words.restart(dropped);
    } catch (err) {
      this.message = this.words.faultFailed(this.errorWords(err));
    }
    this.options.onChange();
  }

  /** Stops the race early: clients closed, the server's publisher stopped. */
  abort(reason: string): void {
    if (this.phase === 'idle' || this.phase === 'done' || this.phase === 'error') return;
    this.stopped = true;
    this.closeClients();
    if (this.start) labApi.stopRace(this.options.lab).catch(() => {});
    this.setPhase('idle', reason);
  }

  /** Every delivery each technique has seen: the numbers the live table shows. */
  private newLane(technique: TechniqueId, epoch: string, after: number): Lane {
    return {
      technique,
      state: 'idle',
      tally: new DeliveryTally(epoch, after),
      requestsSeen: 0,
      emptyResponses: 0,
      reconnects: 0,
      faultAt: null,
      noticedFault: false,
      recoveryMs: null,
    };
  }

  private openClients(start: RaceStart): void {
    const { lab, choice } = this.options;
    this.openedAt = localNow();
    for (const technique of TECHNIQUE_IDS) {
      const lane = (this.lanes[technique] = this.newLane(technique, start.epoch, start.after));
      // A stream (an event stream, a WebSocket) is one HTTP request per connection, which onWire does
      // not report: the page counts it when it goes live, and again at each retry.
      const stream = holdsOneConnection(technique);
      const client = openFeed(technique, {
        channel: start.channel,
        lab,
        after: start.after,
        epoch: start.epoch,
        onState: (state) => {
          lane.state = state;
          if (state === 'live' && stream && lane.requestsSeen === 0) lane.requestsSeen = 1;
        },
        onEvent: (event) => {
          const receivedAt = this.serverNow();
          // The feed's epoch is the history this event belongs to (set before the callback).
          if (lane.tally.event(event.seq, event.time, receivedAt, client.epoch)) {
            const key = `${lane.tally.currentEpoch}:${event.seq}`;
            if (!this.publishedAt.has(key)) this.publishedAt.set(key, event.time);
          }
          if (lane.faultAt !== null && lane.noticedFault) {
            lane.recoveryMs = localNow() - lane.faultAt;
            lane.faultAt = null;
          }
        },
        onGap: ({ missed }) => lane.tally.gap(missed),
        onReset: ({ epoch }) => {
          lane.tally.reset(epoch);
          lane.noticedFault = true;
        },
        onReconnect: () => {
          lane.reconnects++;
          lane.noticedFault = true;
          // A stream's retry is a new HTTP request (a GET, or a GET + Upgrade).
          if (stream) lane.requestsSeen++;
        },
        onWire: (activity) => {
          if (activity.kind === 'request') lane.requestsSeen++;
          if (activity.kind === 'response' && activity.events === 0) lane.emptyResponses++;
        },
        // Each client reads the option of its own technique: the poll's interval, the long poll's hold.
        intervalMs: choice.intervalMs,
        timeoutMs: LONG_POLL_TIMEOUT_MS,
      });
      this.clients.push(client);
    }
  }

  private async refresh(): Promise<void> {
    // A slow answer must not overlap the next tick: two of them could both decide the race is over.
    if (this.stopped || !this.start || this.refreshing) return;
    this.refreshing = true;
    try {
      [this.status, this.server] = await Promise.all([
        labApi.raceStatus(this.options.lab),
        labApi.connections(this.options.lab),
      ]);
    } catch {
      return; // a missed refresh is made up by the next one
    } finally {
      this.refreshing = false;
    }
    if (this.stopped) return;
    const published = !this.status.running;
    if (published && this.phase === 'racing') this.setPhase('finishing', this.words.finishing);
    const deadline = this.start.endsAt + this.options.choice.intervalMs + CATCH_UP_MS;
    if (published && (this.allCaughtUp(this.status) || this.serverNow() > deadline)) await this.finish(this.status);
    else this.options.onChange();
  }

  private allCaughtUp(status: RaceStatus): boolean {
    return TECHNIQUE_IDS.every((t) => this.lanes[t].tally.reconcile(status.segments).lostSilently === 0);
  }

  private async finish(status: RaceStatus): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    const windowMs = localNow() - this.openedAt;
    this.closeClients();
    try {
      // Read after closing: the last bytes (close frames, the final answers) are in the counts.
      await new Promise((r) => setTimeout(r, 300));
      this.server = await labApi.connections(this.options.lab);
      this.status = await labApi.raceStatus(this.options.lab).catch(() => status);
      this.result = buildResult({
        startedAt: this.startedAt,
        userAgent: navigator.userAgent,
        choice: this.options.choice,
        clock: this.clock!,
        status: this.status,
        windowMs,
        faults: this.faults,
        clients: perTechnique(({ id }) => {
          const lane = this.lanes[id];
          return {
            outcome: lane.tally.reconcile(this.status!.segments),
            resets: lane.tally.resets,
            reconnects: lane.reconnects,
            requestsSeenByPage: lane.requestsSeen,
            emptyResponses: asksPerRequest(id) ? lane.emptyResponses : null,
            recoveryMs: lane.recoveryMs,
          };
        }),
        server: this.server.byTechnique,
        features: {
          fetch: typeof fetch === 'function',
          eventSource: typeof EventSource === 'function',
          webSocket: typeof WebSocket === 'function',
        },
        codeLines: this.options.codeLines,
        evidence: raceWords(this.options.lang ?? 'en').evidence,
      });
      this.setPhase('done', this.words.done(this.status.published, (this.options.choice.durationMs / 1000).toFixed(0)));
    } catch (err) {
      this.fail(this.words.countsFailed(this.errorWords(err)));
    }
  }

  private closeClients(): void {
    clearInterval(this.timer);
    for (const client of this.clients) client.close();
    this.clients = [];
    for (const lane of Object.values(this.lanes)) lane.state = 'idle';
    claimPage(this.options.owner, false);
  }

  /** A failed lab call in the page's words. */
  private errorWords(err: unknown): string {
    return labErrorWords(widgetWords(this.options.lang ?? 'en').common, err);
  }

  private fail(message: string): void {
    this.stopped = true;
    this.closeClients();
    this.setPhase('error', message);
  }

  private setPhase(phase: Phase, message: string): void {
    this.phase = phase;
    this.message = message;
    this.options.onChange();
  }
}
