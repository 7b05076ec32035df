// The lab API, /api/lab/:id/…: a learner's page reads the bytes of its own connections and breaks
// them on purpose. Which connections are a lab's is decided in tagged-requests.ts.
import type { HttpBindings } from '@hono/node-server';
import type { Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Deps } from '../context.ts';
import { ApiError } from '../errors.ts';
import { clientIp } from '../limits.ts';
import { labChannel, PUBLISH_PLAN_MAX } from '../../protocol/lab.ts';
import { parsePublishPlan, parseRefusePlan } from './grading.ts';
import { appendToLab } from './lab-channel.ts';
import { readJsonBody } from '../json-body.ts';
import { RaceRun, parseRaceSettings } from './race.ts';
import { checkLabId } from './tagged-requests.ts';
import { parseCursor } from '../transports/admission.ts';

type Env = { Bindings: HttpBindings };

/** What the routes use: the server's parts and the labs. */
export type LabRouteContext = Pick<Deps, 'config' | 'store' | 'metrics' | 'publishLimiter' | 'labs'>;

/** Events published past the retention by a provoked gap: how many the returning client is told it missed. */
const GAP_MISSED = 5;
/** A provoked gap publishes RETENTION + 5 events at once; past this, it would be a load test, not a demo. */
const GAP_MAX_PUBLISH = 10_005;
/** A race's settings are three numbers; a publish or refusal plan a few more. */
const RACE_BODY_MAX_BYTES = 1024;
/** A staged lost ack waits this long for the lab's next WebSocket publish. */
const DROP_ACK_ARMED_MS = 10_000;
/** Events `GET /api/lab/:id/log` answers with at most, per page. */
const LOG_PAGE = 1000;

/**
 * Fault injections count against the client's publish rate: a provoked gap publishes a thousand
 * events, and a cut is cheap to ask for but not to serve a thousand times a second.
 */
function rateLimited(deps: LabRouteContext): MiddlewareHandler<Env> {
  return async (c, next) => {
    const rate = await deps.publishLimiter.take(clientIp(c.env.incoming, deps.config.TRUST_PROXY));
    if (!rate.allowed) {
      throw new ApiError('rate_limited', `Too many requests from your address; retry in ${rate.retryAfterSec} s.`, {
        'Retry-After': String(rate.retryAfterSec),
      });
    }
    await next();
  };
}

