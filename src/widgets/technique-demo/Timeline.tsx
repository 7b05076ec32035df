/**
 * The demo's timeline: the last WINDOW_MS of what crossed the wire, time running left to right. Kinds
 * differ by shape and label, never by colour alone: a request is a bar ending in a dot (events), a
 * hollow square (empty answer) or a cross (no answer); a stream or socket is a thick line; an event is
 * a triangle with its seq; an injected fault or a server notice is a dashed line with a word.
 * The same items are listed in words below the drawing, for screen readers and anyone who prefers text.
 */
import type { TimelineItem } from './use-lab-feed.ts';

const WINDOW_MS = 20_000;
const WIDTH = 640;
const LEFT = 88;
const RIGHT = 12;
const LANE_WIRE = 26;
const LANE_EVENTS = 62;
const AXIS = 92;
const HEIGHT = 108;
const TEXT_ITEMS = 12;

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  fractionalSecondDigits: 3,
  hour12: false,
});

function describe(item: TimelineItem): string {
  switch (item.kind) {
    case 'request': {
      const took = item.end === null ? 'still waiting for its answer' : `${item.end - item.start} ms`;
      const what =
        item.outcome === 'events'
          ? `answered with ${item.events} event${item.events === 1 ? '' : 's'}`
          : item.outcome === 'empty'
            ? 'answered with nothing new (empty)'
            : item.outcome === 'failed'
              ? 'got no answer: the connection failed'
              : item.outcome === 'cancelled'
                ? 'cancelled by the page'
                : 'sent';
      return `Request ${item.id} ${what}, ${took}.`;
    }
    case 'link':
      return item.end === null
        ? 'Connection open.'
        : `Connection ${item.dropped ? 'dropped' : 'closed by the page'} after ${((item.end - item.start) / 1000).toFixed(1)} s.`;
    case 'event':
      return `Event seq ${item.seq} arrived${item.verdict === 'duplicate' ? ' a second time (duplicate)' : item.verdict === 'loss' ? ' after a hole: events before it were lost' : ''}.`;
    case 'mark':
      return `${item.label[0]!.toUpperCase()}${item.label.slice(1)}: ${item.detail}.`;
  }
}

const startOf = (item: TimelineItem) => ('start' in item ? item.start : item.at);

interface Props {
  items: readonly TimelineItem[];
  now: number;
  /** "Requests" for the polling techniques, "Connection" for SSE and WebSocket. */
  wireLabel: string;
}

