// The property-based fuzzer of the HTTP API (npm run fuzz; a short run in npm test). It reads the
// server's own OpenAPI document (/api/openapi.json, built from protocol/schemas.ts), draws requests
// from it with fast-check (each parameter and body from its JSON Schema, mixed with hostile strings,
// sizes, media types, encodings and methods), sends each one over a real socket, and checks the
// answer against the document: never a 5xx, a status the operation documents (or the 405/404 every
// path has), `application/json` exactly, and a body that matches the documented schema.
import http from 'node:http';
import fc from 'fast-check';
import { z } from 'zod';

type JsonSchema = Record<string, any>;

export interface Operation {
  readonly method: string;
  /** OpenAPI path, `{param}` style. */
  readonly path: string;
  readonly spec: JsonSchema;
}

export interface Case {
  readonly op: string;
  readonly method: string;
  /** The request target, already encoded. */
  readonly target: string;
  readonly headers: Record<string, string>;
  readonly body?: Buffer;
  /** What the fuzzer expects to be documented: the operation's own answers, or a 405/404. */
  readonly expect: 'operation' | 'wrong-method' | 'no-route' | 'elsewhere';
  readonly localAddress: string;
}

export interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
  /** The connection was dropped without an answer. */
  readonly dropped?: string;
}

// ---- the document ---------------------------------------------------------------------------------

export function operations(doc: JsonSchema): Operation[] {
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries<JsonSchema>(doc.paths))
    for (const [method, spec] of Object.entries<JsonSchema>(methods))
      out.push({ method: method.toUpperCase(), path, spec });
  return out;
}

const opName = (o: Operation) => `${o.method} ${o.path}`;

const validators = new Map<string, z.ZodType>();
/** A validator for a JSON Schema of the document, built by zod from the schema itself (not from protocol/). */
function validator(schema: JsonSchema): z.ZodType {
  const key = JSON.stringify(schema);
  let v = validators.get(key);
  if (!v) validators.set(key, (v = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0])));
  return v;
}

// ---- arbitraries from JSON Schema -----------------------------------------------------------------

const bigInt = (min: number, max: number) => fc.bigInt({ min: BigInt(min), max: BigInt(max) }).map(Number);

/** Values a JSON Schema accepts (the subset zod's toJSONSchema writes). */
export function fromSchema(s: JsonSchema): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (Array.isArray(alternatives)) return fc.oneof(...alternatives.map((a: JsonSchema) => fromSchema(a)));
  switch (s.type) {
    case 'string':
      if (typeof s.pattern === 'string') return fc.stringMatching(new RegExp(s.pattern));
      return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 24, 64), unit: 'grapheme' });
    case 'integer': {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -(2 ** 40));
      const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 2 ** 40);
      return fc.oneof(bigInt(min, max), fc.constantFrom(min, max));
    }
    case 'number':
      return fc.double({ min: s.minimum ?? -1e9, max: s.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(fromSchema(s.items ?? {}), {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 4, 4),
      });
    case 'object': {
      const props = Object.fromEntries(
        Object.entries<JsonSchema>(s.properties ?? {}).map(([k, v]) => [k, fromSchema(v)]),
      );
      return fc.record(props, { requiredKeys: s.required ?? [] });
    }
    default:
      return jsonValue;
  }
}

/** Any JSON value, now and then one close to the size limits (4096 bytes of `data`, 16384 of body). */
const jsonValue = fc.oneof(
  { weight: 8, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(4094, 4095, 4096, 16_370, 16_384, 20_000).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: fc.constantFrom(2047, 2048).map((n) => 'é'.repeat(n)) },
);

/** What a hostile client puts where a parameter goes. */
export const hostileString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '-1',
    '+1',
    '1e3',
    '0x10',
    '1.5',
    ' 1',
    '9007199254740991',
    '9007199254740992',
    '99999999999999999999999',
    '00000000000000000001',
    '..',
    '../../etc/passwd',
    '%',
    '%zz',
    '%00',
    '%C0%AF',
    '\u0000',
    '\uffff',
    '\ud800',
    'é',
    '😀',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    'null',
    'undefined',
    '[]',
    '{}',
    'a'.repeat(5000),
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
);

