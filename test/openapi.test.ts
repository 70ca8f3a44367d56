// The OpenAPI document is good enough to generate SDKs from: every operation has a unique
// operationId, a summary and tags; every response says what it means; shared schemas are named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTimeKey } from '../src/app/timestamps.js';
import { type Harness, startIonMesh } from './support/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document, read by the assertions
type Doc = Record<string, any>;

describe('the OpenAPI document', () => {
  let h: Harness;
  let doc: Doc;
  beforeAll(async () => {
    h = await startIonMesh({ demo: false });
    doc = await (await fetch(`${h.url}/docs/json`)).json();
  });
  afterAll(() => h.close());

  const operations = () =>
    Object.entries(doc.paths as Record<string, Doc>).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ at: `${method.toUpperCase()} ${path}`, op: op as Doc })),
    );

  it('serves its reader at /docs, with the viewer’s own files', async () => {
    const page = await fetch(`${h.url}/docs/static/index.html`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger-ui');
    for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css']) {
      const r = await fetch(`${h.url}/docs/static/${file}`);
      expect(r.status, file).toBe(200);
      expect((await r.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
    }
  });

  it('names every operation once, with a summary and a tag', () => {
    const all = operations();
    expect(all.length).toBeGreaterThan(70);
    expect(
      all.filter(({ op }) => typeof op.operationId !== 'string' || !/^[a-z][A-Za-z]+$/.test(op.operationId)).map((o) => o.at),
    ).toEqual([]);
    const ids = all.map(({ op }) => op.operationId);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(all.filter(({ op }) => !op.summary).map((o) => o.at)).toEqual([]);
    expect(all.filter(({ op }) => !op.tags?.length).map((o) => o.at)).toEqual([]);
  });

  it('says every time of every answer as ISO 8601 with Z: each date-time field has a key that is rewritten', () => {
    // The answers' timestamps read with raw SQL are rewritten by key (src/app/timestamps.ts); a
    // date-time field under any other key would answer PostgreSQL's own text form.
    const missed = new Set<string>();
    const walk = (schema: unknown, key: string, at: string) => {
      if (!schema || typeof schema !== 'object') return;
      const s = schema as Doc;
      if (s.format === 'date-time' && key && !isTimeKey(key)) missed.add(`${at}: ${key}`);
      for (const [k, v] of Object.entries((s.properties ?? {}) as Doc)) walk(v, k, at);
      for (const part of ['items', 'additionalProperties']) if (typeof s[part] === 'object') walk(s[part], key, at);
      for (const part of ['anyOf', 'oneOf', 'allOf']) for (const v of (s[part] ?? []) as unknown[]) walk(v, key, at);
    };
    for (const { at, op } of operations())
      for (const r of Object.values(op.responses as Record<string, Doc>)) walk(r.content?.['application/json']?.schema, '', at);
    for (const [name, schema] of Object.entries((doc.components?.schemas ?? {}) as Doc)) walk(schema, '', name);
    expect([...missed]).toEqual([]);
    expect(isTimeKey('at')).toBe(true);
  });

  it('declares where it is served and who may call each operation', () => {
    expect(doc.servers).toEqual([{ url: '/', description: expect.any(String) }]);
    expect(
      operations()
        .filter(({ op }) => !Array.isArray(op.security))
        .map((o) => o.at),
    ).toEqual([]);
    const byPath = (at: string) => operations().find((o) => o.at === at)?.op.security;
    // The deployed router sends no credential; an agent may send a client key or its token.
    expect(byPath('POST /api/backend/v1/remsim/register-client')).toEqual([{}, { apiKey: [] }, { clientToken: [] }]);
    expect(byPath('GET /healthz')).toEqual([]);
    expect(byPath('GET /api/backend/v1/tenants')).toEqual([{ apiKey: [] }]);
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['apiKey', 'clientToken']);
  });

  it('describes every response, errors by what the status means', () => {
    const vague = operations().flatMap(({ at, op }) =>
      Object.entries(op.responses as Record<string, Doc>)
        .filter(([, r]) => !r.description || r.description === 'Default Response')
        .map(([status]) => `${at} ${status}`),
    );
    expect(vague).toEqual([]);
    const listTenants = doc.paths['/api/backend/v1/tenants'].get;
    expect(listTenants.responses['200'].description).toBe('A page of items, with total, limit and offset');
    expect(listTenants.responses['401'].description).toMatch(/No valid API key/);
  });

  it('names the shared error answer as a component', () => {
    expect(Object.keys(doc.components.schemas)).toContain('ErrorAnswer');
    expect(JSON.stringify(doc.paths)).not.toContain('def-0');
  });
});
