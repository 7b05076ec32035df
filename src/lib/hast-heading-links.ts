/**
 * Markdown plugin (Sätteri, hast phase): gives every h2–h4 of a lesson an id and a "#" link to itself,
 * so a learner can copy a deep link to any section.
 *
 * Why it sets the id itself: Astro's own heading-id plugin runs after user plugins, and the link needs
 * the id now. It uses the same slugger (github-slugger) on the same text, and Astro keeps an id that is
 * already there, so the table of contents (from Astro's `headings`) and these links always agree.
 * The link has no text node (the "#" is drawn by CSS), so it adds nothing to the heading's text, its
 * slug, or the table of contents.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import GithubSlugger from 'github-slugger';
import { siteStrings as en } from '../i18n/en/site.ts';
import { siteStrings as ko } from '../i18n/ko/site.ts';
import { englishHeadingIds, englishTwinOf } from './heading-ids.ts';

/**
 * For a Korean lesson (content/ko/lessons/<slug>.mdx): its English twin's heading ids, by position, so
 * both languages share their #anchors (docs/i18n.md). Undefined for every other document.
 */
function twinIds(fileURL: URL | undefined): string[] | undefined {
  if (!fileURL) return undefined;
  const twin = englishTwinOf(fileURLToPath(fileURL));
  if (!twin) return undefined;
  try {
    return englishHeadingIds(readFileSync(twin, 'utf8'));
  } catch {
    return undefined; // no English lesson: the twin check reports the orphan
  }
}

interface Element {
  type: 'element';
  tagName: string;
  properties?: Record<string, unknown>;
  children: unknown[];
}
interface Context {
  textContent(node: Element): string;
  setProperty(node: Element, key: string, value: unknown): void;
  appendChild(node: Element, child: Element): void;
}

export function headingLinksPlugin() {
  // A factory: Sätteri calls it once per document, so each lesson gets a fresh slugger
  // (the second "Example" heading of a page is "example-1", never of the whole site).
  return (factory?: { fileURL?: URL | undefined }) => {
    const slugger = new GithubSlugger();
    const english = twinIds(factory?.fileURL);
    const words = english ? ko : en;
    let position = 0;
    return {
      name: 'realtime-lab-heading-links',
      element: {
        filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
        visit(node: Element, ctx: Context) {
          const existing = node.properties?.id;
          // Slug every heading, linked or not, so the slugger's de-duplication matches Astro's.
          const slug = slugger.slug(ctx.textContent(node));
          const twin = english?.[position++];
          const id = typeof existing === 'string' ? existing : (twin ?? slug);
          if (typeof existing !== 'string') ctx.setProperty(node, 'id', id);
          if (!['h2', 'h3', 'h4'].includes(node.tagName)) return;
          ctx.appendChild(node, {
            type: 'element',
            tagName: 'a',
            properties: {
              className: ['heading-link'],
              href: `#${id}`,
              ariaLabel: words.lesson.headingLink(ctx.textContent(node)),
              dataPagefindIgnore: '',
            },
            children: [],
          });
        },
      },
    };
  };
}
