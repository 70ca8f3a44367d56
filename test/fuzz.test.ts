// Property-based fuzzing (fast-check) of every route of the OpenAPI document: random bodies,
// path parameters and query strings, sent with an admin key (every route reachable). Whatever
// arrives, the answer is never a 5xx, always a JSON error with a stable code on a 4xx, and a 4xx
// never changes anything. Seeded and bounded: the same run every time.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, type Harness, snapshot, startIonMesh } from './support/harness.js';

const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 12);

// Text that broke SQL once: NUL, a trailing backslash, LIKE wildcards, dates PostgreSQL cannot
// hold, numbers past every integer type, an unpaired surrogate (escaped in a JSON body).
const HOSTILE_TEXT = [
  '\u0000',
  'a\u0000b',
  'a\\',
  '\\',
  '%',
  '_',
  '%_\\',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '275760-09-13T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '2026-02-30T00:00:00Z',
  '99999999999999999999',
  '1e400',
  '-9223372036854775809',
  '\ud800',
];
const hostile = fc.constantFrom(...HOSTILE_TEXT);
// A URL cannot carry an unpaired surrogate (encodeURIComponent refuses it).
const hostileInUrl = fc.constantFrom(...HOSTILE_TEXT.filter((t) => t.isWellFormed()));
const pathValue = fc.oneof(
  fc.integer({ min: -3, max: 2 ** 40 }).map(String),
  fc.constantFrom('0', '1', '2', '999', 'router1-slot0', '%00', '..', '%2F', '-1', '1e3', 'a'.repeat(300), 'null'),
  fc.string({ maxLength: 40 }),
  hostileInUrl,
);
const jsonScalar = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 30 }), hostile);

describe('fuzzing every route', () => {
  let h: Harness;
  const routes: Array<{ method: string; path: string; body: Record<string, unknown> | null; query: string[] }> = [];
  beforeAll(async () => {
    h = await startIonMesh();
    const doc = await (await fetch(`${h.url}/docs/json`)).json();
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Record<string, unknown>>>)) {
      if (!path.startsWith('/api/backend/v1/')) continue;
      for (const [method, op] of Object.entries(ops)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        const content = (op.requestBody as { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> })
          ?.content;
        // Bodies are named components: the field names are the component's.
        const schema = content?.['application/json']?.schema as
          | { $ref?: string; properties?: Record<string, unknown> }
          | undefined;
        const named = schema?.$ref ? doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema;
        const body = named?.properties ?? null;
        const query = ((op.parameters as Array<{ in: string; name: string }>) ?? [])
          .filter((p) => p.in === 'query')
          .map((p) => p.name);
        routes.push({ method: method.toUpperCase(), path, body, query });
      }
    }
  });
  afterAll(() => h.close());
  let problems: string[] = [];
  let sent = 0;

  /** Sends one request; a 5xx, a 4xx that is not a coded JSON error, or a 4xx that changed data is a problem. */
  async function probe(method: string, url: string, b: unknown) {
    const before = method === 'GET' ? null : await snapshot(h);
    const res = await fetch(`${h.url}${url}`, {
      method,
      headers: {
        'x-api-key': ADMIN_KEY,
        ...(method === 'GET' || method === 'DELETE' ? {} : { 'content-type': 'application/json' }),
      },
      ...(method === 'GET' || method === 'DELETE' ? {} : { body: typeof b === 'string' ? b : JSON.stringify(b) }),
    });
    const text = await res.text();
    if (res.status >= 500) problems.push(`${method} ${url} → ${res.status} ${text.slice(0, 200)}`);
    sent += 1;
    if (res.status >= 400 && res.status < 500) {
      let err: { status?: string; code?: unknown } = {};
      try {
        err = JSON.parse(text);
      } catch {
        problems.push(`${method} ${url} → ${res.status} not JSON: ${text.slice(0, 100)}`);
      }
      if (err.status !== 'error' || typeof err.code !== 'string')
        problems.push(`${method} ${url} → ${res.status} without a code`);
      if (before) {
        const after = await snapshot(h);
        if (JSON.stringify(after) !== JSON.stringify(before)) problems.push(`${method} ${url} → ${res.status} but changed data`);
      }
    }
    return res.status;
  }

  it('answers every random request with a 2xx or a JSON 4xx, and a 4xx changes nothing', async () => {
    expect(routes.length).toBeGreaterThan(60);
    // The bodies' field names were read (through their components): the fuzz is shaped.
    expect(routes.filter((r) => r.body && Object.keys(r.body).length > 0).length).toBeGreaterThan(40);
    problems = [];
    sent = 0;
    for (const [i, route] of routes.entries()) {
      const fields = route.body ? Object.keys(route.body) : [];
      // Bodies shaped like the schema (its field names, random values), and anything at all.
      const body = fc.oneof(
        fields.length
          ? fc.dictionary(fc.constantFrom(...fields), fc.oneof(jsonScalar, fc.jsonValue({ maxDepth: 3 })), {
              maxKeys: fields.length,
            })
          : fc.constant({}),
        fc.jsonValue({ maxDepth: 4 }),
        fc.string({ maxLength: 50 }),
      );
      const query = fc.dictionary(
        fc.oneof(fc.constantFrom(...(route.query.length ? route.query : ['x'])), fc.string({ maxLength: 8 })),
        fc.oneof(fc.string({ maxLength: 20 }), hostileInUrl),
        { maxKeys: 3 },
      );
      const params = fc.array(pathValue, { minLength: 3, maxLength: 3 });
      await fc
        .assert(
          fc.asyncProperty(body, query, params, async (b, q, p) => {
            let n = 0;
            const url =
              route.path.replace(/\{[a-z_]+\}/g, () => encodeURIComponent(p[n++] ?? '1')) +
              (Object.keys(q).length ? `?${new URLSearchParams(q)}` : '');
            await probe(route.method, url, b);
            return problems.length === 0;
          }),
          { numRuns: RUNS_PER_ROUTE, seed: 20261125 + i, endOnFailure: true },
        )
        .catch((error: Error) => {
          // A property that threw (not one that found a problem) is a finding too.
          if (!problems.length) problems.push(`${route.method} ${route.path}: ${error.message.slice(0, 300)}`);
        });
      if (problems.length) break;
    }
    expect(problems).toEqual([]);
    expect(sent).toBe(routes.length * RUNS_PER_ROUTE);
  });

  it('walks every query parameter of every route with each hostile text: never a 5xx', async () => {
    problems = [];
    sent = 0;
    let walked = 0;
    for (const route of routes) {
      const path = route.path.replace(/\{[a-z_]+\}/g, '1');
      for (const name of route.query) {
        for (const value of HOSTILE_TEXT) {
          await probe(route.method, `${path}?${new URLSearchParams({ [name]: value })}`, {});
          walked++;
        }
      }
    }
    expect(problems).toEqual([]);
    expect(walked).toBeGreaterThan(200);
  });
});
