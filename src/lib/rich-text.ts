/**
 * The little markup the site's catalogue strings carry (src/i18n/<locale>/site.ts): `code`, **bold** and
 * [links](/path/). A site path in a link is made the page's own language's (/glossary/ → /ko/glossary/),
 * so a catalogue string is written once with the English path. Pure, so `node --test` checks it.
 */
import { localizedPath, type Locale } from '../i18n/locales.ts';

export type RichPart =
  | { kind: 'text' | 'code' | 'strong'; text: string }
  | { kind: 'link'; href: string; children: RichPart[] };

const TOKEN = /`([^`]+)`|\*\*([^*]+)\*\*|\[((?:`[^`]*`|[^\]])+)\]\(([^)\s]+)\)/g;

export function richParts(text: string, locale: Locale): RichPart[] {
  const parts: RichPart[] = [];
  let at = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (m.index > at) parts.push({ kind: 'text', text: text.slice(at, m.index) });
    if (m[1] !== undefined) parts.push({ kind: 'code', text: m[1] });
    else if (m[2] !== undefined) parts.push({ kind: 'strong', text: m[2] });
    else {
      const href = m[4]!;
      parts.push({
        kind: 'link',
        href: href.startsWith('/') ? localizedPath(locale, href) : href,
        children: richParts(m[3]!, locale),
      });
    }
    at = m.index + m[0].length;
  }
  if (at < text.length) parts.push({ kind: 'text', text: text.slice(at) });
  return parts;
}
