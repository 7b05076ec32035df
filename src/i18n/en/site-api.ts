/**
 * The API reference's words, in English: each endpoint's summary, answer and parameters (from
 * src/lib/api-reference.ts) and each error code's meaning and delivery (from protocol/errors.ts), keyed
 * by "METHOD /path", parameter name and error code. src/i18n/ko/site-api.ts has the same keys in
 * Korean; assertSameShape makes a missing one a build error. Code spans stay as they are.
 */
import { ERROR_CODES } from '../../../protocol/errors.ts';
import { ENDPOINTS, errorDelivery, LAB_ENDPOINTS } from '../../lib/api-reference.ts';

export interface EndpointWords {
  summary: string;
  returns: string;
  params: Record<string, string>;
}

export const apiStrings: {
  endpoints: Record<string, EndpointWords>;
  errors: Record<string, { meaning: string; delivery: string }>;
} = {
  endpoints: Object.fromEntries(
    [...ENDPOINTS, ...LAB_ENDPOINTS].map((e) => [
      `${e.method} ${e.path}`,
      { summary: e.summary, returns: e.returns, params: Object.fromEntries(e.params.map((p) => [p.name, p.meaning])) },
    ]),
  ),
  errors: Object.fromEntries(
    Object.entries(ERROR_CODES).map(([code, e]) => [code, { meaning: e.meaning, delivery: errorDelivery(e) }]),
  ),
};

export type ApiStrings = typeof apiStrings;
