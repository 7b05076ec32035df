/**
 * What the home page's teaser says (src/widgets/teaser/): every technique reading one channel side by
 * side. This English file defines the type; ../ko/widgetsTeaser.ts is of it. Its own area, so the pages
 * without a teaser do not load its words.
 */
import { TECHNIQUES, type TechniqueId } from '../../../protocol/techniques.ts';

export const teaserWidgetStrings = {
  states: { idle: 'Stopped', connecting: 'Connecting…', live: 'Live', error: 'Error' },
  start: 'Start',
  stop: 'Stop',
  /** A column's heading. */
  names: Object.fromEntries(TECHNIQUES.map((t) => [t.id, t.name])) as Record<TechniqueId, string>,
  aria: (count: number, channel: string) => `${count} techniques side by side, reading the ${channel} channel`,
  /** The title, around the channel's name in code: [strong, before, after]. */
  title: (count: number): readonly [string, string, string] => [
    `${count} techniques, one channel`,
    ' · ',
    `, read ${count} ways at once`,
  ],
  interval: 'Polling interval',
  pausedHidden:
    "Paused while this tab is hidden: a hidden tab would still hold the browser's connections to this site.",
  pausedClaimed: "Paused: another experiment on this page needs all of the browser's connections for a moment.",
  stoppedNote: 'Stopped. Press Start to open them all again; each resumes after the last event it showed.',
  failed: (why: string) => `Stopped by an error: ${why}`,
  allLive: (count: number) => `All ${count} are live on the same channel.`,
  caption: 'Measured in this page since it opened (polling: since its interval was set)',
  rows: {
    state: 'State',
    events: 'Events',
    requests: 'HTTP requests',
    empty: 'Empty answers',
    meanLag: 'Average lag',
    worstLag: 'Worst lag',
  },
  none: 'none',
  /** Short enough for a phone's column; the space before the unit does not break. */
  lag: (ms: number) => (ms < 1000 ? `${Math.round(ms)}\u00a0ms` : `${(ms / 1000).toFixed(1)}\u00a0s`),
  note: (interval: string) =>
    `Lag: how long after the first of them to show an event this technique showed it, timed in this page. Short polling asks every ${interval}; the others are told as soon as the event exists.`,
};

export type TeaserWidgetStrings = typeof teaserWidgetStrings;
