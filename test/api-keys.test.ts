// API keys with roles: created over the API (shown once, stored hashed, a visible prefix),
// accepted as X-API-Key or Bearer, refused when revoked or expired, last use recorded; and the
// authorization matrix, walked over every admin route of the OpenAPI document for each role.
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, type Harness, json, startIonMesh } from './support/harness.js';

const PREFIX = '/api/backend/v1';
// The spec of who may do what beyond the defaults (GET reads, anything else manages).
const OPERATE = [
  'POST /clients/{client_id}/reassign',
  'DELETE /clients/{client_id}',
  'POST /clients/{client_id}/commands',
  'POST /remsim-servers/{id}/reconcile',
  'POST /webhooks/{id}/deliveries/{delivery_id}/redeliver',
  'POST /jobs',
  'POST /jobs/{id}/cancel',
  'POST /rotation-policies/{id}/run',
  'POST /rules',
  'POST /rules/dry-run',
  'PATCH /rules/{id}',
  'DELETE /rules/{id}',
  'POST /incidents/{id}/acknowledge',
  'POST /incidents/{id}/resolve',
];
const ADMIN_ONLY = [
  'GET /backup',
  'POST /prediction-models',
  'POST /prediction-models/{version}/activate',
  'POST /tenants',
  'DELETE /tenants/{id}',
  'POST /bankd-instances',
  'PATCH /bankd-instances/{id}',
  'DELETE /bankd-instances/{id}',
  'POST /remsim-servers',
  'PATCH /remsim-servers/{id}',
  'DELETE /remsim-servers/{id}',
  'GET /stats/storage',
];
// Reads that need manage: the list of keys (a tenant-admin sees its tenant's).
const MANAGE_READS = ['GET /api-keys'];
// Any valid key may ask who it is.
const SELF = ['GET /auth/whoami'];
const GRANTS: Record<string, string[]> = {
  'tenant-admin': ['read', 'operate', 'manage'],
  operator: ['read', 'operate'],
  readonly: ['read'],
  client: [],
};

const as = (h: Harness, key: string, path: string, init: RequestInit = {}) =>
  fetch(`${h.url}${PREFIX}${path}`, {
    ...init,
    headers: { 'x-api-key': key, ...(init.body ? { 'content-type': 'application/json' } : {}), ...(init.headers as object) },
  });

