// Two small SVG chart kinds (lines and grouped bars), self-contained (no script, no external font or CSS),
// titled for screen readers, legible in light and dark pages (they carry their own white background).
const W = 720;
const H = 360;
const PAD = { left: 70, right: 20, top: 44, bottom: 90 };
const COLORS = ['#1f6feb', '#d1242f', '#1a7f37', '#9a6700', '#8250df', '#bf3989', '#0a7ea4', '#57606a'];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (v: number) =>
  Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en') : Number(v.toPrecision(3)).toString();

/** Round axis maximum: 1, 2 or 5 times a power of ten at or above `v`. */
export function niceMax(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return ([1, 2, 5, 10].find((m) => m * p >= v) ?? 10) * p;
}

/** A y axis: where a value sits (0 at the bottom of the plot, 1 at the top) and which values get a gridline. */
interface YAxis {
  readonly at: (v: number) => number;
  readonly ticks: readonly number[];
}

/**
 * Linear from 0, or logarithmic over whole decades: latencies from 2 ms to 2 s on one chart are only
 * legible on a log scale.
 */
export function yAxis(values: readonly number[], log = false): YAxis {
  const finite = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  if (!log) {
    const max = niceMax(Math.max(0, ...finite));
    return { at: (v) => v / max, ticks: [0, 0.25, 0.5, 0.75, 1].map((f) => f * max) };
  }
  const lo = Math.floor(Math.log10(Math.min(...finite, 1)));
  const hi = Math.max(lo + 1, Math.ceil(Math.log10(Math.max(...finite, 1))));
  return {
    at: (v) => (Math.log10(Math.max(v, 10 ** lo)) - lo) / (hi - lo),
    ticks: Array.from({ length: hi - lo + 1 }, (_, k) => 10 ** (lo + k)),
  };
}

interface LegendEntry {
  readonly name: string;
  readonly color: string;
  /** A line's entry (its dashes, width and point) rather than a bar's (a filled square). */
  readonly line?: { readonly dash: string; readonly width: number; readonly hollow: boolean };
}

