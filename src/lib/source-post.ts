/**
 * The source post, read from content/source-post.md: its title and date, its table in Korean and in
 * English, its prose section by section, and its claims with their ids (P1–W7 for the prose, T1–T7
 * for the table's rows). Pure functions over the file's text, so the site (at build time, `?raw`) and
 * `node --test` read it the same way; a file that no longer has the expected shape is an error that
 * says what was missing, never a silently shorter table.
 */

export interface PostTable {
  /** The column headers after the empty corner cell, as the post writes them ("Polling", …). */
  readonly columns: readonly string[];
  readonly rows: readonly { readonly label: string; readonly cells: readonly string[] }[];
}

export interface PostSection {
  /** The heading without its pin: "Polling", "SSE(Server-Sent Events)". */
  readonly heading: string;
  /** Paragraphs as the post has them, the file's line wrapping undone (lines joined by one space). */
  readonly paragraphs: readonly string[];
}

export interface PostClaim {
  /** P1–P3, L1–L5, S1–S5, W1–W7 for the prose; T1–T7 for the table's rows. */
  readonly id: string;
  /** The claim in English, as content/source-post.md words it (for T1–T7: the row's English label). */
  readonly text: string;
}

export interface SourcePost {
  readonly title: string;
  /** ISO date, YYYY-MM-DD. */
  readonly date: string;
  readonly tags: readonly string[];
  readonly table: { readonly ko: PostTable; readonly en: PostTable };
  readonly prose: readonly PostSection[];
  /** In the post's order: the prose claims, then the table's rows. */
  readonly claims: readonly PostClaim[];
}

/** The section of the file under a `## ` heading that starts with `start`, up to the next `## `. */
function section(text: string, start: string): string {
  const lines = text.split('\n');
  const from = lines.findIndex((l) => l.startsWith(`## ${start}`));
  if (from < 0) throw new Error(`content/source-post.md has no "## ${start}…" section.`);
  const to = lines.findIndex((l, i) => i > from && l.startsWith('## '));
  return lines.slice(from + 1, to < 0 ? undefined : to).join('\n');
}

const cellsOf = (line: string) =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());

/** Every Markdown table in `text`, in order: runs of lines that start with `|`. */
function tables(text: string): string[][][] {
  const out: string[][][] = [];
  let current: string[][] | null = null;
  for (const line of text.split('\n')) {
    if (line.trim().startsWith('|')) {
      const cells = cellsOf(line);
      // The separator row under the header.
      if (cells.every((c) => /^:?-{3,}:?$/.test(c))) continue;
      if (!current) out.push((current = []));
      current.push(cells);
    } else current = null;
  }
  return out;
}

function postTable(rows: string[][], which: string): PostTable {
  const [header, ...body] = rows;
  if (header?.[0] !== '' || body.length === 0)
    throw new Error(`content/source-post.md: the ${which} table needs a header row with an empty first cell.`);
  const columns = header.slice(1);
  return {
    columns,
    rows: body.map((cells) => {
      if (cells.length !== columns.length + 1)
        throw new Error(
          `content/source-post.md: the ${which} row "${cells[0]}" has ${cells.length - 1} cells for ${columns.length} columns.`,
        );
      return { label: cells[0]!, cells: cells.slice(1) };
    }),
  };
}

function prose(text: string): PostSection[] {
  const out: { heading: string; paragraphs: string[] }[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0 && out.length > 0) out.at(-1)!.paragraphs.push(paragraph.join(' '));
    paragraph = [];
  };
  for (const line of text.split('\n')) {
    const heading = /^### (?:📌\s*)?(.+)$/.exec(line);
    if (heading) {
      flush();
      out.push({ heading: heading[1]!.trim(), paragraphs: [] });
    } else if (line.trim() === '') flush();
    else paragraph.push(line.trim());
  }
  flush();
  return out;
}

export function parseSourcePost(text: string): SourcePost {
  const title = /^# The source post: "(.+)"$/m.exec(text)?.[1];
  const meta = /\(dated (\d{4}-\d{2}-\d{2}), tags: ([^)]+)\)/.exec(text);
  if (!title || !meta)
    throw new Error('content/source-post.md: the title line or the "(dated …, tags: …)" note is missing.');
  const [ko, en] = tables(section(text, 'The table, exactly as the post has it'));
  if (!ko || !en) throw new Error('content/source-post.md: expected the Korean table, then the English one.');
  const table = { ko: postTable(ko, 'Korean'), en: postTable(en, 'English') };
  const listed = tables(section(text, 'Its claims, one by one'))[0] ?? [];
  const claims: PostClaim[] = [];
  for (const [id, claim] of listed.slice(1)) {
    // "T1–T7": one claim per row of the table, named by its English label.
    const range = /^T(\d+)[–-]T(\d+)$/.exec(id ?? '');
    if (range) {
      const [first, last] = [Number(range[1]), Number(range[2])];
      if (last - first + 1 !== table.en.rows.length)
        throw new Error(
          `content/source-post.md: ${id} names ${last - first + 1} rows; the table has ${table.en.rows.length}.`,
        );
      for (const [i, row] of table.en.rows.entries()) claims.push({ id: `T${first + i}`, text: row.label });
    } else if (id && claim) claims.push({ id, text: claim });
  }
  return {
    title,
    date: meta[1]!,
    tags: meta[2]!.split(',').map((t) => t.trim()),
    table,
    prose: prose(section(text, 'The prose, restored')),
    claims,
  };
}

/** A quote's text with the post's Markdown marks (`**bold**`, `` `code` ``) left out, for comparing words. */
export const plainText = (markdown: string): string => markdown.replace(/\*\*|`/g, '');

/** A quote's text cut where the post's Markdown marks are: `**bold**` and `` `code` `` spans, in order. */
export function markSpans(markdown: string): { text: string; mark: 'strong' | 'code' | null }[] {
  const out: { text: string; mark: 'strong' | 'code' | null }[] = [];
  for (const part of markdown.split(/(\*\*[^*]+\*\*|`[^`]+`)/)) {
    if (part === '') continue;
    if (part.startsWith('**')) out.push({ text: part.slice(2, -2), mark: 'strong' });
    else if (part.startsWith('`')) out.push({ text: part.slice(1, -1), mark: 'code' });
    else out.push({ text: part, mark: null });
  }
  return out;
}
