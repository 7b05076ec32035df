// The OpenAPI document and a short fuzz run (npm run fuzz is the long one, 60 s by default): the
// document the server serves is the one protocol/openapi.ts builds, it has every route of the route
// table, each of its JSON Schemas can be turned back into a validator, and ten seconds of fuzzing with
// a fixed seed find no 5xx, no undocumented answer and nothing logged.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { openApiDocument, openApiPath } from '../../protocol/openapi.ts';
import { ROUTES } from '../../protocol/routes.ts';
import { request } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { operations } from './engine.ts';
import { runFuzz } from './run.ts';

describe('GET /api/openapi.json', () => {
  let S: TestServer;
  before(async () => {
    S = await startTestServer({});
  });
  after(() => S.close());

  it('serves the document built from the contract module, OpenAPI 3.1, with every route', async () => {
    const r = await request(S.base, '/api/openapi.json');
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'application/json');
    assert.deepEqual(r.json, openApiDocument());
    assert.equal(r.json.openapi, '3.1.0');
    const documented = operations(r.json).map((o) => `${o.method} ${o.path}`);
    assert.deepEqual(documented.sort(), ROUTES.map((route) => `${route.method} ${openApiPath(route.path)}`).sort());
  });

  it('every answer of every operation has a status, a description, and a schema zod can read back', async () => {
    const doc = (await request(S.base, '/api/openapi.json')).json;
    for (const o of operations(doc)) {
      assert.ok(Object.keys(o.spec.responses).length > 0, `${o.method} ${o.path}`);
      for (const [status, answer] of Object.entries<any>(o.spec.responses)) {
        assert.match(status, /^[1-5]\d\d$/);
        assert.ok(answer.description, `${o.method} ${o.path} ${status}`);
        const schema = answer.content?.['application/json']?.schema;
        if (schema) z.fromJSONSchema(schema);
      }
    }
  });
});

it('ten seconds of fuzzing (seed 1): no 5xx, every answer as documented, the server healthy after', {
  timeout: 120_000,
}, async () => {
  const result = await runFuzz({ seconds: 10, seed: 1 });
  assert.ok(result.runs > 100, `${result.runs} cases`);
  assert.ok(result.healthy, 'the server is healthy at the end');
  assert.equal(result.failure, undefined, result.failure);
  assert.ok(result.ok);
});
