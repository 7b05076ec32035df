/**
 * Region extraction for source panels. Lessons show the real transport code, narrowed to a region
 * marked in the file itself, so the panel cannot drift from the code that runs (DESIGN.md, principle 1).
 *
 * Markers are whole lines containing `#region <name>` / `#endregion <name>`, usually as comments:
 *   // #region sse-client
 *   ...
 *   // #endregion sse-client
 */

const START = /#region\s+([\w.-]+)/;
const END = /#endregion\s+([\w.-]+)/;

export interface Region {
  /** The region's text: marker lines removed, common indentation stripped, outer blank lines trimmed. */
  text: string;
  /** 1-based line numbers in the original file of the first and last line shown. */
  startLine: number;
  endLine: number;
}

/** Names of every region opened in `source`, in file order. */
export function listRegions(source: string): string[] {
  const names: string[] = [];
  for (const line of source.split(/\r?\n/)) {
    const m = START.exec(line);
    if (m && !END.test(line)) names.push(m[1]!);
  }
  return names;
}

/**
 * Extract one region. Throws (so the build fails) when the region is missing, unterminated,
 * duplicated or empty: a lesson must never show a stale or empty panel.
 * `file` is only used to make the error say where to look.
 */
export function extractRegion(source: string, region: string, file: string): Region {
  const lines = source.split(/\r?\n/);
  const starts: number[] = [];
  let end = -1;
  lines.forEach((line, i) => {
    const e = END.exec(line);
    if (e) {
      if (e[1] === region && end === -1 && starts.length > 0) end = i;
      return;
    }
    const s = START.exec(line);
    if (s && s[1] === region) starts.push(i);
  });

  const available = listRegions(source);
  const known = available.length > 0 ? available.map((n) => `"${n}"`).join(', ') : 'none';
  if (starts.length === 0) {
    throw new Error(
      `SourcePanel: region "${region}" not found in ${file}. Regions in that file: ${known}. ` +
        `Mark it with "// #region ${region}" and "// #endregion ${region}" lines.`,
    );
  }
  if (starts.length > 1) {
    throw new Error(
      `SourcePanel: region "${region}" is opened ${starts.length} times in ${file}; region names must be unique.`,
    );
  }
  const start = starts[0]!;
  if (end === -1) {
    throw new Error(
      `SourcePanel: region "${region}" in ${file} has no "#endregion ${region}" line after line ${start + 1}.`,
    );
  }

  // Keep line numbers so the caption can point at the real lines; drop nested markers,
  // which are bookkeeping for other panels, not code to read.
  const body: { n: number; text: string }[] = [];
  for (let i = start + 1; i < end; i++) {
    const text = lines[i]!;
    if (START.test(text) || END.test(text)) continue;
    body.push({ n: i + 1, text });
  }
  while (body.length > 0 && body[0]!.text.trim() === '') body.shift();
  while (body.length > 0 && body[body.length - 1]!.text.trim() === '') body.pop();
  if (body.length === 0) {
    throw new Error(`SourcePanel: region "${region}" in ${file} is empty.`);
  }

  return {
    text: dedent(body.map((l) => l.text)).join('\n'),
    startLine: body[0]!.n,
    endLine: body[body.length - 1]!.n,
  };
}

/** Remove the indentation every non-blank line shares (tabs and spaces counted as characters). */
export function dedent(lines: string[]): string[] {
  let common = Infinity;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const indent = /^[ \t]*/.exec(line)![0].length;
    common = Math.min(common, indent);
  }
  if (!Number.isFinite(common) || common === 0) return lines.map((l) => l.trimEnd());
  return lines.map((l) => (l.trim() === '' ? '' : l.slice(common).trimEnd()));
}