export function labRoutes(app: Hono<Env>, deps: LabRouteContext): void {
  app.use('/api/lab/:id/*', async (c, next) => {
    checkLabId(c.req.param('id') ?? '');
    await next();
  });
  for (const action of ['cut', 'restart', 'gap', 'race', 'exercise', 'publish', 'refuse', 'repeat', 'drop-ack'])
    app.post(`/api/lab/:id/${action}`, rateLimited(deps));

  const smallBody = bodyLimit({
    maxSize: RACE_BODY_MAX_BYTES,
    onError: () => {
      throw new ApiError(
        'payload_too_large',
        `A race, a publish or a refusal plan is a small JSON object (at most ${RACE_BODY_MAX_BYTES} bytes).`,
      );
    },
  });
  app.get('/api/lab/:id/wire', (c) => {
    // `after` here is an entry number of the capture, with the same syntax as a channel's cursor.
    const { after } = parseCursor(c.req.query('after'), undefined);
    // Reading does not create a lab: ids nobody has connected with cost nothing.
    const lab = deps.labs.get(c.req.param('id'));
    const wire = lab ? lab.wire(after ?? 0) : { entries: [], next: 0, dropped: 0 };
    return c.json(wire, 200, { 'Cache-Control': 'no-store' });
  });

  app.get('/api/lab/:id/connections', (c) => {
    const lab = deps.labs.get(c.req.param('id'));
    const stats = lab
      ? lab.stats()
      : {
          live: 0,
          peakLive: 0,
          connections: [],
          totals: { up: { header: 0, framing: 0, payload: 0 }, down: { header: 0, framing: 0, payload: 0 } },
        };
    return c.json({ channel: labChannel(c.req.param('id')), ...stats }, 200, { 'Cache-Control': 'no-store' });
  });

  app.post('/api/lab/:id/cut', (c) => {
    return c.json(deps.labs.open(c.req.param('id')).cut());
  });

  // A restart of a server with an in-memory store: every connection drops and the history is gone,
  // so clients come back with a cursor from a lost epoch and are told to reset. Only this learner's
  // private channel is reset: shared channels (the ticker) belong to everyone.
  app.post('/api/lab/:id/restart', async (c) => {
    const lab = deps.labs.open(c.req.param('id'));
    const { dropped } = lab.cut();
    const bounds = await deps.store.reset(labChannel(lab.id));
    return c.json({ channel: labChannel(lab.id), epoch: bounds.epoch, dropped });
  });

  // While the learner's connections are down, more events are published than the server retains:
  // the client comes back with a cursor older than the oldest event kept and is told about a gap.
  app.post('/api/lab/:id/gap', async (c) => {
    const publish = deps.config.RETENTION + GAP_MISSED;
    if (publish > GAP_MAX_PUBLISH) {
      throw new ApiError(
        'gap_unavailable',
        `This server retains ${deps.config.RETENTION} events per channel; provoking a gap would take ${publish} publishes, more than the ${GAP_MAX_PUBLISH} this demo allows.`,
      );
    }
    const lab = deps.labs.open(c.req.param('id'));
    const { dropped } = lab.cut();
    for (let i = 1; i <= publish; i++) await appendToLab(deps, lab.channel, { flood: i, of: publish });
    return c.json({ channel: labChannel(lab.id), published: publish, retention: deps.config.RETENTION, dropped });
  });

  // The race: the server publishes on lab-<id> at the learner's rate and size, in place of the tick,
  // while the page's clients (one per technique) read it. Starting another race replaces this one.
  app.post('/api/lab/:id/race', smallBody, async (c) => {
    const settings = parseRaceSettings(await readJsonBody(c, 'the race settings'));
    const lab = deps.labs.open(c.req.param('id'));
    lab.channel.stopPublisher();
    const running = deps.labs
      .all()
      .filter((l) => l.channel.publisher instanceof RaceRun && l.channel.publisher.running).length;
    if (running >= deps.config.LAB_MAX_RACES) {
      throw new ApiError(
        'race_busy',
        `${running} races are running on this server, its most at once; retry in a few seconds.`,
        { 'Retry-After': '5' },
      );
    }
    const channel = labChannel(lab.id);
    // The race owns the channel before its start is read, so no tick can slip in between: from this
    // cursor on, the clients read the race's events and nothing else.
    const race = new RaceRun({ settings, append: (data) => appendToLab(deps, lab.channel, data) });
    lab.channel.publisher = race;
    let bounds: Awaited<ReturnType<typeof deps.store.bounds>>;
    try {
      bounds = await deps.store.bounds(channel);
    } catch (err) {
      race.stop();
      throw err;
    }
    return c.json(
      {
        channel,
        epoch: bounds.epoch,
        after: bounds.head,
        startsAt: race.startsAt,
        endsAt: race.endsAt,
        planned: race.planned,
        settings,
      },
      201,
    );
  });

  // The exercises' grader (section 10 of the contract): a grading run claims the lab's channel, keeps
  // it quiet but for the planned events, logs the lab's requests and stages refusals.
  app.post('/api/lab/:id/exercise', async (c) => {
    const lab = deps.labs.open(c.req.param('id'));
    const run = lab.startGrading();
    const bounds = await deps.store.bounds(lab.channel.name);
    return c.json(
      { channel: lab.channel.name, epoch: bounds.epoch, head: bounds.head, quietUntil: run.quietEnds },
      201,
    );
  });

  app.post('/api/lab/:id/publish', smallBody, async (c) => {
    const plan = parsePublishPlan(await readJsonBody(c, 'the publish plan'), PUBLISH_PLAN_MAX);
    const lab = deps.labs.open(c.req.param('id'));
    lab.grading?.touch();
    // Cut first, then publish at once: the events are appended while the client is down (the lab
    // refuses its new connections for 300 ms after a cut, longer than these appends take).
    const dropped = plan.cut ? lab.cut().dropped : 0;
    let first = 0;
    let last = 0;
    let epoch = '';
    for (let n = 1; n <= plan.count; n++) {
      const { event, epoch: e } = await appendToLab(deps, lab.channel, { n, of: plan.count });
      if (n === 1) first = event.seq;
      last = event.seq;
      epoch = e;
    }
    if (plan.count === 0) {
      const bounds = await deps.store.bounds(lab.channel.name);
      [first, last, epoch] = [bounds.head + 1, bounds.head, bounds.epoch];
    }
    return c.json({ channel: lab.channel.name, epoch, first, last, dropped }, 201);
  });

  app.post('/api/lab/:id/refuse', smallBody, async (c) => {
    const plan = parseRefusePlan(await readJsonBody(c, 'the refusal plan'));
    const lab = deps.labs.open(c.req.param('id'));
    const run = lab.grading ?? lab.startGrading();
    const record = run.refuse(plan);
    const dropped = plan.cut ? lab.cut().dropped : 0;
    return c.json({ ...record, count: plan.count, dropped }, 201);
  });

  app.post('/api/lab/:id/drop-ack', (c) => {
    const lab = deps.labs.open(c.req.param('id'));
    lab.dropAckUntil = Date.now() + DROP_ACK_ARMED_MS;
    return c.json({ armed: true, untilMs: DROP_ACK_ARMED_MS });
  });

  app.post('/api/lab/:id/repeat', (c) => {
    const lab = deps.labs.get(c.req.param('id'));
    return c.json({ repeated: lab ? lab.repeatLastEvent() : 0 });
  });

  app.get('/api/lab/:id/requests', (c) => {
    const report = deps.labs.get(c.req.param('id'))?.grading?.report() ?? { requests: [], dropped: 0, outages: [] };
    return c.json(report, 200, { 'Cache-Control': 'no-store' });
  });

  // The lab channel's log as the server keeps it, for the grader: read here, not through a poll, so
  // that the grader's own reads are never counted among the learner's requests.
  app.get('/api/lab/:id/log', async (c) => {
    const { after } = parseCursor(c.req.query('after'), undefined);
    const channel = labChannel(c.req.param('id'));
    const { bounds, events } = await deps.store.read(channel, (after ?? 0) + 1, LOG_PAGE);
    return c.json(
      {
        channel,
        epoch: bounds.epoch,
        oldest: bounds.oldest,
        head: bounds.head,
        events: events.map((e) => ({ seq: e.seq, time: e.time, data: e.data })),
      },
      200,
      { 'Cache-Control': 'no-store' },
    );
  });

  app.get('/api/lab/:id/race/status', (c) => {
    const race = deps.labs.get(c.req.param('id'))?.channel.publisher;
    if (!(race instanceof RaceRun))
      throw new ApiError('not_found', 'No race was started for this lab (POST /api/lab/<id>/race starts one).');
    return c.json(race.status(), 200, { 'Cache-Control': 'no-store' });
  });

  app.post('/api/lab/:id/race/stop', (c) => {
    const race = deps.labs.get(c.req.param('id'))?.channel.publisher;
    if (!(race instanceof RaceRun)) throw new ApiError('not_found', 'No race was started for this lab.');
    race.stop();
    return c.json(race.status());
  });
}
