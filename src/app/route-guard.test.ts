// The route guard fails closed: an admin route that does not say what access it needs and how a
// tenant key is confined, or whose schema names what it does not declare, stops the server.
import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/support/harness.js';
import { notFound } from '../domain/errors.js';
import { type Database, rows } from './database.js';
import { guardAdminRoutes, guardProblems, type Owner, type Owners, scopeOf } from './route-guard.js';

const owner = (param: string): Owner => ({
  param,
  tenants: (id) => sql`SELECT ${id} AS tenant_id`,
  missing: () => notFound('NOT_FOUND', 'gone'),
});
type Note = { tenant_id: number; note: string };
const OWNERS = Object.fromEntries(
  ['tenant', 'bank', 'slot', 'bankd', 'remsimServer', 'pool', 'policy', 'webhook', 'apiKey'].map((k) => [
    k,
    owner(k === 'bank' || k === 'slot' ? 'bank_id' : 'id'),
  ]),
) as Owners;

const route = (url: string, config: object | undefined, schema: object = {}, method = 'GET') => ({
  method,
  url: `/api/backend/v1${url}`,
  config,
  schema,
});
const withTenant = { querystring: Type.Object({ tenant_id: Type.Optional(Type.Integer()) }) };

describe('the route guard', () => {
  it('accepts routes that declare their access and tenant rule consistently with their schema', () => {
    expect(guardProblems(route('/banks', { access: 'read', tenant: 'field' }, withTenant), OWNERS)).toEqual([]);
    expect(guardProblems(route('/banks/:bank_id', { access: 'manage', tenant: 'bank' }), OWNERS)).toEqual([]);
    expect(guardProblems(route('/stats/storage', { access: 'admin', tenant: 'global' }), OWNERS)).toEqual([]);
    const body = { body: Type.Object({ bank_id: Type.Integer(), slot_id: Type.Integer() }) };
    expect(
      guardProblems(
        route('/sim-cards', { access: 'manage', tenant: 'body', references: { bank_id: 'bank', slot_id: 'part' } }, body, 'POST'),
        OWNERS,
      ),
    ).toEqual([]);
  });

  it('refuses a route without access or tenant rule', () => {
    expect(guardProblems(route('/things', undefined), OWNERS).join(' ')).toMatch(/no access.*no tenant rule/);
    expect(guardProblems(route('/things', { access: 'read' }), OWNERS).join(' ')).toMatch(/no tenant rule/);
    expect(guardProblems(route('/things', { tenant: 'none' }), OWNERS).join(' ')).toMatch(/no access/);
    expect(guardProblems(route('/things', { access: 'write', tenant: 'none' }), OWNERS).join(' ')).toMatch(
      /unknown access write/,
    );
  });

  it('refuses declarations its schema or path contradicts', () => {
    const problems = (url: string, config: object, schema: object = {}) =>
      guardProblems(route(url, config, schema), OWNERS).join(' ');
    expect(problems('/things', { access: 'read', tenant: 'field' })).toMatch(/no tenant_id/);
    expect(problems('/things', { access: 'read', tenant: 'none' }, withTenant)).toMatch(/'none' but has a tenant_id/);
    expect(problems('/things', { access: 'manage', tenant: 'global' })).toMatch(/without admin access/);
    expect(problems('/things/:id', { access: 'read', tenant: 'none' })).toMatch(/names id in its path/);
    expect(problems('/things/:thing_id', { access: 'read', tenant: 'bank' })).toMatch(/no :bank_id/);
    expect(problems('/things', { access: 'read', tenant: 'body' })).toMatch(/names no object/);
    const body = { body: Type.Object({ bank_id: Type.Integer(), list: Type.Array(Type.Object({ pool_id: Type.Integer() })) }) };
    expect(problems('/things', { access: 'manage', tenant: 'handler', references: { bank_id: 'bank' } }, body)).toMatch(
      /body fields list\[\]\.pool_id name objects/,
    );
    expect(problems('/things', { access: 'manage', tenant: 'handler', references: { gone_id: 'bank' } })).toMatch(
      /reference gone_id its body does not have/,
    );
  });

  it('stops the server at start when an admin route lacks a declaration, naming it', async () => {
    const app = Fastify({ logger: false });
    app.register(
      async (admin) => {
        guardAdminRoutes(admin, { db: {} as Database, owners: OWNERS, authenticate: async () => {} });
        admin.get('/declared', { config: { access: 'read', tenant: 'none' } }, async () => ({ ok: true }));
        admin.post('/forgotten', async () => ({ ok: true }));
      },
      { prefix: '/api/backend/v1' },
    );
    await expect(app.ready()).rejects.toThrow(/POST \/forgotten declares no access.*no tenant rule/);
    await app.close().catch(() => {});
  });

  it('records what each route declares and serves the declared ones', async () => {
    const app = Fastify({ logger: false });
    const declared: { route: string }[] = [];
    await app.register(
      async (admin) => {
        guardAdminRoutes(admin, {
          db: {} as Database,
          owners: OWNERS,
          declared: declared as never,
          authenticate: async (req) => {
            req.principal = { keyId: 1, role: 'readonly', tenantId: 2 } as never;
          },
        });
        admin.get('/declared', { config: { access: 'read', tenant: 'none' } }, async () => ({ ok: true }));
      },
      { prefix: '/api/backend/v1' },
    );
    await app.ready();
    expect(declared.map((d) => d.route)).toEqual(['GET /declared', 'HEAD /declared']);
    expect((await app.inject({ url: '/api/backend/v1/declared' })).json()).toEqual({ ok: true });
    await app.close();
  });

  it("does not send an answer of a scoped route whose handler never handed its use case the key's scope", async () => {
    const app = Fastify({ logger: false });
    let tenantId: number | null = 2;
    await app.register(
      async (admin) => {
        guardAdminRoutes(admin, {
          db: {} as Database,
          owners: OWNERS,
          authenticate: async (req) => {
            req.principal = { keyId: 1, role: 'readonly', tenantId } as never;
          },
        });
        const query = { querystring: Type.Object({ tenant_id: Type.Optional(Type.Integer()) }) };
        admin.get('/scoped', { config: { access: 'read', tenant: 'field' }, schema: query }, async (req) => ({
          tenant: scopeOf(req),
        }));
        admin.get('/forgot-scope', { config: { access: 'read', tenant: 'field' }, schema: query }, async (req) => ({
          asked: req.query,
        }));
      },
      { prefix: '/api/backend/v1' },
    );
    await app.ready();
    expect((await app.inject({ url: '/api/backend/v1/scoped' })).json()).toEqual({ tenant: 2 });
    const leak = await app.inject({ url: '/api/backend/v1/forgot-scope?tenant_id=3' });
    expect(leak.statusCode).toBe(500);
    expect(leak.body).not.toContain('"tenant_id":3');
    // An unscoped key sees every tenant: nothing to confine.
    tenantId = null;
    expect((await app.inject({ url: '/api/backend/v1/forgot-scope?tenant_id=3' })).json()).toEqual({ asked: { tenant_id: 3 } });
    await app.close();
  });

  it("rolls back the write of a scoped route whose handler never read the key's scope, before it commits", async () => {
    const { db, drop } = await freshDatabase();
    await db.run((h) => h.execute(sql`CREATE TABLE notes (tenant_id int, note text)`));
    const app = Fastify({ logger: false });
    await app.register(
      async (admin) => {
        guardAdminRoutes(admin, {
          db,
          owners: OWNERS,
          authenticate: async (req) => {
            req.principal = { keyId: 1, role: 'operator', tenantId: 2 } as never;
          },
        });
        const body = { body: Type.Object({ tenant_id: Type.Integer(), note: Type.String() }) };
        admin.post('/notes', { config: { access: 'manage', tenant: 'field' }, schema: body }, async (req) => {
          const scope = scopeOf(req);
          await db.transaction((tx) => tx.execute(sql`INSERT INTO notes VALUES (${scope}, ${(req.body as Note).note})`));
          return { ok: true };
        });
        admin.post('/careless-notes', { config: { access: 'manage', tenant: 'field' }, schema: body }, async (req) => {
          await db.transaction((tx) =>
            tx.execute(sql`INSERT INTO notes VALUES (${(req.body as Note).tenant_id}, ${(req.body as Note).note})`),
          );
          return { ok: true };
        });
      },
      { prefix: '/api/backend/v1' },
    );
    await app.ready();
    try {
      const post = (url: string, note: string) =>
        app.inject({ method: 'POST', url: `/api/backend/v1${url}`, payload: { tenant_id: 3, note } });
      expect((await post('/notes', 'kept')).statusCode).toBe(200);
      const careless = await post('/careless-notes', 'leaked');
      expect(careless.statusCode).toBe(500);
      // Nothing of it committed: the check ran before the transaction's commit.
      expect(await db.run((h) => rows(h, sql`SELECT tenant_id, note FROM notes ORDER BY note`))).toEqual([
        { tenant_id: 2, note: 'kept' },
      ]);
    } finally {
      await app.close();
      await db.close();
      await drop();
    }
  });
});
