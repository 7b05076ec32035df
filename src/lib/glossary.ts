import { getCollection, type CollectionEntry } from 'astro:content';
import { DEFAULT_LOCALE, localizedPath, type Locale } from '../i18n/locales.ts';

export type GlossaryTerm = CollectionEntry<'glossary'>;

export const glossaryHref = (id: string, locale: Locale = DEFAULT_LOCALE): string =>
  `${localizedPath(locale, '/glossary/')}#${id}`;

/**
 * Every glossary entry, alphabetical, with its cross-references checked: a `see:` naming an entry
 * that does not exist is a build error, not a dead link.
 */
export async function getGlossary(): Promise<GlossaryTerm[]> {
  const terms = await getCollection('glossary');
  const ids = new Set(terms.map((t) => t.id));
  for (const t of terms) {
    const unknown = t.data.see.filter((id) => !ids.has(id));
    if (unknown.length > 0) {
      throw new Error(
        `Glossary entry "${t.id}" refers to ${unknown.map((id) => `"${id}"`).join(', ')}, which is not in content/glossary.yaml.`,
      );
    }
  }
  return terms.sort((a, b) => a.data.term.localeCompare(b.data.term, 'en', { sensitivity: 'base' }));
}
