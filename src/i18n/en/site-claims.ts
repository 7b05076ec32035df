/**
 * Why each prose claim of the source post got its verdict, in English: content/source-post-claims.ts's
 * `because`, by claim id, as the /source-post/ page shows it. src/i18n/ko/site-claims.ts says the same
 * in Korean, with the same ids (a claim added there without its Korean is a build error).
 */
import { PROSE_VERDICTS } from '../../../content/source-post-claims.ts';

export const claimReasons: Record<keyof typeof PROSE_VERDICTS, string> = Object.fromEntries(
  Object.entries(PROSE_VERDICTS).map(([id, v]) => [id, v.because]),
);

export type ClaimReasons = typeof claimReasons;