function frame(
  id: string,
  title: string,
  desc: string,
  yLabel: string,
  xLabel: string,
  axis: YAxis,
  inner: string,
  legend: readonly LegendEntry[],
): string {
  const plotH = H - PAD.top - PAD.bottom;
  const ticks = axis.ticks
    .map((v) => {
      const y = PAD.top + plotH * (1 - axis.at(v));
      return `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y}" y2="${y}" stroke="#d0d7de"/><text x="${PAD.left - 6}" y="${y + 4}" text-anchor="end">${num(v)}</text>`;
    })
    .join('');
  const legendItems = legend
    .map((entry, i) => {
      const x = PAD.left + (i % 4) * 160;
      const y = H - 26 + Math.floor(i / 4) * 16;
      if (!entry.line)
        return `<rect x="${x}" y="${y - 9}" width="14" height="10" fill="${entry.color}"/><text x="${x + 18}" y="${y}">${esc(entry.name)}</text>`;
      const { dash, width, hollow } = entry.line;
      return `<line x1="${x}" x2="${x + 24}" y1="${y - 4}" y2="${y - 4}" stroke="${entry.color}" stroke-width="${width}"${dash}/>${point(x + 12, y - 4, entry.color, hollow)}<text x="${x + 28}" y="${y}">${esc(entry.name)}</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="system-ui, sans-serif" font-size="11" fill="#24292f">
<title id="${id}-title">${esc(title)}</title>
<desc id="${id}-desc">${esc(desc)}</desc>
<rect width="${W}" height="${H}" fill="#ffffff"/>
<text x="${PAD.left}" y="22" font-size="14" font-weight="600">${esc(title)}</text>
${ticks}
<text transform="translate(16 ${PAD.top + plotH / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>
<text x="${PAD.left + (W - PAD.left - PAD.right) / 2}" y="${H - 40}" text-anchor="middle">${esc(xLabel)}</text>
${inner}
${legendItems}
</svg>
`;
}

export interface LineSeries {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
  /** A CSS colour; without one, the palette's by the series' position. */
  readonly color?: string;
  /** A stroke-dasharray, so that lines differ without their colours; solid when empty or absent. */
  readonly dash?: readonly number[];
  /** A bare baseline's line: thinner, with hollow points, beside the project's line of the same technique. */
  readonly baseline?: boolean;
}

const colorOf = (i: number) => COLORS[i % COLORS.length]!;
const dashAttr = (dash: readonly number[] | undefined) => (dash?.length ? ` stroke-dasharray="${dash.join(' ')}"` : '');
const point = (cx: number, cy: number, color: string, hollow: boolean) =>
  `<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="3" ${hollow ? `fill="#ffffff" stroke="${color}" stroke-width="1.5"` : `fill="${color}"`}/>`;

export function lineChart(o: {
  id: string;
  title: string;
  desc: string;
  xLabel: string;
  yLabel: string;
  series: readonly LineSeries[];
  limit?: { y: number; label: string };
  logY?: boolean;
}): string {
  const all = o.series.flatMap((s) => s.points);
  const xMax = niceMax(Math.max(0, ...all.map(([x]) => x)));
  const axis = yAxis([...all.map(([, y]) => y), ...(o.limit ? [o.limit.y] : [])], o.logY);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const px = (x: number) => PAD.left + (x / xMax) * plotW;
  const py = (y: number) => PAD.top + plotH * (1 - axis.at(y));
  const xTicks = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => `<text x="${px(xMax * f)}" y="${H - PAD.bottom + 16}" text-anchor="middle">${num(xMax * f)}</text>`)
    .join('');
  const widthOf = (s: LineSeries) => (s.baseline ? 1 : 2);
  const lines = o.series
    .map((s, i) => {
      const color = s.color ?? colorOf(i);
      const d = s.points.map(([x, y], k) => `${k ? 'L' : 'M'}${px(x).toFixed(1)} ${py(y).toFixed(1)}`).join(' ');
      const dots = s.points.map(([x, y]) => point(px(x), py(y), color, s.baseline === true)).join('');
      return `<path d="${d}" fill="none" stroke="${color}" stroke-width="${widthOf(s)}"${dashAttr(s.dash)}/>${dots}`;
    })
    .join('\n');
  const limit = o.limit
    ? `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${py(o.limit.y)}" y2="${py(o.limit.y)}" stroke="#cf222e" stroke-dasharray="2 3"/><text x="${W - PAD.right}" y="${py(o.limit.y) - 4}" text-anchor="end" fill="#cf222e">${esc(o.limit.label)}</text>`
    : '';
  const legend = o.series.map((s, i) => ({
    name: s.name,
    color: s.color ?? colorOf(i),
    line: { dash: dashAttr(s.dash), width: widthOf(s), hollow: s.baseline === true },
  }));
  return frame(o.id, o.title, o.desc, o.yLabel, o.xLabel, axis, `${xTicks}\n${lines}\n${limit}`, legend);
}

const AVERAGE_ADVANCE_EM = 0.6;
/** A Hangul syllable or jamo: about one em wide, where a Latin letter or digit is about 0.6. */
const WIDE = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/g;

/** How many average Latin characters a line is as wide as: its length, a Hangul character counted as 1 / 0.6. */
export function labelChars(line: string): number {
  const wide = line.match(WIDE)?.length ?? 0;
  return wide === 0 ? line.length : line.length + wide * (1 / AVERAGE_ADVANCE_EM - 1);
}

/** The font size (at most the chart's 11, at least 8) at which `chars` characters fit in a group's width. */
function labelFontSize(groupW: number, chars: number): number {
  return Math.max(8, Math.min(11, (groupW * 0.95) / (Math.max(1, chars) * AVERAGE_ADVANCE_EM)));
}

export interface BarGroup {
  readonly label: string;
  readonly values: readonly number[];
}

export function barChart(o: {
  id: string;
  title: string;
  desc: string;
  yLabel: string;
  xLabel: string;
  barNames: readonly string[];
  groups: readonly BarGroup[];
  logY?: boolean;
}): string {
  const axis = yAxis(
    o.groups.flatMap((g) => g.values),
    o.logY,
  );
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const groupW = plotW / Math.max(1, o.groups.length);
  const barW = (groupW * 0.8) / Math.max(1, o.barNames.length);
  const bars = o.groups
    .map((g, gi) => {
      const x0 = PAD.left + gi * groupW + groupW * 0.1;
      const rects = g.values
        .map((v, bi) => {
          if (!Number.isFinite(v)) return '';
          const h = axis.at(v) * plotH;
          return `<rect x="${(x0 + bi * barW).toFixed(1)}" y="${(PAD.top + plotH - h).toFixed(1)}" width="${(barW - 1).toFixed(1)}" height="${h.toFixed(1)}" fill="${colorOf(bi)}"><title>${esc(`${g.label.replaceAll('\n', ' ')}, ${o.barNames[bi]}: ${num(v)}`)}</title></rect>`;
        })
        .join('');
      // A label may hold line breaks: technique above, size below, so narrow groups stay legible; a line
      // still wider than its group (a long technique name under many groups) is set smaller.
      const labelLines = g.label.split('\n');
      const fontSize = labelFontSize(groupW, Math.max(...labelLines.map(labelChars)));
      const lines = labelLines
        .map(
          (line, k) =>
            `<tspan x="${(x0 + groupW * 0.4).toFixed(1)}" dy="${k ? Math.ceil(fontSize) : 0}">${esc(line)}</tspan>`,
        )
        .join('');
      const size = fontSize < 11 ? ` font-size="${fontSize.toFixed(1)}"` : '';
      return `${rects}<text y="${H - PAD.bottom + 15}" text-anchor="middle"${size}>${lines}</text>`;
    })
    .join('\n');
  return frame(
    o.id,
    o.title,
    o.desc,
    o.yLabel,
    o.xLabel,
    axis,
    bars,
    o.barNames.map((name, i) => ({ name, color: colorOf(i) })),
  );
}

/** The smallest font size a chart declares: the root's, or a label's set smaller to fit its group. */
export function smallestFontSize(svg: string): number {
  const sizes = [...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
  return Math.min(...sizes);
}

/**
 * The width, in CSS pixels, at which a chart's smallest text is drawn at `minPx`: a chart fitted to a
 * phone (720 units in about 330 px) has 4 to 5 px text; opened full size at this width it is panned.
 */
export function fullSizeWidth(svg: string, minPx = 12): number {
  return Math.ceil((W * minPx) / smallestFontSize(svg));
}

/** The same chart with its title and description ids suffixed, so a second copy in the page keeps ids unique. */
export function withIdSuffix(svg: string, suffix: string): string {
  const ids = /aria-labelledby="([^"]+)"/.exec(svg)?.[1]?.split(' ') ?? [];
  let out = svg.replace(
    /aria-labelledby="([^"]+)"/,
    (_, list: string) =>
      `aria-labelledby="${list
        .split(' ')
        .map((id) => id + suffix)
        .join(' ')}"`,
  );
  for (const id of ids) out = out.replaceAll(`id="${id}"`, `id="${id}${suffix}"`);
  return out;
}
