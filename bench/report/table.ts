// The run's summary as a plain-text table for the terminal.
import type { BenchResults } from './results.ts';
import { formatMet, formatRatio, formatValue, summaryRows } from './summary.ts';

export function renderTable(results: BenchResults): string {
  const header = ['section', 'technique', 'figure', 'project', 'baseline', 'ratio', 'target', ''];
  const body = summaryRows(results).map((r) => [
    r.section,
    r.techniqueName,
    r.figure,
    formatValue(r.project, r.unit),
    formatValue(r.baseline, r.unit),
    formatRatio(r.ratio),
    r.target ?? '',
    formatMet(r.met),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i >= 3 && i <= 5 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const m = results.machine;
  return [
    `${results.command}: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}${m.loadAverage ? `, load average ${m.loadAverage.start} → ${m.loadAverage.end}` : ''}; ratio = project / bare baseline`,
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...body.map(line),
  ].join('\n');
}