export default function Timeline({ items, now, wireLabel }: Props) {
  const x = (t: number) => LEFT + ((t - (now - WINDOW_MS)) / WINDOW_MS) * (WIDTH - LEFT - RIGHT);
  const visible = items.filter(
    (item) =>
      ('end' in item && item.end === null) ||
      Math.max(startOf(item), 'end' in item ? (item.end ?? now) : 0) >= now - WINDOW_MS,
  );
  const clampX = (t: number) => Math.max(LEFT, x(t));

  const counts = { requests: 0, empty: 0, events: 0, failed: 0, marks: 0 };
  for (const item of visible) {
    if (item.kind === 'request') {
      counts.requests++;
      if (item.outcome === 'empty') counts.empty++;
      if (item.outcome === 'failed') counts.failed++;
    } else if (item.kind === 'event') counts.events++;
    else if (item.kind === 'mark') counts.marks++;
  }
  const summary = `Timeline of the last ${WINDOW_MS / 1000} seconds: ${counts.requests} requests (${counts.empty} empty, ${counts.failed} failed), ${counts.events} events, ${counts.marks} notices. The same items are listed in words after the drawing.`;

  // Event labels only where they do not overlap the previous one.
  let lastLabelX = -Infinity;
  const recent = items.slice(-TEXT_ITEMS).reverse();

  return (
    <figure class="w-timeline">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary}>
        <text x={4} y={LANE_WIRE + 4} class="w-tl-lane">
          {wireLabel}
        </text>
        <text x={4} y={LANE_EVENTS + 4} class="w-tl-lane">
          Events
        </text>
        <line x1={LEFT} x2={WIDTH - RIGHT} y1={AXIS} y2={AXIS} class="w-tl-axis" />
        {[20, 15, 10, 5, 0].map((s) => (
          <text
            key={s}
            x={x(now - s * 1000)}
            y={HEIGHT - 2}
            class="w-tl-tick"
            text-anchor={s === 20 ? 'start' : s === 0 ? 'end' : 'middle'}
          >
            {s === 0 ? 'now' : `−${s} s`}
          </text>
        ))}
        {visible.map((item, i) => {
          if (item.kind === 'request') {
            const x1 = clampX(item.start);
            const x2 = Math.max(x1 + 2, x(item.end ?? now));
            return (
              <g key={`r${item.id}-${item.start}`} class={`w-tl-request w-tl-${item.outcome ?? 'pending'}`}>
                <rect x={x1} y={LANE_WIRE - 4} width={x2 - x1} height={8} rx={2} />
                {item.outcome === 'events' && <circle cx={x2} cy={LANE_WIRE} r={5} />}
                {item.outcome === 'empty' && (
                  <rect x={x2 - 4} y={LANE_WIRE - 4} width={8} height={8} class="w-tl-hollow" />
                )}
                {item.outcome === 'failed' && (
                  <path d={`M${x2 - 5} ${LANE_WIRE - 5}l10 10m0 -10l-10 10`} class="w-tl-cross" />
                )}
                {item.outcome === 'events' && (
                  <text x={x2} y={LANE_WIRE - 8} class="w-tl-label" text-anchor="middle">
                    {item.events}
                  </text>
                )}
                {item.outcome === 'empty' && (
                  <text x={x2} y={LANE_WIRE - 8} class="w-tl-label" text-anchor="middle">
                    ∅
                  </text>
                )}
              </g>
            );
          }
          if (item.kind === 'link') {
            const x1 = clampX(item.start);
            const x2 = x(item.end ?? now);
            return (
              <g key={`l${item.start}`} class="w-tl-link">
                <line x1={x1} x2={x2} y1={LANE_WIRE} y2={LANE_WIRE} />
                {item.dropped && <path d={`M${x2 - 5} ${LANE_WIRE - 5}l10 10m0 -10l-10 10`} class="w-tl-cross" />}
              </g>
            );
          }
          if (item.kind === 'event') {
            const ex = x(item.at);
            if (ex < LEFT) return null;
            // Room for a three-digit seq in the larger text of a narrow widget.
            const showLabel = ex - lastLabelX > 34;
            if (showLabel) lastLabelX = ex;
            return (
              <g key={`e${item.seq}-${item.at}-${i}`} class={`w-tl-event w-tl-${item.verdict}`}>
                {item.verdict === 'ok' ? (
                  <path d={`M${ex} ${LANE_EVENTS - 6}l6 10h-12z`} />
                ) : (
                  <path d={`M${ex} ${LANE_EVENTS - 7}l7 7l-7 7l-7 -7z`} />
                )}
                {showLabel && (
                  <text x={ex} y={LANE_EVENTS + 17} class="w-tl-label" text-anchor="middle">
                    {item.verdict === 'ok' ? item.seq : `${item.seq}!`}
                  </text>
                )}
              </g>
            );
          }
          const mx = x(item.at);
          if (mx < LEFT) return null;
          return (
            <g key={`m${item.at}-${item.label}`} class="w-tl-mark">
              <line x1={mx} x2={mx} y1={8} y2={AXIS} />
              <text x={mx + 3} y={10} class="w-tl-label">
                {item.label}
              </text>
            </g>
          );
        })}
      </svg>
      <p class="w-tl-legend" aria-hidden="true">
        {wireLabel === 'Requests'
          ? '▬ request (dashed while waiting) · ● answered with events (count above) · □ ∅ empty answer · ✕ no answer'
          : '━ connection open · ✕ connection dropped'}
        {' · ▲ event (seq below) · ◆ duplicate or after a hole · ┆ a fault you injected or a server notice'}
      </p>
      <details class="w-tl-text">
        <summary>Timeline in words (latest first)</summary>
        {/* A box of fixed height that scrolls: the list changes with every event, the page around it must not move. */}
        <ol class="w-log" tabIndex={0} aria-label="Timeline in words, latest first">
          {recent.length === 0 ? (
            <li>Nothing has happened yet.</li>
          ) : (
            recent.map((item, i) => (
              <li key={i}>
                <time>{timeFormat.format(startOf(item))}</time> {describe(item)}
              </li>
            ))
          )}
        </ol>
      </details>
    </figure>
  );
}
