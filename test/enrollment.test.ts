// Client enrollment and source binding for keyless routers (the deployed client sends no
// credentials): open, cidr and key tenants; heartbeats and unregistrations only from an allowed
// source and from the address that registered; the per-profile token, enforced when sent.
// Requests come from 127.0.0.1 or, with a bound local address, from 127.0.0.2 (Linux loopback).
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EnrollmentMode, sourceRefusal } from '../src/domain/enrollment.js';
import { readRegisterAnswer } from '../src/sim/openwrt-client.js';
import { type Harness, json, startIonMesh } from './support/harness.js';

interface Answer {
  status: number;
  body: string;
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers, read by the assertions
  json: any;
}

/** A client API call from a chosen loopback address. */
function call(
  h: Harness,
  method: string,
  path: string,
  opts: { from?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  return new Promise<Answer>((resolve, reject) => {
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const req = request(
      {
        host: '127.0.0.1',
        port: h.port,
        method,
        path: `/api/backend/v1/remsim${path}`,
        localAddress: opts.from ?? '127.0.0.1',
        headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...opts.headers },
      },
      (res) => {
        let body = '';
        res.on('data', (c) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, json: body ? JSON.parse(body) : null }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe('client enrollment', () => {
  let h: Harness;
  let clientKey: string;
  let clientKeyOf4: string;
  const refusals = async () =>
    h.query<{ action: string; actor: string; source_ip: string }>(
      sql`SELECT action, actor, source_ip FROM audit_log WHERE action LIKE 'client.%_refused' ORDER BY id`,
    );

  beforeAll(async () => {
    h = await startIonMesh();
    // Tenant 1 (demo): open. Tenant 2: cidr 127.0.0.1/32, no source binding. Tenant 3: key only (the default).
    // Tenant 4: open, binding off. Each gets a bank with free cards.
    const tenants = [
      { id: 2, name: 'cidr site', enrollment_mode: 'cidr', enrollment_cidrs: ['127.0.0.1/32'], bind_client_source: false },
      { id: 3, name: 'key site' },
      { id: 4, name: 'unbound site', enrollment_mode: 'open', bind_client_source: false },
    ];
    const [bankd] = await h.query<{ id: number }>(sql`SELECT id FROM bankd_instances ORDER BY id LIMIT 1`);
    for (const t of tenants) {
      expect((await h.admin('/tenants', json(t))).status).toBe(200);
      const bank = {
        bank_id: 10 + t.id,
        name: `bank of ${t.name}`,
        tenant_id: t.id,
        bankd_instance_id: bankd?.id,
        slot_count: 4,
        unknown_cards_present: true,
      };
      expect((await h.admin('/banks', json(bank))).status).toBe(200);
    }
    clientKey = (await (await h.admin('/api-keys', json({ name: 'router fleet', role: 'client' }))).json()).key;
    clientKeyOf4 = (await (await h.admin('/api-keys', json({ name: 'site 4 routers', role: 'client', tenant_id: 4 }))).json())
      .key;
  });
  afterAll(() => h.close());

  it('lets anyone register for an open tenant, with a token the deployed client reads past', async () => {
    const res = await call(h, 'POST', '/register-client', {
      body: { client_id: 'open-1-slot0', mapping_mode: 'ONE_TO_ONE_SWSIM', mcc_mnc: '', tenant_id: 1 },
    });
    expect(res.status).toBe(200);
    expect(res.json.client_token).toMatch(/^ict_[A-Za-z0-9_-]{32}$/);
    expect(Object.keys(res.json).at(-1)).toBe('client_token');
    const reading = readRegisterAnswer(res.status, res.body);
    expect(reading.client_accepts).toBe(true);
    expect(reading.parsed).toMatchObject({ bank_id: res.json.bank_id, slot_id: res.json.slot_id });
    // The same registration again: the same token.
    const again = await call(h, 'POST', '/register-client', { body: { client_id: 'open-1-slot0', tenant_id: 1 } });
    expect(again.json.client_token).toBe(res.json.client_token);
  });

  it('enrolls a cidr tenant only from its networks', async () => {
    expect((await call(h, 'POST', '/register-client', { body: { client_id: 'cidr-in', tenant_id: 2 } })).status).toBe(200);
    const out = await call(h, 'POST', '/register-client', { from: '127.0.0.2', body: { client_id: 'cidr-out', tenant_id: 2 } });
    expect(out.status).toBe(403);
    expect(out.json).toMatchObject({ code: 'ENROLLMENT_REFUSED', reason: 'source_not_allowed' });
    const [row] = await h.query(sql`SELECT 1 FROM service_profiles WHERE client_id = 'cidr-out'`);
    expect(row).toBeUndefined();
    // Heartbeats of its client from outside the networks are refused too.
    const hb = await call(h, 'POST', '/heartbeat', { from: '127.0.0.2', body: { client_id: 'cidr-in', tenant_id: 2 } });
    expect(hb.status).toBe(403);
    expect(hb.json.code).toBe('SOURCE_NOT_ALLOWED');
  });

  it('enrolls a key tenant only with a client key (X-API-Key or Bearer), and no other kind of key', async () => {
    const keyless = await call(h, 'POST', '/register-client', { body: { client_id: 'key-1', tenant_id: 3 } });
    expect(keyless.json).toMatchObject({ code: 'ENROLLMENT_REFUSED', reason: 'key_required' });
    const keyed = await call(h, 'POST', '/register-client', {
      body: { client_id: 'key-1', tenant_id: 3 },
      headers: { authorization: `Bearer ${clientKey}` },
    });
    expect(keyed.status).toBe(200);
    expect(keyed.json.client_token).toBeUndefined(); // it has its key
    const wrong = await call(h, 'POST', '/register-client', {
      body: { client_id: 'key-2', tenant_id: 3 },
      headers: { 'x-api-key': 'imk_not-a-key' },
    });
    expect(wrong.status).toBe(401);
    const readonly = (await (await h.admin('/api-keys', json({ name: 'noc', role: 'readonly' }))).json()).key;
    const notClient = await call(h, 'POST', '/register-client', {
      body: { client_id: 'key-2', tenant_id: 3 },
      headers: { 'x-api-key': readonly },
    });
    expect(notClient.status).toBe(403);
    const otherTenant = await call(h, 'POST', '/register-client', {
      body: { client_id: 'key-2', tenant_id: 3 },
      headers: { 'x-api-key': clientKeyOf4 },
    });
    expect(otherTenant.json).toMatchObject({ code: 'ENROLLMENT_REFUSED', reason: 'key_for_another_tenant' });
    // Its keyless heartbeat is refused; with the key it is taken.
    expect((await call(h, 'POST', '/heartbeat', { body: { client_id: 'key-1', tenant_id: 3 } })).status).toBe(403);
    expect(
      (await call(h, 'POST', '/heartbeat', { body: { client_id: 'key-1', tenant_id: 3 }, headers: { 'x-api-key': clientKey } }))
        .status,
    ).toBe(200);
  });

  it('takes heartbeats and unregistrations of a keyless client only from the address it registered or last proved itself from', async () => {
    const reg = await call(h, 'POST', '/register-client', { body: { client_id: 'bound-1', tenant_id: 1 } });
    const token = reg.json.client_token as string;
    const before = (await refusals()).length;
    const elsewhere = await call(h, 'POST', '/heartbeat', {
      from: '127.0.0.2',
      body: { client_id: 'bound-1', stats: { rsrp: -90 } },
    });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.json).toMatchObject({ code: 'SOURCE_NOT_ALLOWED', reason: 'source' });
    const [untouched] = await h.query<{ last_heartbeat: string | null }>(
      sql`SELECT last_heartbeat FROM service_profiles WHERE client_id = 'bound-1'`,
    );
    expect(untouched?.last_heartbeat).toBeNull();
    const refused = await refusals();
    expect(refused.length).toBe(before + 1);
    expect(refused.at(-1)).toMatchObject({ action: 'client.heartbeat_refused', actor: 'client:bound-1', source_ip: '127.0.0.2' });

    expect((await call(h, 'POST', '/heartbeat', { body: { client_id: 'bound-1' } })).status).toBe(200);
    // The token proves the client wherever it is now (a new address after a reboot).
    expect(
      (await call(h, 'POST', '/heartbeat', { from: '127.0.0.2', body: { client_id: 'bound-1', client_token: token } })).status,
    ).toBe(200);
    expect(
      (
        await call(h, 'POST', '/heartbeat', {
          from: '127.0.0.2',
          body: { client_id: 'bound-1' },
          headers: { 'x-client-token': token },
        })
      ).status,
    ).toBe(200);
    // A token, when sent, must be the client's: even from the right address.
    const forged = await call(h, 'POST', '/heartbeat', { body: { client_id: 'bound-1', client_token: `ict_${'A'.repeat(32)}` } });
    expect(forged.json).toMatchObject({ code: 'CLIENT_TOKEN_INVALID' });
    const otherToken = (await call(h, 'POST', '/register-client', { body: { client_id: 'bound-2', tenant_id: 1 } })).json
      .client_token;
    expect((await call(h, 'POST', '/heartbeat', { body: { client_id: 'bound-1', client_token: otherToken } })).status).toBe(403);

    // The binding follows the client to the address it last proved itself from (127.0.0.2 now):
    // the old address may no longer speak for it without the token.
    expect((await call(h, 'POST', '/heartbeat', { body: { client_id: 'bound-1' } })).status).toBe(403);
    expect((await call(h, 'DELETE', '/unregister/bound-1')).json).toMatchObject({ code: 'SOURCE_NOT_ALLOWED' });
    const [still] = await h.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM service_profiles WHERE client_id = 'bound-1' AND status = 'ACTIVE'`,
    );
    expect(still?.n).toBe(1);
    expect((await call(h, 'DELETE', '/unregister/bound-1', { headers: { 'x-client-token': token } })).status).toBe(200);
    // Its token died with the profile.
    expect((await call(h, 'POST', '/heartbeat', { body: { client_id: 'bound-1', client_token: token } })).status).toBe(404);
  });

  it('holds command acknowledgements to the same rules', async () => {
    expect((await call(h, 'POST', '/register-client', { body: { client_id: 'ack-1', tenant_id: 1 } })).status).toBe(200);
    const elsewhere = await call(h, 'POST', '/commands/12345/ack', { from: '127.0.0.2', body: { client_id: 'ack-1' } });
    expect(elsewhere).toMatchObject({ status: 403, json: { code: 'SOURCE_NOT_ALLOWED' } });
    const home = await call(h, 'POST', '/commands/12345/ack', { body: { client_id: 'ack-1' } });
    expect(home).toMatchObject({ status: 404, json: { code: 'COMMAND_NOT_FOUND' } });
  });

  it('lets a tenant turn source binding off', async () => {
    expect((await call(h, 'POST', '/register-client', { body: { client_id: 'roam-1', tenant_id: 4 } })).status).toBe(200);
    expect((await call(h, 'POST', '/heartbeat', { from: '127.0.0.2', body: { client_id: 'roam-1' } })).status).toBe(200);
    expect((await call(h, 'DELETE', '/unregister/roam-1', { from: '127.0.0.2' })).status).toBe(200);
  });

  it('counts refusals, and an operator still unregisters from anywhere', async () => {
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toMatch(/ionmesh_client_refusals_total\{what="enrollment",reason="key_required"\} [1-9]/);
    expect(metrics).toMatch(/ionmesh_client_refusals_total\{what="client.heartbeat_refused",reason="source"\} [1-9]/);
    expect((await h.admin('/clients/cidr-in?tenant_id=2', { method: 'DELETE' })).status).toBe(200);
  });

  it('checks addresses in SQL exactly as in TypeScript (the shared vectors), IPv4-mapped ones as IPv4', async () => {
    const { vectors } = JSON.parse(readFileSync(new URL('./fixtures/cidr-vectors.json', import.meta.url), 'utf8')) as {
      vectors: Array<{ ip: string; cidrs: string[]; in: boolean }>;
    };
    for (const v of vectors) {
      const [r] = await h.query<{ in: boolean }>(sql`SELECT ionmesh_ip_in(${v.ip}, ${sql.param(v.cidrs)}::text[]) AS in`);
      expect(r?.in, `${v.ip} in ${v.cidrs.join(',')}`).toBe(v.in);
    }
  });

  it('refuses a keyless caller’s source in SQL exactly as in TypeScript (the shared vectors)', async () => {
    const { vectors } = JSON.parse(readFileSync(new URL('./fixtures/source-vectors.json', import.meta.url), 'utf8')) as {
      vectors: Array<{
        mode: EnrollmentMode;
        cidrs: string[];
        bind: boolean;
        registered: string | null;
        ip: string | null;
        refusal: string | null;
      }>;
    };
    expect(new Set(vectors.map((v) => v.refusal))).toEqual(
      new Set([null, 'key_required', 'source_not_allowed', 'not_registering_address']),
    );
    for (const v of vectors) {
      const what = JSON.stringify(v);
      expect(
        sourceRefusal({ mode: v.mode, cidrs: v.cidrs, bindSource: v.bind }, { ip: v.ip, keyed: false }, v.registered),
        what,
      ).toBe(v.refusal);
      const [r] = await h.query<{ refusal: string | null }>(
        sql`SELECT ionmesh_source_refusal(${v.mode}, ${sql.param(v.cidrs)}::text[], ${v.bind}, ${v.registered}::text, ${v.ip}::text) AS refusal`,
      );
      expect(r?.refusal, what).toBe(v.refusal);
    }
    // A client key is enough in every mode.
    expect(sourceRefusal({ mode: 'key', cidrs: [], bindSource: true }, { ip: '192.0.2.9', keyed: true }, '192.0.2.5')).toBeNull();
  });

  it('refuses bad enrollment settings with 400 and changes nothing', async () => {
    const before = await h.query(sql`SELECT * FROM tenants ORDER BY id`);
    for (const [path, method, body] of [
      ['/tenants', 'POST', { name: 'x', enrollment_mode: 'cidr', enrollment_cidrs: [] }],
      ['/tenants', 'POST', { name: 'x', enrollment_mode: 'cidr', enrollment_cidrs: ['10.0.0.0/33'] }],
      ['/tenants', 'POST', { name: 'x', enrollment_mode: 'sometimes' }],
      ['/tenants/3', 'PATCH', { enrollment_mode: 'cidr' }],
      ['/tenants/2', 'PATCH', { enrollment_cidrs: ['nowhere'] }],
      ['/tenants/2', 'PATCH', {}],
    ] as const)
      expect((await h.admin(path, { method, body: JSON.stringify(body) })).status, JSON.stringify(body)).toBe(400);
    expect(await h.query(sql`SELECT * FROM tenants ORDER BY id`)).toEqual(before);
  });
});