const HOSTILE_IDS = fc.oneof(hostileString, fc.stringMatching(/^[0-9a-fA-F]{0,40}$/));

/** Percent-encodes the UTF-8 bytes of a string (a lone surrogate becomes U+FFFD, as a browser sends it). */
export function pct(v: string): string {
  let out = '';
  for (const b of Buffer.from(v, 'utf8')) {
    const ch = String.fromCharCode(b);
    out += /[A-Za-z0-9\-._~]/.test(ch) ? ch : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function encodePathValue(v: string, raw: boolean): string {
  // Now and then not encoded (a slash, a dot segment, a lone %): the router must still answer with JSON.
  // Only characters a request-target may hold (RFC 3986): anything else is Node's parser's own 400,
  // which the contract leaves out of the JSON shape.
  return raw ? v.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/g, '') || 'x' : pct(v);
}

const MEDIA_TYPES = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'Application/JSON',
      'application/json;charset=latin1',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonx',
      '',
    ),
  },
);

/** A request body for a JSON operation: valid, or hostile in content, size or encoding. */
function bodyFor(schema: JsonSchema): fc.Arbitrary<Buffer> {
  // A race runs for its whole durationMs, publishing up to 50 events a second: the fuzzer asks for
  // short ones (still within the schema), or a minute-long race per case would pile up.
  const durationMs = schema.properties?.durationMs;
  const shaped = durationMs
    ? {
        ...schema,
        properties: { ...schema.properties, durationMs: { ...durationMs, maximum: durationMs.minimum * 2 } },
      }
    : schema;
  return fc.oneof(
    { weight: 6, arbitrary: fromSchema(shaped).map((v) => Buffer.from(JSON.stringify(v) ?? 'null')) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null')) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        Buffer.from('{"data":'),
        Buffer.from('{"data":"\xff\xfe"}', 'latin1'), // not UTF-8
        Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from('{"data":1}')]), // a byte-order mark
        Buffer.from('{"data":1,"data":2}'),
        Buffer.from(`{"data":${'['.repeat(5000)}${']'.repeat(5000)}}`),
        Buffer.from(`{"data":"${'y'.repeat(17_000)}"}`), // over BODY_MAX_BYTES
        Buffer.alloc(0),
      ),
    },
    { weight: 1, arbitrary: hostileString.map((s) => Buffer.from(s)) },
  );
}

export interface CaseOptions {
  /** Lab ids that tagged requests may carry: never cut, so no request is dropped on purpose. */
  readonly tagLabs: readonly string[];
  /** How many source addresses to spread the requests over (127.0.8.1 and up): per-IP limits. */
  readonly addresses: number;
}

