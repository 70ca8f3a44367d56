// The OpenAPI document is good enough to generate SDKs from: every operation has a unique
// operationId, a summary and tags; every response says what it means; shared schemas are named.
import { createConfig, lintFromString } from '@redocly/openapi-core';
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

  it('names every JSON answer and body as a component, one name per structure, so SDKs get named types', () => {
    const inline = operations().flatMap(({ at, op }) => {
      const schemas: Array<[string, Doc | undefined]> = [
        ['body', op.requestBody?.content?.['application/json']?.schema],
        ...Object.entries(op.responses as Record<string, Doc>)
          .filter(([status]) => /^2/.test(status))
          .map(([status, r]): [string, Doc | undefined] => [status, r.content?.['application/json']?.schema]),
      ];
      return schemas.filter(([, s]) => s && (s.properties || s.items) && !s.$ref).map(([what]) => `${at} ${what}`);
    });
    expect(inline).toEqual([]);
    const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    const schemaOf = (path: string, method: string, status = '200') =>
      doc.paths[path][method].responses[status].content['application/json'].schema;
    // A get names its object; create and update answer the same object, so the same name.
    expect(schemaOf('/api/backend/v1/tenants/{id}', 'get')).toEqual(ref('Tenant'));
    expect(schemaOf('/api/backend/v1/tenants', 'post')).toEqual(ref('Tenant'));
    expect(schemaOf('/api/backend/v1/tenants/{id}', 'patch')).toEqual(ref('Tenant'));
    // A page refers to its items' component.
    expect(schemaOf('/api/backend/v1/tenants', 'get')).toEqual(ref('TenantsPage'));
    expect(doc.components.schemas.TenantsPage.properties.items.items).toEqual(ref('Tenant'));
    expect(doc.paths['/api/backend/v1/tenants'].post.requestBody.content['application/json'].schema).toEqual(
      ref('CreateTenantBody'),
    );
    expect(doc.components.schemas.Tenant.properties.enrollment_mode).toBeDefined();
    // No two components hold the same structure; every reference names a component.
    const shapes = Object.values(doc.components.schemas).map((s) => JSON.stringify(s));
    expect(shapes.filter((s, i) => shapes.indexOf(s) !== i)).toEqual([]);
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.filter((r) => !((r as string) in doc.components.schemas))).toEqual([]);
  });

  it('declares the errors every route can give: a bad character (400), the rate limit (429), an admin key (401, 403)', () => {
    const responses = (path: string, method: string) => Object.keys(doc.paths[path][method].responses);
    expect(responses('/healthz', 'get')).toContain('400');
    expect(responses('/healthz', 'get')).not.toContain('401');
    expect(responses('/api/backend/v1/remsim/discover', 'get')).toEqual(expect.arrayContaining(['200', '400', '429']));
    expect(responses('/api/backend/v1/remsim/discover', 'get')).not.toContain('401');
    expect(responses('/api/backend/v1/job-actions', 'get')).toEqual(expect.arrayContaining(['400', '401', '403', '429']));
    expect(Object.keys(doc.paths['/api/backend/v1/backup'].get.responses['200'].content)).toEqual(['application/gzip']);
  });

  it('is clean under Redocly’s recommended rules: no error and no warning', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: 'openapi.json', config });
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
    // The linter finds what it should: the same document without its license is refused.
    const broken = structuredClone(doc);
    delete broken.info.license;
    const found = await lintFromString({ source: JSON.stringify(broken), absoluteRef: 'openapi.json', config });
    expect(found.map((p) => p.ruleId)).toContain('info-license');
  });
});
