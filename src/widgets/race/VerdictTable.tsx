/** The source post's table, each claim next to this run's evidence and the verdict it leads to. */
import { TECHNIQUES } from '../../../protocol/techniques.ts';
import type { Row, Verdict } from './verdicts.ts';

const MARK: Record<Verdict, string> = {
  confirmed: '✓ confirmed',
  nuanced: '~ nuanced',
  corrected: '✗ corrected',
  measured: '· not in the post; measured',
};

export default function VerdictTable({ rows }: { rows: Row[] }) {
  return (
    <section class="w-race-scroll" tabIndex={0} aria-label="The source post's table, checked by this run">
      <table class="w-race-verdicts">
        <caption>The source post's claims, checked by this run</caption>
        <thead>
          <tr>
            <th scope="col">row</th>
            {TECHNIQUES.map((t) => (
              <th key={t.id} scope="col">
                {t.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-row={row.id}>
              <th scope="row">{row.label}</th>
              {TECHNIQUES.map(({ id }) => {
                const cell = row.cells[id];
                return (
                  <td key={id} data-technique={id} data-verdict={cell.verdict}>
                    {cell.claim === null ? <em>Not in the source post.</em> : <q>{cell.claim}</q>}
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
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
