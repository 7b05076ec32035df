/**
 * The heading ids of an English lesson, in order, as the heading plugin (./hast-heading-links.ts) gives
 * them: github-slugger over each Markdown heading's text, de-duplicated per page. A Korean twin's headings take
 * these ids by position (the twin check holds the headings to the same count, depth and order), so
 * /ko/lessons/sse/#last-event-id is the same section as /lessons/sse/#last-event-id.
 * tests/content/heading-ids.test.ts compares them with the ids of the built English pages.
 */
import GithubSlugger from 'github-slugger';

const FRONTMATTER = /^---\r?\n[\s\S]*?\r?\n---\r?\n/;
const FENCE = /^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[ \t]*$/gm;
const ESM = /^(?:import|export)\b[\s\S]*?(?:\n[ \t]*\n|(?![\s\S]))/gm;

/** A heading's Markdown source as the rendered heading's text: marks, links and tags go, their words stay. */
export function headingText(markdown: string): string {
  return markdown
    .replace(/`([^`]*)`/g, '$1')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/(\*\*|__|\*|_)(\S(?:.*?\S)?)\1/g, '$2')
    .replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1')
    .trim();
}

export function englishHeadingIds(source: string): string[] {
  const text = source
    .replace(FRONTMATTER, '')
    .replace(FENCE, (m) => m.replace(/[^\n]/g, ' '))
    .replace(ESM, (m) => m.replace(/[^\n]/g, ' '));
  const slugger = new GithubSlugger();
  const ids: string[] = [];
  // Markdown headings only: a JSX <h3> in MDX is a component element the hast plugin never visits.
  for (const m of text.matchAll(/^(#{1,6})[ \t]+(.+?)[ \t#]*$/gm)) ids.push(slugger.slug(headingText(m[2]!)));
  return ids;
}

/**
 * The English twin of a Korean lesson file (content/ko/lessons/<slug>.mdx → content/lessons/<slug>.mdx),
 * or undefined for any other file: how the Markdown plugins tell a Korean lesson from an English one.
 */
export function englishTwinOf(path: string): string | undefined {
  const m = /^(.*)[\\/]content[\\/]ko[\\/]lessons[\\/]([^\\/]+\.mdx)$/.exec(path);
  return m ? `${m[1]}/content/lessons/${m[2]}` : undefined;
}