describe('API keys', () => {
  let h: Harness;
  const keys: Record<string, string> = {};
  beforeAll(async () => {
    h = await startIonMesh();
    for (const role of ['tenant-admin', 'operator', 'readonly', 'client']) {
      const res = await h.admin(
        '/api-keys',
        json({ name: `${role} key`, role, ...(role === 'tenant-admin' ? { tenant_id: 1 } : {}) }),
      );
      expect(res.status).toBe(201);
      keys[role] = (await res.json()).key;
    }
  });
  afterAll(() => h.close());

  it('shows a new key once, stores only its hash, and lists it by prefix', async () => {
    const res = await h.admin('/api-keys', json({ name: 'noc dashboard', role: 'readonly', expires_at: '2099-01-01T00:00:00Z' }));
    const created = await res.json();
    expect(created).toMatchObject({
      name: 'noc dashboard',
      role: 'readonly',
      tenant_id: null,
      expires_at: '2099-01-01T00:00:00.000Z',
    });
    expect(created.key).toMatch(/^imk_[A-Za-z0-9_-]{32}$/);
    expect(created.prefix).toBe(created.key.slice(0, 12));
    const list = await (await h.admin('/api-keys')).json();
    const listed = list.items.find((k: { id: number }) => k.id === created.id);
    expect(listed).toMatchObject({ prefix: created.prefix, role: 'readonly' });
    expect(JSON.stringify(list)).not.toContain(created.key);
    const [row] = await h.query<{ key_hash: string }>(sql`SELECT key_hash FROM api_keys WHERE id = ${created.id}`);
    expect(row?.key_hash).toMatch(/^[0-9a-f]{64}$/);
    const stored = await h.query(sql`SELECT * FROM api_keys WHERE key_hash = ${created.key} OR name = ${created.key}`);
    expect(stored).toEqual([]);
    const [audit] = await h.query<{ actor: string; action: string }>(
      sql`SELECT actor, action FROM audit_log WHERE entity_type = 'api_key' AND entity_id = ${String(created.id)}`,
    );
    expect(audit).toEqual({ actor: expect.stringMatching(/^key:\d+$/), action: 'api_key.create' });
  });

  it('declares access and a tenant rule on every admin route, as docs/security.md lists them', async () => {
    const doc = await (await fetch(`${h.url}/docs/json`)).json();
    const documented = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) =>
      path.startsWith(PREFIX) && !path.startsWith(`${PREFIX}/remsim/`)
        ? Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.slice(PREFIX.length).replace(/\{(\w+)\}/g, ':$1')}`)
        : [],
    );
    const declared = h.guarded.filter((g) => !g.route.startsWith('HEAD '));
    expect(declared.map((g) => g.route).sort()).toEqual(documented.sort());
    const table = [
      '| route | access | tenant rule |',
      '|---|---|---|',
      ...declared.map((g) => `| \`${g.route}\` | ${g.access} | ${g.tenant} |`),
    ].join('\n');
    const security = readFileSync(new URL('../docs/security.md', import.meta.url), 'utf8');
    const listed = security.split('<!-- routes:start -->')[1]?.split('<!-- routes:end -->')[0]?.trim();
    expect(listed, 'docs/security.md: replace the table between the routes markers with the one expected').toBe(table);
  });

  it('accepts a key as X-API-Key or Bearer, says who it is, and records its last use', async () => {
    const who = await (await as(h, keys.readonly as string, '/auth/whoami')).json();
    expect(who).toMatchObject({
      role: 'readonly',
      access: ['read'],
      tenant_id: null,
      prefix: (keys.readonly as string).slice(0, 12),
    });
    const bearer = await fetch(`${h.url}${PREFIX}/auth/whoami`, { headers: { authorization: `Bearer ${keys.operator}` } });
    expect((await bearer.json()).role).toBe('operator');
    const prefix = (keys.readonly as string).slice(0, 12);
    const [used] = await h.query<{ last_used_at: string | null }>(
      sql`SELECT last_used_at FROM api_keys WHERE prefix = ${prefix}`,
    );
    expect(used?.last_used_at).not.toBeNull();
  });

  it('refuses a revoked key and an expired one at once, and never revokes the last admin key', async () => {
    const created = await (await h.admin('/api-keys', json({ name: 'temp', role: 'operator' }))).json();
    expect((await as(h, created.key, '/clients')).status).toBe(200);
    expect((await h.admin(`/api-keys/${created.id}`, { method: 'DELETE' })).status).toBe(200);
    const refused = await as(h, created.key, '/clients');
    expect(refused.status).toBe(401);
    expect((await refused.json()).code).toBe('UNAUTHORIZED');
    await h.query(sql`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE role = 'client'`);
    expect((await as(h, keys.client as string, '/auth/whoami')).status).toBe(401);
    await h.query(sql`UPDATE api_keys SET expires_at = NULL WHERE role = 'client'`);

    const [admin] = await h.query<{ id: number }>(sql`SELECT id FROM api_keys WHERE role = 'admin' AND revoked_at IS NULL`);
    const last = await h.admin(`/api-keys/${admin?.id}`, { method: 'DELETE' });
    expect(last.status).toBe(409);
    expect((await last.json()).code).toBe('LAST_ADMIN_KEY');
    expect((await h.admin('/api-keys/999999', { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses bad key requests with 4xx and creates nothing', async () => {
    const [before] = await h.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM api_keys`);
    for (const body of [
      { name: 'x', role: 'superuser' },
      { name: '', role: 'readonly' },
      { role: 'readonly' },
      { name: 'x', role: 'readonly', expires_at: 'tomorrow' },
      { name: 'x', role: 'readonly', expires_at: '2001-01-01T00:00:00Z' },
      { name: 'x', role: 'readonly', extra: 1 },
    ])
      expect((await h.admin('/api-keys', json(body))).status, JSON.stringify(body)).toBe(400);
    // An admin key spans tenants; a tenant-admin key needs its tenant, which must exist.
    for (const body of [
      { name: 'x', role: 'admin', tenant_id: 1 },
      { name: 'x', role: 'tenant-admin' },
    ])
      expect((await h.admin('/api-keys', json(body))).status, JSON.stringify(body)).toBe(400);
    const ghost = await h.admin('/api-keys', json({ name: 'x', role: 'tenant-admin', tenant_id: 999 }));
    expect(ghost.status).toBe(404);
    expect((await ghost.json()).code).toBe('TENANT_NOT_FOUND');
    const [after] = await h.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM api_keys`);
    expect(after?.n).toBe(before?.n);
  });

  it('lets each role do exactly its part on every admin route of the OpenAPI document', async () => {
    const doc = await (await fetch(`${h.url}/docs/json`)).json();
    const routes: Array<{ method: string; path: string; key: string }> = [];
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      if (!path.startsWith(PREFIX) || path.startsWith(`${PREFIX}/remsim/`)) continue;
      for (const method of Object.keys(ops)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        routes.push({ method: method.toUpperCase(), path, key: `${method.toUpperCase()} ${path.slice(PREFIX.length)}` });
      }
    }
    expect(routes.length).toBeGreaterThan(50);
    for (const r of [...OPERATE, ...ADMIN_ONLY])
      expect(
        routes.map((x) => x.key),
        r,
      ).toContain(r);
    const needs = (r: { method: string; key: string }) =>
      SELF.includes(r.key)
        ? 'self'
        : MANAGE_READS.includes(r.key)
          ? 'manage'
          : ADMIN_ONLY.includes(r.key)
            ? 'admin'
            : OPERATE.includes(r.key)
              ? 'operate'
              : r.method === 'GET'
                ? 'read'
                : 'manage';
    const [before] = await h.query(
      sql`SELECT (SELECT count(*) FROM audit_log)::int AS audit, (SELECT count(*) FROM api_keys)::int AS keys`,
    );
    const problems: string[] = [];
    for (const role of Object.keys(GRANTS)) {
      for (const r of routes) {
        // Ids that match nothing: an allowed request ends in 400 or 404, never in a change.
        const url = r.path
          .slice(PREFIX.length)
          .replace(/\{(id|delivery_id|bank_id|slot_id)\}/g, '999')
          .replace(/\{[a-z_]+\}/g, 'nobody-here');
        const res = await as(h, keys[role] as string, url, {
          method: r.method,
          ...(['POST', 'PUT', 'PATCH'].includes(r.method) ? { body: '{}' } : {}),
        });
        const allowed = needs(r) === 'self' || (GRANTS[role] as string[]).includes(needs(r));
        if (allowed ? res.status === 403 || res.status === 401 : res.status !== 403)
          problems.push(`${role} ${r.key} → ${res.status} (needs ${needs(r)})`);
        if (res.status === 403) expect((await res.json()).code).toBe('FORBIDDEN');
        else await res.arrayBuffer();
      }
    }
    expect(problems).toEqual([]);
    const [after] = await h.query(
      sql`SELECT (SELECT count(*) FROM audit_log)::int AS audit, (SELECT count(*) FROM api_keys)::int AS keys`,
    );
    expect(after).toEqual(before);
    // Refusals are counted (never with the key in the log or the metric).
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toMatch(/ionmesh_auth_failures_total\{reason="forbidden"\} [1-9]/);
    expect(metrics).not.toContain(keys.client as string);
  });

  it('an admin key still does everything', async () => {
    expect((await h.admin('/api-keys')).status).toBe(200);
    expect((await fetch(`${h.url}${PREFIX}/tenants`, { headers: { 'x-api-key': ADMIN_KEY } })).status).toBe(200);
  });
});