/** Requests for one operation: its parameters and body from the document, mixed with hostile ones. */
function caseFor(o: Operation, opts: CaseOptions): fc.Arbitrary<Case> {
  const params: JsonSchema[] = o.spec.parameters ?? [];
  const drawValue = (p: JsonSchema): fc.Arbitrary<string | undefined> => {
    let valid: fc.Arbitrary<unknown> = fromSchema(p.schema ?? {});
    // A lab id in ?lab= comes from the ones never cut; a long-poll holds briefly (the fuzzer waits).
    if (p.name === 'lab') valid = fc.constantFrom(...opts.tagLabs);
    if (p.name === 'timeout') valid = fc.integer({ min: -5, max: 300 });
    const asText = valid.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
    const hostile = p.name === 'id' || p.name === 'lab' ? HOSTILE_IDS : hostileString;
    const some = fc.oneof({ weight: 7, arbitrary: asText }, { weight: 3, arbitrary: hostile });
    return p.in === 'path' || p.required ? some : fc.option(some, { nil: undefined, freq: 3 });
  };
  const bodySchema = o.spec.requestBody?.content?.['application/json']?.schema;
  return fc
    .record({
      values: fc.tuple(...params.map(drawValue)),
      rawPath: fc.boolean(),
      body: bodySchema ? bodyFor(bodySchema) : fc.constant(undefined),
      type: bodySchema ? MEDIA_TYPES : fc.constant(''),
      method: fc.oneof(
        { weight: 12, arbitrary: fc.constant(o.method) },
        { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD') },
      ),
      address: fc.integer({ min: 1, max: opts.addresses }),
      extra: fc.record(
        {
          origin: fc.oneof(fc.constant('http://evil.example'), hostileString),
          xff: fc.constantFrom('10.0.0.1', '1.2.3.4, 5.6.7.8', 'garbage'),
          accept: fc.constantFrom('*/*', 'text/event-stream', 'application/json', ''),
        },
        { requiredKeys: [] },
      ),
    })
    .map(({ values, rawPath, body, type, method, address, extra }) => {
      let path = o.path;
      const query: string[] = [];
      const headers: Record<string, string> = {};
      params.forEach((p, i) => {
        const v = values[i];
        if (v === undefined) return;
        if (p.in === 'path') path = path.replace(`{${p.name}}`, encodePathValue(v, rawPath && i === 0));
        else if (p.in === 'query') query.push(`${pct(p.name)}=${pct(v)}`);
        else if (p.in === 'header') headers[p.name] = v.replace(/[^\t\x20-\x7e\x80-\xff]/g, '');
      });
      if (type) headers['Content-Type'] = type;
      if (extra.origin !== undefined) headers.Origin = extra.origin.replace(/[^\t\x20-\x7e]/g, '');
      if (extra.xff) headers['X-Forwarded-For'] = extra.xff;
      if (extra.accept) headers.Accept = extra.accept;
      const sendsBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
      // A raw ".." segment moves the request to another path (URLs are resolved before routing): it is
      // no longer this operation's, and outside /api/ it is the site's.
      const moved = new URL(path, 'http://x').pathname !== path;
      return {
        op: opName(o),
        method,
        target: query.length ? `${path}?${query.join('&')}` : path,
        headers,
        ...(sendsBody && body ? { body } : {}),
        expect: moved
          ? 'elsewhere'
          : method === o.method || (method === 'HEAD' && o.method === 'GET')
            ? 'operation'
            : 'wrong-method',
        localAddress: `127.0.8.${address}`,
      } satisfies Case;
    });
}

/** Paths no route has: /api/ answers them 404 not_found, JSON. */
function unknownRoutes(opts: CaseOptions): fc.Arbitrary<Case> {
  return fc
    .record({
      segments: fc.array(fc.oneof(fc.stringMatching(/^[a-z0-9-]{1,12}$/), hostileString), {
        minLength: 1,
        maxLength: 4,
      }),
      method: fc.constantFrom('GET', 'POST', 'DELETE'),
      address: fc.integer({ min: 1, max: opts.addresses }),
    })
    .map(({ segments, method, address }) => ({
      op: 'unknown /api/ path',
      method,
      target: `/api/x-${segments.map((s) => pct(s)).join('/')}`,
      headers: {},
      expect: 'no-route' as const,
      localAddress: `127.0.8.${address}`,
    }));
}

export function caseArbitrary(ops: readonly Operation[], opts: CaseOptions): fc.Arbitrary<Case> {
  return fc.oneof(...ops.map((o) => ({ weight: 10, arbitrary: caseFor(o, opts) })), {
    weight: 3,
    arbitrary: unknownRoutes(opts),
  });
}

// ---- sending and checking --------------------------------------------------------------------------

/** Sends a case on a fresh connection; an event stream is read only up to its first bytes. */
export function send(base: string, c: Case, timeoutMs = 5000): Promise<Answer> {
  const u = new URL(base);
  return new Promise((resolve) => {
    const req = http.request({
      host: u.hostname,
      port: u.port,
      method: c.method,
      path: c.target,
      headers: { ...c.headers, ...(c.body ? { 'Content-Length': String(c.body.length) } : {}) },
      localAddress: c.localAddress,
      agent: false,
    });
    const timer = setTimeout(() => {
      req.destroy();
      resolve({ status: 0, headers: {}, body: Buffer.alloc(0), dropped: `no answer within ${timeoutMs} ms` });
    }, timeoutMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      resolve({ status: 0, headers: {}, body: Buffer.alloc(0), dropped: err.message });
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      const stream = String(res.headers['content-type']).startsWith('text/event-stream');
      const done = () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      };
      res.on('data', (d: Buffer) => {
        chunks.push(d);
        if (stream) {
          done();
          req.destroy();
        }
      });
      res.on('end', done);
      res.on('error', done);
    });
    req.end(c.body);
  });
}

