/**
 * The demo's timeline: the last few seconds of what crossed the wire, time running left to right. Kinds
 * differ by shape and label, never by colour alone: a request is a bar ending in a dot (events), a
 * hollow square (empty answer) or a cross (no answer); a stream or socket is a thick line; an event is
 * a triangle with its seq; a burst (a replayed backlog) is one band with its count; an injected fault or
 * a server notice is a dashed line with a word.
 * The same items are listed in words below the drawing, for screen readers and anyone who prefers text.
 *
 * The drawing has no viewBox: x is a percentage of its width and everything else is in CSS pixels, so
 * its text keeps its real size at any width (a scaled drawing had 6 px text on a phone). A narrow
 * drawing shows a shorter window, so that what is in it keeps its room.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { widgetWords } from '../shared/words.ts';
import type { WidgetStrings } from '../../i18n/en/widgets.ts';
import type { Locale } from '../../i18n/locales.ts';
import type { TimelineItem } from './use-lab-feed.ts';

/** Below this width (CSS px) the window is NARROW_WINDOW_MS: 20 s in 300 px left under 15 px per second. */
const NARROW_PX = 440;
const WIDE_WINDOW_MS = 20_000;
const NARROW_WINDOW_MS = 10_000;
/** Rows, in CSS px from the top: two rows of notice words, then each lane under its own title. */
const MARK_ROWS = [12, 26];
const WIRE_TITLE = 42;
const LANE_WIRE = 62;
const EVENTS_TITLE = 86;
const LANE_EVENTS = 104;
const AXIS = 132;
export const TIMELINE_HEIGHT = 152;
/** Room for a four-digit seq in 12 px monospace text. */
const LABEL_PX = 34;
/** The narrowest a burst's band is drawn. */
const BURST_MIN_PX = 8;
/** Room for a notice's word ("restart" is the longest). */
const MARK_LABEL_PX = 62;
const TEXT_ITEMS = 12;
/** The width the static HTML is drawn for, before the browser says how wide the widget is. */
const DEFAULT_WIDTH = 640;

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  fractionalSecondDigits: 3,
  hour12: false,
});

function describe(words: WidgetStrings['timeline'], ms: (n: number) => string, item: TimelineItem): string {
  switch (item.kind) {
    case 'request': {
      const r = words.request;
      const took = item.end === null ? r.waiting : ms(item.end - item.start);
      const what =
        item.outcome === 'events'
          ? r.events(item.events)
          : item.outcome === 'empty'
            ? r.empty
            : item.outcome === 'failed'
              ? r.failed
              : item.outcome === 'cancelled'
                ? r.cancelled
                : r.sent;
      return r.line(item.id, what, took);
    }
    case 'link':
      return item.end === null
        ? words.linkOpen
        : words.linkEnded(item.dropped, ((item.end - item.start) / 1000).toFixed(1));
    case 'event':
      return words.event(item.seq, item.verdict);
    case 'burst':
      return words.burst(item.count, item.first, item.last, item.end - item.start);
    case 'mark':
      return words.markLine(markWord(words, item.label), item.detail);
  }
}

/** The word a notice is drawn with: its kind, in the page's language. */
const markWord = (words: WidgetStrings['timeline'], label: string) => words.markWords[label] ?? label;

const startOf = (item: TimelineItem): number => ('start' in item ? item.start : item.at);
const endOf = (item: TimelineItem, now: number): number => ('end' in item ? (item.end ?? now) : startOf(item));

/** A shape drawn around a point given as a percentage of the width: a nested viewport at that point. */
function At({ x, y, children }: { x: number; y: number; children: ComponentChildren }) {
  return (
    <svg x={`${x}%`} y={y} width={1} height={1} overflow="visible" aria-hidden="true">
      {children}
    </svg>
  );
}

const cross = <path d="M-5 -5l10 10m0 -10l-10 10" class="w-tl-cross" />;

