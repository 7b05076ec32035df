/**
 * The browser measurements the lessons quote, as committed by `npm run measure` (scripts/measure.ts):
 * one recorded race of the comparison lesson, and what each console example of content/snippets/
 * printed in Chromium. Lessons read their figures from here at build time, and say where they come
 * from with the sentences below, so a number in a lesson never outlives the run behind it.
 */
import console_ from '../../content/measurements/console.json' with { type: 'json' };
import race from '../../content/measurements/race.json' with { type: 'json' };
import type { TechniqueId } from '../../protocol/techniques.ts';
import { t } from '../i18n/catalogue.ts';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locales.ts';
import type { RaceResult } from '../widgets/race/result.ts';
import { verdictTable, type Row, type RunNumbers } from '../widgets/race/verdicts.ts';

export interface RecordedRace {
  measuredAt: string;
  command: string;
  browser: string;
  query: string;
  cutAfterMs: number;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGiB: number;
    os: string;
    node: string;
    loadAverage1m: { before: number; after: number };
  };
  note: string;
  features: RunNumbers['features'];
  run: RaceResult;
}

export const RACE = race as unknown as RecordedRace;

export interface ConsoleRun {
  measuredAt: string;
  command: string;
  browser: string;
  machine: { cpus: number; cpuModel: string; loadAverage1m: number };
  snippets: Record<string, { sha256: string; printed: string[] }>;
}

export const CONSOLE = console_ as unknown as ConsoleRun;

/** What the console example content/snippets/<file> printed, line by line. */
export function printed(file: string): string[] {
  const run = CONSOLE.snippets[file];
  if (!run)
    throw new Error(`content/measurements/console.json has no run of content/snippets/${file}: run npm run measure.`);
  return run.printed;
}

const day = (iso: string) => iso.slice(0, 10);

/**
 * "Chromium 156.0.8078.114 on 2026-12-01" ("2026-12-01, Chromium 156.0.8078.114" in Korean): where a
 * console output was copied from.
 */
export const consoleProvenance = (locale: Locale = DEFAULT_LOCALE): string =>
  locale === 'ko'
    ? `${day(CONSOLE.measuredAt)}, ${CONSOLE.browser}`
    : `${CONSOLE.browser} on ${day(CONSOLE.measuredAt)}`;

/** The recorded race as the verdict table reads a run, with the line counts of the code as it is now. */
export function recordedRunNumbers(codeLines?: RunNumbers['codeLines']): RunNumbers {
  const { run } = RACE;
  return {
    settings: { rate: run.choice.rate, payloadBytes: run.choice.payloadBytes, intervalMs: run.choice.intervalMs },
    windowMs: run.windowMs,
    faults: {
      cuts: run.faults.filter((f) => f.kind === 'cut').length,
      restarts: run.faults.filter((f) => f.kind === 'restart').length,
    },
    techniques: run.techniques,
    features: RACE.features,
    codeLines,
  };
}

/**
 * The source post's table judged by the recorded race (and today's line counts, when given), its
 * evidence in `locale`'s words (the catalogue's race area).
 */
export const recordedTable = (codeLines?: RunNumbers['codeLines'], locale: Locale = DEFAULT_LOCALE): Row[] =>
  verdictTable(recordedRunNumbers(codeLines), t(locale).widgetsRace.evidence);

/** One technique's figures in the recorded race. */
export const raced = (technique: TechniqueId) => RACE.run.techniques[technique];

/** Seconds as the lessons print them, one decimal at most: "2.5 s", in Korean "2.5초". */
export const seconds = (ms: number, locale: Locale = DEFAULT_LOCALE): string =>
  `${+(ms / 1000).toFixed(1)}${locale === 'ko' ? '초' : ' s'}`;

/**
 * The recorded race in one sentence: settings, the fault, the browser, the machine and its load. Every
 * lesson that quotes a figure of the race links to it with this; a Korean lesson writes
 * `raceProvenance('ko')`, a list of noun phrases with no particle after a value.
 */
export function raceProvenance(locale: Locale = DEFAULT_LOCALE): string {
  const { run, machine } = RACE;
  const c = run.choice;
  if (locale === 'ko') {
    const cuts = run.faults.filter((f) => f.kind === 'cut').map((f) => seconds(f.at * 1000, 'ko'));
    return (
      `경주 ${seconds(c.durationMs, 'ko')}, 초당 이벤트 ${c.rate}개, 이벤트당 데이터 ${c.payloadBytes} B, 폴링 간격 ${seconds(c.intervalMs, 'ko')}` +
      `${cuts.length > 0 ? `, 모든 연결 끊기 ${cuts.join(', ')} 시점` : ''}; ` +
      `브라우저 ${RACE.browser}, 서버와 같은 머신(코어 ${machine.cpus}개, ${machine.cpuModel}, 시작 시 부하 평균 ${machine.loadAverage1m.before}), 루프백 연결, 측정일 ${day(RACE.measuredAt)}`
    );
  }
  const cuts = run.faults.filter((f) => f.kind === 'cut').map((f) => seconds(f.at * 1000));
  return (
    `a ${seconds(c.durationMs)} race at ${c.rate} events/s with ${c.payloadBytes} B of data per event, polling every ${seconds(c.intervalMs)}` +
    `${cuts.length > 0 ? `, every connection cut ${cuts.join(' and ')} in` : ''}; ` +
    `${RACE.browser} and the server on one machine (${machine.cpus} cores, ${machine.cpuModel}, load average ${machine.loadAverage1m.before} when it started), over loopback, on ${day(RACE.measuredAt)}`
  );
}

/** Milliseconds as the lessons print them: whole above 10, one decimal below ("ms" in Korean too). */
export const ms = (value: number, _locale: Locale = DEFAULT_LOCALE): string =>
  `${value >= 10 ? Math.round(value) : +value.toFixed(1)} ms`;