/** What is wrong with an answer, as sentences; empty when it matches the document. */
export function problems(doc: JsonSchema, c: Case, a: Answer): string[] {
  if (a.dropped) return [`the connection failed: ${a.dropped}`];
  const out: string[] = [];
  if (a.status >= 500) out.push(`a ${a.status}`);
  const type = String(a.headers['content-type'] ?? '');
  let documented: JsonSchema | undefined;
  if (c.expect === 'operation') {
    const [method, path] = c.op.split(' ') as [string, string];
    const responses = doc.paths[path][method.toLowerCase()].responses as Record<string, JsonSchema>;
    // A path that the router could not match (a hostile path parameter with a slash) is not this route.
    documented = responses[String(a.status)];
    if (!documented && (a.status === 404 || a.status === 405)) documented = genericError(a.status);
    if (!documented)
      out.push(`status ${a.status} is not documented for ${c.op} (documented: ${Object.keys(responses).join(', ')})`);
  } else if (c.expect === 'wrong-method') {
    if (a.status !== 405 && a.status !== 404 && a.status !== 400)
      out.push(`${c.method} on ${c.op.split(' ')[1]} answered ${a.status}, not 405 (or the 400/404 of a bad path)`);
    documented = genericError(a.status);
  } else if (c.expect === 'no-route') {
    if (a.status !== 404) out.push(`an unknown /api/ path answered ${a.status}, not 404`);
    documented = genericError(404);
  } else {
    // Resolved to another path: no 5xx, and an /api/ answer is JSON like every other.
    const path = new URL(c.target, 'http://x').pathname;
    if (path.startsWith('/api/') && type !== 'application/json') out.push(`${path} answered ${JSON.stringify(type)}`);
  }
  if (!documented || c.method === 'HEAD') return out;
  const media = Object.keys(documented.content ?? {})[0];
  if (!media) return out;
  if (media === 'application/json') {
    if (type !== 'application/json') out.push(`Content-Type ${JSON.stringify(type)}, not application/json`);
    let json: unknown;
    try {
      json = JSON.parse(a.body.toString('utf8'));
    } catch {
      out.push(`the body is not JSON: ${JSON.stringify(a.body.toString('utf8').slice(0, 120))}`);
      return out;
    }
    const result = validator(documented.content['application/json'].schema).safeParse(json);
    if (!result.success)
      out.push(
        `the body does not match the documented schema: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')} — ${JSON.stringify(json).slice(0, 300)}`,
      );
  } else if (!type.startsWith(media)) {
    out.push(`Content-Type ${JSON.stringify(type)}, not ${media}`);
  }
  return out;
}

/** The 404 and 405 answers every path has (the document's description says so). */
function genericError(status: number): JsonSchema | undefined {
  const code =
    status === 405
      ? 'method_not_allowed'
      : status === 404
        ? 'not_found'
        : status === 400
          ? 'invalid_channel'
          : undefined;
  if (!code) return undefined;
  return {
    content: {
      'application/json': {
        schema: {
          type: 'object',
          properties: {
            error: {
              type: 'object',
              properties: {
                code: { type: 'string', enum: [code, 'invalid_lab_id'] },
                message: { type: 'string', minLength: 1 },
              },
              required: ['code', 'message'],
            },
          },
          required: ['error'],
        },
      },
    },
  };
}
