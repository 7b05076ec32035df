/**
 * The source post's table, each claim (in the post's Korean and in English) next to this run's
 * evidence and the verdict it leads to.
 */
import { TECHNIQUES } from '../../../protocol/techniques.ts';
import { POST_TECHNIQUES } from './claims.ts';
import type { Row, Verdict } from './verdicts.ts';

/** Techniques the course teaches that the post does not compare: a column each, with no claim to judge. */
const LATER = TECHNIQUES.filter((t) => !t.inSourcePost);

const MARK: Record<Verdict, string> = { confirmed: '✓ confirmed', nuanced: '~ nuanced', corrected: '✗ corrected' };

export default function VerdictTable({ rows }: { rows: Row[] }) {
  return (
    <section class="w-race-scroll" tabIndex={0} aria-label="The source post's table, checked by this run">
      <table class="w-race-verdicts claims-table">
        <caption>The source post's claims, checked by this run</caption>
        <thead>
          <tr>
            <th scope="col">row</th>
            {POST_TECHNIQUES.map((t) => (
              <th key={t.id} scope="col">
                {t.name}
              </th>
            ))}
            {LATER.map((t) => (
              <th key={t.id} scope="col">
                {t.name} <span class="w-note">(not in the post)</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-row={row.id} data-claim={row.claimId}>
              <th scope="row">
                <span lang="ko">{row.labelKo}</span> {row.label}
              </th>
              {POST_TECHNIQUES.map(({ id, name }) => {
                const cell = row.cells[id];
                return (
                  <td key={id} data-technique={id} data-verdict={cell.verdict} data-label={name}>
                    <q lang="ko">{cell.claimKo}</q>
                    {cell.claimKo !== cell.claim && <q>{cell.claim}</q>}
                    <strong class={`w-verdict w-verdict-${cell.verdict}`}>{MARK[cell.verdict]}</strong>
                    <span>{cell.evidence}</span>
                    {cell.source && (
                      <>
                        {' '}
                        <a href={cell.source.href}>{cell.source.label}</a>
                      </>
                    )}
                  </td>
                );
              })}
              {LATER.map(({ id, name }) => (
                <td key={id} data-technique={id} data-verdict="measured" data-label={name}>
                  <em>Not in the source post: no claim to judge.</em> <span>Its figures are in the table above.</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