/** The drawing's width in CSS pixels, followed as the widget resizes. */
function useWidth(): [{ current: SVGSVGElement | null }, number] {
  const ref = useRef<SVGSVGElement | null>(null);
  const [width, setWidth] = useState(DEFAULT_WIDTH);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.round(entry.contentRect.width));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

interface Props {
  items: readonly TimelineItem[];
  now: number;
  /** The wire lane: requests for the polling techniques, one connection for the others. */
  lane: 'requests' | 'connection';
  lang?: Locale;
}

export default function Timeline({ items, now, lane, lang = 'en' }: Props) {
  const { timeline: words, common } = widgetWords(lang);
  const [ref, width] = useWidth();
  const windowMs = width < NARROW_PX ? NARROW_WINDOW_MS : WIDE_WINDOW_MS;
  const from = now - windowMs;
  const pct = (t: number) => Math.min(100, Math.max(0, ((t - from) / windowMs) * 100));
  const px = (p: number) => (p / 100) * width;
  const visible = items.filter(
    (item) => ('end' in item && item.end === null) || Math.max(startOf(item), endOf(item, now)) >= from,
  );

  const counts = { requests: 0, empty: 0, events: 0, failed: 0, marks: 0 };
  for (const item of visible) {
    if (item.kind === 'request') {
      counts.requests++;
      if (item.outcome === 'empty') counts.empty++;
      if (item.outcome === 'failed') counts.failed++;
    } else if (item.kind === 'event') counts.events++;
    else if (item.kind === 'burst') counts.events += item.count;
    else if (item.kind === 'mark') counts.marks++;
  }
  const summary = words.summary(
    windowMs / 1000,
    counts.requests,
    counts.empty,
    counts.failed,
    counts.events,
    counts.marks,
  );

  // Labels only where they do not overlap the previous one; a notice's word takes the second row
  // when the first is taken there (a fault and the server's notice often come a moment apart).
  let lastLabelX = -Infinity;
  const markRowEnds = MARK_ROWS.map(() => -Infinity);
  const recent = items.slice(-TEXT_ITEMS).reverse();
  const ticks = windowMs === WIDE_WINDOW_MS ? [20, 15, 10, 5, 0] : [10, 5, 0];

  return (
    <figure class="w-timeline">
      <div class="w-tl-plot">
        <svg ref={ref} width="100%" height={TIMELINE_HEIGHT} role="img" aria-label={summary}>
          <text x={0} y={WIRE_TITLE} class="w-tl-lane">
            {words.lanes[lane]}
          </text>
          <text x={0} y={EVENTS_TITLE} class="w-tl-lane">
            {words.lanes.events}
          </text>
          <line x1="0%" x2="100%" y1={AXIS} y2={AXIS} class="w-tl-axis" />
          {ticks.map((s) => (
            <text
              key={s}
              x={`${pct(now - s * 1000)}%`}
              y={TIMELINE_HEIGHT - 4}
              class="w-tl-tick"
              text-anchor={s === ticks[0] ? 'start' : s === 0 ? 'end' : 'middle'}
            >
              {s === 0 ? words.now : words.ago(s)}
            </text>
          ))}
          {visible.map((item, i) => {
            if (item.kind === 'request') {
              const x1 = pct(item.start);
              const x2 = Math.max(x1 + 0.3, pct(item.end ?? now));
              return (
                <g key={`r${item.id}-${item.start}`} class={`w-tl-request w-tl-${item.outcome ?? 'pending'}`}>
                  <rect x={`${x1}%`} y={LANE_WIRE - 4} width={`${x2 - x1}%`} height={8} rx={2} />
                  <At x={x2} y={LANE_WIRE}>
                    {item.outcome === 'events' && <circle r={5} />}
                    {item.outcome === 'empty' && <rect x={-4} y={-4} width={8} height={8} class="w-tl-hollow" />}
                    {item.outcome === 'failed' && cross}
                    {(item.outcome === 'events' || item.outcome === 'empty') && (
                      <text y={-10} class="w-tl-label" text-anchor="middle">
                        {item.outcome === 'events' ? item.events : '∅'}
                      </text>
                    )}
                  </At>
                </g>
              );
            }
            if (item.kind === 'link') {
              const x1 = pct(item.start);
              const x2 = pct(item.end ?? now);
              return (
                <g key={`l${item.start}`} class="w-tl-link">
                  <line x1={`${x1}%`} x2={`${x2}%`} y1={LANE_WIRE} y2={LANE_WIRE} />
                  {item.dropped && (
                    <At x={x2} y={LANE_WIRE}>
                      {cross}
                    </At>
                  )}
                </g>
              );
            }
            if (item.kind === 'burst') {
              const x1 = pct(item.start);
              // A replay takes a few ms: the band is drawn at least wide enough to be seen as one.
              const bandPx = Math.max(BURST_MIN_PX, px(pct(item.end) - x1));
              const showLabel = px(x1) - lastLabelX > LABEL_PX;
              if (showLabel) lastLabelX = px(x1) + LABEL_PX;
              return (
                <g key={`b${item.first}-${item.start}`} class="w-tl-burst">
                  <At x={x1} y={LANE_EVENTS}>
                    <rect y={-7} width={bandPx} height={14} rx={3} />
                    {showLabel && (
                      <text y={20} class="w-tl-label">
                        {`×${item.count}`}
                      </text>
                    )}
                  </At>
                </g>
              );
            }
            if (item.kind === 'event') {
              if (item.at < from) return null;
              const ex = pct(item.at);
              const showLabel = px(ex) - lastLabelX > LABEL_PX;
              if (showLabel) lastLabelX = px(ex);
              return (
                <g key={`e${item.seq}-${item.at}-${i}`} class={`w-tl-event w-tl-${item.verdict}`}>
                  <At x={ex} y={LANE_EVENTS}>
                    {item.verdict === 'ok' ? <path d="M0 -6l6 10h-12z" /> : <path d="M0 -7l7 7l-7 7l-7 -7z" />}
                    {showLabel && (
                      <text y={20} class="w-tl-label" text-anchor="middle">
                        {item.verdict === 'ok' ? item.seq : `${item.seq}!`}
                      </text>
                    )}
                  </At>
                </g>
              );
            }
            if (item.at < from) return null;
            const mx = pct(item.at);
            const at = px(mx);
            const row = Math.max(
              0,
              markRowEnds.findIndex((end) => at > end),
            );
            markRowEnds[row] = at + MARK_LABEL_PX;
            // Near the right edge the word goes on the left of its line, inside the drawing.
            const before = at + MARK_LABEL_PX > width;
            return (
              <g key={`m${item.at}-${item.label}`} class="w-tl-mark" data-mark={item.label}>
                <line x1={`${mx}%`} x2={`${mx}%`} y1={MARK_ROWS[row]! + 2} y2={AXIS} />
                <text
                  x={`${mx}%`}
                  dx={before ? -3 : 3}
                  y={MARK_ROWS[row]}
                  class="w-tl-label"
                  text-anchor={before ? 'end' : 'start'}
                >
                  {markWord(words, item.label)}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <p class="w-tl-legend" aria-hidden="true">
        {words.legend[lane]}
        {words.legend.common}
      </p>
      <details class="w-tl-text">
        <summary>{words.inWords}</summary>
        {/* A box of fixed height that scrolls: the list changes with every event, the page around it must not move.
            A list without numbers: the latest comes first, so a number would say nothing about order. */}
        <ul class="w-log" tabIndex={0} aria-label={words.inWordsLabel}>
          {recent.length === 0 ? (
            <li>{words.nothingYet}</li>
          ) : (
            recent.map((item, i) => (
              <li key={i}>
                <time>{timeFormat.format(startOf(item))}</time> {describe(words, common.ms, item)}
              </li>
            ))
          )}
        </ul>
      </details>
    </figure>
  );
}
