/**
 * The source post's table, each claim (in the post's Korean and in English) next to this run's
 * evidence and the verdict it leads to.
 */
import { TECHNIQUES, type TechniqueId } from '../../../protocol/techniques.ts';
import type { RaceWidgetStrings } from '../../i18n/en/widgetsRace.ts';
import { POST_TECHNIQUES } from './claims.ts';
import type { Row, Verdict } from './verdicts.ts';

/** Techniques the course teaches that the post does not compare: a column each, with no claim to judge. */
const LATER = TECHNIQUES.filter((t) => !t.inSourcePost);

export default function VerdictTable({
  rows,
  words,
  names,
}: {
  rows: Row[];
  words: RaceWidgetStrings['verdicts'];
  /** Each technique's name in the page's language. */
  names: Record<TechniqueId, string>;
}) {
  const MARK: Record<Verdict, string> = words.marks;
  return (
    <section class="w-race-scroll" tabIndex={0} aria-label={words.label}>
      <table class="w-race-verdicts claims-table">
        <caption>{words.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{words.row}</th>
            {POST_TECHNIQUES.map((t) => (
              <th key={t.id} scope="col">
                {names[t.id]}
              </th>
            ))}
            {LATER.map((t) => (
              <th key={t.id} scope="col">
                {names[t.id]} <span class="w-note">{words.notInPost}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-row={row.id} data-claim={row.claimId}>
              <th scope="row">
                <span lang="ko">{row.labelKo}</span>
                {words.showsTranslation && ` ${row.label}`}
              </th>
              {POST_TECHNIQUES.map(({ id }) => {
                const name = names[id];
                const cell = row.cells[id];
                return (
                  <td key={id} data-technique={id} data-verdict={cell.verdict} data-label={name}>
                    <q lang="ko">{cell.claimKo}</q>
                    {words.showsTranslation && cell.claimKo !== cell.claim && <q>{cell.claim}</q>}
                    <strong class={`w-verdict w-verdict-${cell.verdict}`}>{MARK[cell.verdict]}</strong>
                    <span>{cell.evidence}</span>
                    {cell.source && (
                      <>
                        {' '}
                        <a href={cell.source.href}>{words.source(cell.source.label)}</a>
                      </>
                    )}
                  </td>
                );
              })}
              {LATER.map(({ id }) => (
                <td key={id} data-technique={id} data-verdict="measured" data-label={names[id]}>
                  <em>{words.noClaim}</em> <span>{words.figuresAbove}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
