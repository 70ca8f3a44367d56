// Property-based fuzzing (fast-check) of every route of the OpenAPI document: random bodies,
// path parameters and query strings, sent with an admin key (every route reachable). Whatever
// arrives, the answer is never a 5xx, always a JSON error with a stable code on a 4xx, and a 4xx
// never changes anything. Seeded and bounded: the same run every time.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, type Harness, onPostgres, snapshot, startIonMesh } from './support/harness.js';

const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 12);

const pathValue = fc.oneof(
  fc.integer({ min: -3, max: 2 ** 40 }).map(String),
  fc.constantFrom('0', '1', '2', '999', 'router1-slot0', '%00', '..', '%2F', '-1', '1e3', 'a'.repeat(300), 'null'),
  fc.string({ maxLength: 40 }),
);
const jsonScalar = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 30 }));

describe.runIf(!onPostgres)('fuzzing every route', () => {
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
        const body = content?.['application/json']?.schema?.properties ?? null;
        const query = ((op.parameters as Array<{ in: string; name: string }>) ?? [])
          .filter((p) => p.in === 'query')
          .map((p) => p.name);
        routes.push({ method: method.toUpperCase(), path, body, query });
      }
    }
  });
  afterAll(() => h.close());

  it('answers every random request with a 2xx or a JSON 4xx, and a 4xx changes nothing', async () => {
    expect(routes.length).toBeGreaterThan(60);
    const problems: string[] = [];
    let sent = 0;
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
        fc.string({ maxLength: 20 }),
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
            const before = route.method === 'GET' ? null : await snapshot(h);
            const res = await fetch(`${h.url}${url}`, {
              method: route.method,
              headers: {
                'x-api-key': ADMIN_KEY,
                ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { 'content-type': 'application/json' }),
              },
              ...(route.method === 'GET' || route.method === 'DELETE'
                ? {}
                : { body: typeof b === 'string' ? b : JSON.stringify(b) }),
            });
            const text = await res.text();
            if (res.status >= 500) problems.push(`${route.method} ${url} → ${res.status} ${text.slice(0, 200)}`);
            sent += 1;
            if (res.status >= 400 && res.status < 500) {
              let err: { status?: string; code?: unknown } = {};
              try {
                err = JSON.parse(text);
              } catch {
                problems.push(`${route.method} ${url} → ${res.status} not JSON: ${text.slice(0, 100)}`);
              }
              if (err.status !== 'error' || typeof err.code !== 'string')
                problems.push(`${route.method} ${url} → ${res.status} without a code`);
              if (before) {
                const after = await snapshot(h);
                if (JSON.stringify(after) !== JSON.stringify(before))
                  problems.push(`${route.method} ${url} → ${res.status} but changed data`);
              }
            }
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
});
