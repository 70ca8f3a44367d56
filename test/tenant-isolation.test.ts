// Tenant isolation: a key of tenant 2 walks every admin route of the OpenAPI document against
// tenant 1's objects, with bodies that would succeed for tenant 1's own admin. Every object of
// tenant 1 answers 404 (as a missing one would), no list shows any of tenant 1's data, and
// nothing changes. The same key still manages its own tenant.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withLuhn } from '../src/domain/iccid.js';
import { type Harness, json, startIonMesh } from './support/harness.js';

const PREFIX = '/api/backend/v1';
// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read by the assertions
type Doc = Record<string, any>;

const register = (h: Harness, body: Doc) =>
  fetch(`${h.url}${PREFIX}/remsim/register-client`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** What must never show to tenant 2: names, ids and addresses of tenant 1's objects. */
const MARKERS = [
  'iso-one-',
  'tenant-one-name',
  'iso-pool-one',
  'iso-policy-one',
  'hooks-tenant-one',
  'demo bank',
  '127.0.0.1:999',
];

describe('tenant isolation', () => {
  let h: Harness;
  let key2: string;
  const ids: Doc = {};

  const as2 = (path: string, init: RequestInit = {}) =>
    fetch(`${h.url}${PREFIX}${path}`, {
      ...init,
      headers: {
        'x-api-key': key2,
        ...(typeof init.body === 'string' && !init.headers ? { 'content-type': 'application/json' } : {}),
        ...(init.headers as object),
      },
    });

  /** Everything of tenant 1, to compare before and after the walk. */
  const tenantOne = () =>
    h.query(sql`SELECT
      (SELECT md5(string_agg(t::text, '|' ORDER BY id)) FROM tenants t) AS tenants,
      (SELECT md5(string_agg(b::text, '|' ORDER BY bank_id)) FROM sim_banks b WHERE tenant_id = 1) AS banks,
      (SELECT md5(string_agg(s::text, '|' ORDER BY s.bank_id, s.slot_id)) FROM slots s JOIN sim_banks b USING (bank_id) WHERE b.tenant_id = 1) AS slots,
      (SELECT md5(string_agg(p::text, '|' ORDER BY profile_id)) FROM service_profiles p WHERE tenant_id = 1) AS profiles,
      (SELECT md5(string_agg(k::text, '|' ORDER BY id)) FROM ki_proxy_pools k WHERE tenant_id = 1) AS pools,
      (SELECT md5(string_agg(a::text, '|' ORDER BY id)) FROM assignment_policies a WHERE tenant_id = 1) AS policies,
      (SELECT md5(string_agg(w::text, '|' ORDER BY id)) FROM webhooks w WHERE tenant_id = 1) AS webhooks,
      (SELECT md5(string_agg(d::text, '|' ORDER BY id)) FROM webhook_deliveries d) AS deliveries,
      (SELECT md5(string_agg(i::text, '|' ORDER BY id)) FROM bankd_instances i) AS bankds,
      (SELECT md5(string_agg(r.id || r.name || r.url || r.enabled, '|' ORDER BY id)) FROM remsim_servers r) AS servers,
      (SELECT count(*)::int FROM client_commands WHERE tenant_id = 1) AS commands,
      (SELECT count(*)::int FROM audit_log) AS audit,
      (SELECT count(*)::int FROM api_keys) AS keys`);

  beforeAll(async () => {
    h = await startIonMesh({ config: { webhooksAllowPrivate: true } });
    const ok = async (res: Promise<Response>) => {
      const r = await res;
      expect(r.status, await r.clone().text()).toBeLessThan(300);
      return (await r.json()) as Doc;
    };
    // Tenant 1 (the demo's): clients, a pool on a bank of its own, a policy, a webhook with a delivery.
    await ok(h.admin('/tenants/1', { method: 'PATCH', body: JSON.stringify({ name: 'tenant-one-name' }) }));
    for (const n of [1, 2, 3]) await ok(register(h, { client_id: `iso-one-${n}`, tenant_id: 1 }));
    await ok(
      fetch(`${h.url}${PREFIX}/remsim/heartbeat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ client_id: 'iso-one-1', tenant_id: 1, stats: { rsrp: -90 } }),
      }),
    );
    ids.pool = (
      await ok(
        h.admin(
          '/ki-proxy-pools',
          json({
            pool_name: 'iso-pool-one',
            tenant_id: 1,
            mcc_mnc: '310410',
            bank_id: 1,
            physical_slot_start: 28,
            physical_slot_end: 29,
            virtual_segments: [{ bank_id: 1, virtual_slot_start: 900, virtual_slot_end: 909 }],
          }),
        ),
      )
    ).id;
    ids.policy = (
      await ok(
        h.admin(
          '/assignment-policies',
          json({ tenant_id: 1, name: 'iso-policy-one', priority: 5, conditions: {}, action: { type: 'deny' }, enabled: false }),
        ),
      )
    ).id;
    ids.webhook = (await ok(h.admin('/webhooks', json({ tenant_id: 1, url: 'http://127.0.0.1:1/hooks-tenant-one' })))).id;
    ids.plan = (await ok(h.admin('/plans', json({ tenant_id: 1, name: 'iso-plan-one', allowance_mb: 100 })))).id;
    ids.group = (
      await ok(
        h.admin(
          '/groups',
          json({ tenant_id: 1, name: 'iso-group-one', kind: 'explicit', members: [{ bank_id: 1, slot_id: 3 }] }),
        ),
      )
    ).id;
    ids.rotationPolicy = (
      await ok(h.admin('/rotation-policies', json({ tenant_id: 1, name: 'iso-rotation', max_days_on_card: 30 })))
    ).id;
    ids.rule = (
      await ok(
        h.admin(
          '/rules',
          json({
            tenant_id: 1,
            name: 'iso-rule',
            trigger: { kind: 'event', event_type: 'client.registered' },
            actions: [{ type: 'notify' }],
          }),
        ),
      )
    ).id;
    // An incident of tenant one (as self-healing's detection writes one).
    ids.incident = (
      await h.query<{ id: number }>(
        sql`INSERT INTO incidents (tenant_id, cause, severity, state, object_key, client_id, summary)
            VALUES (1, 'silent_router', 'warning', 'escalated', 'client:1/iso-one-1', 'iso-one-1', 'iso incident') RETURNING id::int AS id`,
      )
    )[0]?.id as number;
    ids.job = (
      await ok(
        h.admin(
          '/jobs',
          json({
            tenant_id: 1,
            action: 'tag_card',
            params: { add_tags: ['iso'] },
            selector: { cards: [{ bank_id: 1, slot_id: 3 }] },
          }),
        ),
      )
    ).id;
    const [event] = await h.query<{ id: number }>(sql`SELECT id::int FROM events WHERE tenant_id = 1 ORDER BY id LIMIT 1`);
    const [delivery] = await h.query<{ id: number }>(
      sql`INSERT INTO webhook_deliveries (webhook_id, event_id, status) VALUES (${ids.webhook}, ${event?.id}, 'dead') RETURNING id::int`,
    );
    ids.delivery = delivery?.id;
    const [bankd] = await h.query<{ id: number }>(sql`SELECT bankd_instance_id AS id FROM sim_banks WHERE bank_id = 1`);
    ids.bankd = bankd?.id;
    const [server] = await h.query<{ id: number }>(
      sql`SELECT remsim_server_id AS id FROM bankd_instances WHERE id = ${ids.bankd}`,
    );
    ids.server = server?.id;

    // Tenant 2: its own bankd, bank, cards and a client; and its tenant-admin key.
    await ok(h.admin('/tenants', json({ id: 2, name: 'tenant two', enrollment_mode: 'open' })));
    const bankd2 = await ok(h.admin('/bankd-instances', json({ name: 'bankd two', endpoint: '10.2.0.1:9998' })));
    await ok(
      h.admin(
        '/banks',
        json({
          bank_id: 20,
          name: 'bank two',
          tenant_id: 2,
          bankd_instance_id: bankd2.id,
          slot_count: 4,
          unknown_cards_present: true,
        }),
      ),
    );
    await ok(register(h, { client_id: 'iso-two-1', tenant_id: 2 }));
    key2 = (await ok(h.admin('/api-keys', json({ name: 'tenant two admin', role: 'tenant-admin', tenant_id: 2 })))).key;
  });
  afterAll(() => h.close());

  it('answers 404 for every object of another tenant, shows none of its data, and changes nothing', async () => {
    const before = await tenantOne();
    const doc = await (await fetch(`${h.url}/docs/json`)).json();
    // Bodies that tenant 1's admin could send successfully.
    const iccid = withLuhn('891004109900000077');
    const bodies: Record<string, unknown> = {
      'PATCH /tenants/{id}': { name: 'taken over' },
      'PATCH /banks/{bank_id}': { name: 'taken over' },
      'PATCH /banks/{bank_id}/slots/{slot_id}': { status: 'disabled' },
      'PUT /sim-cards/{bank_id}/{slot_id}': { iccid, imsi: '310410990000077', carrier: 'AT&T', mcc_mnc: '310410' },
      'PATCH /ki-proxy-pools/{id}': { enabled: false },
      'PATCH /assignment-policies/{id}': { enabled: true },
      'PATCH /plans/{id}': { name: 'taken over' },
      'PUT /usage/cards/{bank_id}/{slot_id}/settings': { valid_until: '2030-01-01' },
      'POST /plans': { tenant_id: 1, name: 'planted' },
      'POST /groups': { tenant_id: 1, name: 'planted', kind: 'explicit' },
      'PATCH /groups/{id}': { name: 'taken over' },
      'POST /groups/{id}/members': { remove: [{ bank_id: 1, slot_id: 3 }] },
      'PUT /card-tags/{bank_id}/{slot_id}': { tags: ['taken'] },
      'PUT /client-tags/{client_id}': { tenant_id: 1, tags: ['taken'] },
      'POST /jobs': { tenant_id: 1, action: 'disable_card', selector: { cards: [{ bank_id: 1, slot_id: 3 }] } },
      'POST /rotation-policies': { tenant_id: 1, name: 'planted', usage_percent: 80 },
      'PATCH /rotation-policies/{id}': { name: 'taken over' },
      'POST /rules': {
        tenant_id: 1,
        name: 'planted',
        trigger: { kind: 'event', event_type: 'client.registered' },
        actions: [{ type: 'notify' }],
      },
      'POST /rules/dry-run': {
        tenant_id: 1,
        name: 'planted',
        trigger: { kind: 'event', event_type: 'client.registered' },
        actions: [{ type: 'notify' }],
      },
      'PATCH /rules/{id}': { enabled: false },
      'PUT /tenants/{id}/protection': { auto_lock: false },
      'PUT /tenants/{id}/healing': { max_moves_per_hour: 0 },
      'POST /incidents/{id}/resolve': { note: 'taken over' },
      'POST /imei-bindings': { tenant_id: 1, client_id: 'iso-one-1', imei: '353209900000018' },
      'POST /imei-bindings/bind-current': { tenant_id: 1 },
      'PATCH /webhooks/{id}': { enabled: false },
      'POST /clients/{client_id}/reassign': { bank_id: 2 },
      'POST /clients/{client_id}/commands': { type: 'restart' },
      'POST /banks': { bank_id: 30, name: 'planted', tenant_id: 1, slot_count: 2 },
      'POST /ki-proxy-pools': {
        pool_name: 'planted',
        tenant_id: 1,
        mcc_mnc: '310410',
        bank_id: 2,
        physical_slot_start: 30,
        physical_slot_end: 31,
        virtual_segments: [{ bank_id: 2, virtual_slot_start: 800, virtual_slot_end: 801 }],
      },
      'POST /assignment-policies': { tenant_id: 1, name: 'planted', priority: 1, conditions: {}, action: { type: 'deny' } },
      'POST /webhooks': { tenant_id: 1, url: 'http://127.0.0.1:3/planted' },
    };
    const fill = (path: string) =>
      path
        .replace('{client_id}', 'iso-one-1')
        .replace('{bank_id}', '1')
        .replace('{slot_id}', '3')
        .replace('{delivery_id}', String(ids.delivery))
        .replace('{mcc_mnc}', '310410')
        .replace(
          '{id}',
          String(
            path.startsWith('/tenants')
              ? 1
              : path.startsWith('/ki-proxy-pools')
                ? ids.pool
                : path.startsWith('/assignment-policies')
                  ? ids.policy
                  : path.startsWith('/webhooks')
                    ? ids.webhook
                    : path.startsWith('/plans')
                      ? ids.plan
                      : path.startsWith('/groups')
                        ? ids.group
                        : path.startsWith('/jobs')
                          ? ids.job
                          : path.startsWith('/rotation-policies')
                            ? ids.rotationPolicy
                            : path.startsWith('/rules')
                              ? ids.rule
                              : path.startsWith('/incidents')
                                ? ids.incident
                                : path.startsWith('/bankd-instances')
                                  ? ids.bankd
                                  : path.startsWith('/remsim-servers')
                                    ? ids.server
                                    : 1,
          ),
        );
    const problems: string[] = [];
    let walked = 0;
    for (const [full, ops] of Object.entries(doc.paths as Record<string, Doc>)) {
      if (!full.startsWith(PREFIX) || full.startsWith(`${PREFIX}/remsim/`)) continue;
      const path = full.slice(PREFIX.length);
      for (const method of Object.keys(ops).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))) {
        const key = `${method.toUpperCase()} ${path}`;
        const url = fill(path);
        const init: RequestInit = { method: method.toUpperCase() };
        if (key === 'POST /sim-imports') {
          init.body = `bank_id,slot_id,iccid\n1,5,${iccid}\n`;
          init.headers = { 'content-type': 'text/csv' };
        } else if (method !== 'get' && method !== 'delete') init.body = JSON.stringify(bodies[key] ?? {});
        const res = await as2(url, init);
        const text = await res.text();
        walked += 1;
        if (res.status >= 500) problems.push(`${key} → ${res.status} ${text.slice(0, 200)}`);
        // A 404 may echo the client id the caller itself sent; anything else of tenant 1 is a leak.
        const leaked = MARKERS.filter((m) => text.replaceAll('iso-one-1', '').includes(m));
        if (leaked.length) problems.push(`${key} → ${res.status} shows ${leaked.join(', ')}`);
        const namesObject = /\{(id|bank_id|client_id)\}/.test(path);
        const crossTenantAdmin =
          path.startsWith('/stats/storage') ||
          key === 'POST /tenants' ||
          key === 'DELETE /tenants/{id}' ||
          (path.startsWith('/bankd-instances') && method !== 'get') ||
          (path.startsWith('/remsim-servers') && method !== 'get' && !path.endsWith('/reconcile'));
        if (crossTenantAdmin) {
          if (res.status !== 403) problems.push(`${key} → ${res.status}, expected 403 (needs admin)`);
        } else if (namesObject && !key.startsWith('GET /clients/{client_id}/commands')) {
          if (res.status !== 404) problems.push(`${key} → ${res.status}, expected 404: ${text.slice(0, 160)}`);
        } else if (method !== 'get' && key !== 'POST /sim-imports' && res.status < 400)
          problems.push(`${key} → ${res.status}: a write into tenant 1 went through`);
      }
    }
    expect(walked).toBeGreaterThan(55);
    expect(problems).toEqual([]);
    expect(await tenantOne()).toEqual(before);
  });

  it('answers 404 for another tenant’s objects named in a body, as for missing ones, and creates nothing', async () => {
    // Tenant 2's own pool and policy, to patch with foreign references.
    const own = async (path: string, body: Doc) => {
      const res = await as2(path, { method: 'POST', body: JSON.stringify(body) });
      expect(res.status, await res.clone().text()).toBeLessThan(300);
      return (await res.json()).id as number;
    };
    const ownPool = await own('/ki-proxy-pools', {
      pool_name: 'own-pool',
      mcc_mnc: '310410',
      bank_id: 20,
      physical_slot_start: 2,
      physical_slot_end: 3,
      virtual_segments: [{ bank_id: 20, virtual_slot_start: 600, virtual_slot_end: 601 }],
    });
    const ownPolicy = await own('/assignment-policies', {
      name: 'own-policy',
      action: { type: 'assign', preferred_banks: [20] },
    });
    const ownGroup = await own('/groups', { tenant_id: 2, name: 'own-group', kind: 'explicit' });
    const ownRotation = await own('/rotation-policies', { tenant_id: 2, name: 'own-rotation', usage_percent: 90 });
    const ownRule = await own('/rules', {
      tenant_id: 2,
      name: 'own-rule',
      trigger: { kind: 'event', event_type: 'client.registered' },
      actions: [{ type: 'notify' }],
    });
    const before = await tenantOne();
    const [ownBefore] = await h.query<{ n: number }>(
      sql`SELECT (SELECT count(*) FROM sim_banks WHERE tenant_id = 2) + (SELECT count(*) FROM ki_proxy_pools WHERE tenant_id = 2)
               + (SELECT count(*) FROM assignment_policies WHERE tenant_id = 2) AS n`,
    );
    const pool = (bank: number, segmentBank: number, name = 'ref-pool') => ({
      pool_name: name,
      mcc_mnc: '310410',
      bank_id: bank,
      physical_slot_start: 0,
      physical_slot_end: 1,
      virtual_segments: [{ bank_id: segmentBank, virtual_slot_start: 700, virtual_slot_end: 701 }],
    });
    // Each case: route, body naming tenant 1's object, the same body naming a missing one.
    const cases: Array<[string, string, Doc, Doc]> = [
      [
        'POST /banks',
        '/banks',
        { bank_id: 31, name: 'ref', bankd_instance_id: ids.bankd, slot_count: 2 },
        { bank_id: 31, name: 'ref', bankd_instance_id: 777, slot_count: 2 },
      ],
      ['PATCH /banks/:bank_id', '/banks/20', { bankd_instance_id: ids.bankd }, { bankd_instance_id: 777 }],
      ['POST /ki-proxy-pools', '/ki-proxy-pools', pool(1, 20), pool(777, 20)],
      ['POST /ki-proxy-pools', '/ki-proxy-pools', pool(20, 1), pool(20, 777)],
      [
        'POST /assignment-policies',
        '/assignment-policies',
        { name: 'ref', action: { type: 'assign', preferred_banks: [20, 1] } },
        { name: 'ref', action: { type: 'assign', preferred_banks: [20, 777] } },
      ],
      ['POST /clients/:client_id/reassign', '/clients/iso-two-1/reassign', { bank_id: 1 }, { bank_id: 777 }],
      ['PUT /usage/cards/:bank_id/:slot_id/settings', '/usage/cards/20/1/settings', { plan_id: ids.plan }, { plan_id: 777 }],
      [
        'POST /imei-bindings',
        '/imei-bindings',
        { tenant_id: 2, bank_id: 1, slot_id: 3, imei: '353209900000018' },
        { tenant_id: 2, bank_id: 777, slot_id: 3, imei: '353209900000018' },
      ],
      [
        'POST /imei-bindings/bind-current',
        '/imei-bindings/bind-current',
        { tenant_id: 2, bank_id: 1 },
        { tenant_id: 2, bank_id: 777 },
      ],
      [
        'POST /groups',
        '/groups',
        { tenant_id: 2, name: 'ref', kind: 'explicit', members: [{ bank_id: 1, slot_id: 3 }] },
        { tenant_id: 2, name: 'ref', kind: 'explicit', members: [{ bank_id: 777, slot_id: 3 }] },
      ],
      [
        'POST /groups',
        '/groups',
        { tenant_id: 2, name: 'ref', kind: 'explicit', plan_id: ids.plan },
        { tenant_id: 2, name: 'ref', kind: 'explicit', plan_id: 777 },
      ],
      [
        'POST /groups',
        '/groups',
        { tenant_id: 2, name: 'ref', kind: 'filter', filter: { bank_id: 1 } },
        { tenant_id: 2, name: 'ref', kind: 'filter', filter: { bank_id: 777 } },
      ],
      ['PATCH /groups/:id', `/groups/${ownGroup}`, { plan_id: ids.plan }, { plan_id: 777 }],
      [
        'POST /groups/:id/members',
        `/groups/${ownGroup}/members`,
        { add: [{ bank_id: 1, slot_id: 3 }] },
        { add: [{ bank_id: 777, slot_id: 3 }] },
      ],
      [
        'POST /jobs',
        '/jobs',
        { tenant_id: 2, action: 'disable_card', selector: { cards: [{ bank_id: 1, slot_id: 3 }] } },
        { tenant_id: 2, action: 'disable_card', selector: { cards: [{ bank_id: 777, slot_id: 3 }] } },
      ],
      [
        'POST /jobs',
        '/jobs',
        { tenant_id: 2, action: 'disable_card', selector: { group_id: ids.group } },
        { tenant_id: 2, action: 'disable_card', selector: { group_id: 777 } },
      ],
      [
        'POST /jobs',
        '/jobs',
        { tenant_id: 2, action: 'disable_card', selector: { filter: { pool_id: ids.pool } } },
        { tenant_id: 2, action: 'disable_card', selector: { filter: { pool_id: 777 } } },
      ],
      [
        'POST /jobs',
        '/jobs',
        { tenant_id: 2, action: 'move_to_group', params: { group_id: ids.group }, selector: { clients: ['iso-two-1'] } },
        { tenant_id: 2, action: 'move_to_group', params: { group_id: 777 }, selector: { clients: ['iso-two-1'] } },
      ],
      [
        'POST /rotation-policies',
        '/rotation-policies',
        { tenant_id: 2, name: 'ref', usage_percent: 80, group_id: ids.group },
        { tenant_id: 2, name: 'ref', usage_percent: 80, group_id: 777 },
      ],
      [
        'POST /rules',
        '/rules',
        {
          tenant_id: 2,
          name: 'ref',
          trigger: { kind: 'event', event_type: 'client.registered' },
          conditions: { group_id: ids.group },
          actions: [{ type: 'notify' }],
        },
        {
          tenant_id: 2,
          name: 'ref',
          trigger: { kind: 'event', event_type: 'client.registered' },
          conditions: { group_id: 777 },
          actions: [{ type: 'notify' }],
        },
      ],
      [
        'POST /rules/dry-run',
        '/rules/dry-run',
        {
          tenant_id: 2,
          name: 'ref',
          trigger: { kind: 'event', event_type: 'client.registered' },
          actions: [{ type: 'move_to_group', params: { group_id: ids.group } }],
        },
        {
          tenant_id: 2,
          name: 'ref',
          trigger: { kind: 'event', event_type: 'client.registered' },
          actions: [{ type: 'move_to_group', params: { group_id: 777 } }],
        },
      ],
      [
        'PATCH /rules/:id',
        `/rules/${ownRule}`,
        {
          actions: [
            { type: 'start_job', params: { job: { action: 'disable_card', selector: { cards: [{ bank_id: 1, slot_id: 3 }] } } } },
          ],
        },
        {
          actions: [
            {
              type: 'start_job',
              params: { job: { action: 'disable_card', selector: { cards: [{ bank_id: 777, slot_id: 3 }] } } },
            },
          ],
        },
      ],
      ['PATCH /rotation-policies/:id', `/rotation-policies/${ownRotation}`, { group_id: ids.group }, { group_id: 777 }],
      [
        'POST /sim-cards',
        '/sim-cards',
        { bank_id: 1, slot_id: 5, physical_iccid: '89014103211118510720' },
        { bank_id: 777, slot_id: 5, physical_iccid: '89014103211118510720' },
      ],
      [
        'PATCH /ki-proxy-pools/:id',
        `/ki-proxy-pools/${ownPool}`,
        { virtual_segments: [{ bank_id: 1, virtual_slot_start: 600, virtual_slot_end: 601 }] },
        { virtual_segments: [{ bank_id: 777, virtual_slot_start: 600, virtual_slot_end: 601 }] },
      ],
      [
        'PATCH /assignment-policies/:id',
        `/assignment-policies/${ownPolicy}`,
        { action: { type: 'assign', preferred_banks: [1] } },
        { action: { type: 'assign', preferred_banks: [777] } },
      ],
    ];
    const method = (route: string) => route.split(' ')[0] as string;
    for (const [route, url, foreign, missing] of cases) {
      const a = await as2(url, { method: method(route), body: JSON.stringify(foreign) });
      const b = await as2(url, { method: method(route), body: JSON.stringify(missing) });
      const [ta, tb] = [await a.text(), await b.text()];
      expect(a.status, `${route} ${ta}`).toBe(404);
      expect(JSON.parse(ta).code, route).toBe(JSON.parse(tb).code);
      expect(
        MARKERS.filter((m) => ta.includes(m)),
        route,
      ).toEqual([]);
    }
    // Every reference a tenant key can send is walked here (bankd-instance writes need admin).
    const walkedRoutes = new Set(cases.map((c) => c[0]));
    const declared = h.guarded
      .filter(
        (g) => !g.route.includes('/bankd-instances') && Object.values(g.references).some((k) => k !== 'new' && k !== 'part'),
      )
      .map((g) => g.route);
    expect(declared.length).toBeGreaterThan(5);
    expect(
      declared.filter(
        (r) => !walkedRoutes.has(r) && !r.startsWith('PATCH /ki-proxy-pools') && !r.startsWith('PATCH /assignment-policies'),
      ),
    ).toEqual([]);
    expect(await tenantOne()).toEqual(before);
    const [ownAfter] = await h.query<{ n: number }>(
      sql`SELECT (SELECT count(*) FROM sim_banks WHERE tenant_id = 2) + (SELECT count(*) FROM ki_proxy_pools WHERE tenant_id = 2)
               + (SELECT count(*) FROM assignment_policies WHERE tenant_id = 2) AS n`,
    );
    expect(ownAfter).toEqual(ownBefore);
  });

  it('answers for a foreign object exactly what a missing one gets', async () => {
    for (const [foreign, missing] of [
      ['/banks/1', '/banks/777'],
      [`/ki-proxy-pools/${ids.pool}`, '/ki-proxy-pools/777'],
      [`/webhooks/${ids.webhook}`, '/webhooks/777'],
      ['/clients/iso-one-1', '/clients/nobody-at-all'],
    ]) {
      const a = await (await as2(foreign as string)).json();
      const b = await (await as2(missing as string)).json();
      expect(a.code).toBe(b.code);
      expect(a.message.replace(/\d+|iso-one-1|nobody-at-all/g, '#')).toBe(b.message.replace(/\d+|iso-one-1|nobody-at-all/g, '#'));
    }
    // A foreign tenant_id in a list query reads as a tenant with nothing in it.
    expect(await (await as2('/clients?tenant_id=1')).json()).toMatchObject({ items: [], total: 0 });
    expect((await (await as2('/events?tenant_id=1')).json()).items).toEqual([]);
  });

  it('answers a write into another tenant as a tenant that does not exist, naming the tenant asked for', async () => {
    const before = await tenantOne();
    const writes: Array<[string, string, Doc]> = [
      ['POST', '/banks', { bank_id: 41, name: 'into one', tenant_id: 1 }],
      ['PATCH', '/banks/20', { tenant_id: 1 }],
      ['POST', '/webhooks', { url: 'http://127.0.0.1:2/into-one', tenant_id: 1 }],
      ['POST', '/assignment-policies', { name: 'into one', tenant_id: 1, action: { type: 'assign' } }],
      ['POST', '/api-keys', { name: 'into one', role: 'client', tenant_id: 1 }],
    ];
    for (const [method, path, body] of writes) {
      const res = await as2(path, { method, body: JSON.stringify(body) });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(await res.json(), `${method} ${path}`).toMatchObject({
        code: 'TENANT_NOT_FOUND',
        message: 'Tenant 1 does not exist',
      });
    }
    // A read asking for tenant 1 answers as for a tenant with nothing in it.
    for (const path of ['/banks?tenant_id=1', '/clients?tenant_id=1', '/webhooks?tenant_id=1', '/sim-cards?tenant_id=1']) {
      const res = await as2(path);
      expect(res.status, path).toBe(200);
      expect((await res.json()).items, path).toEqual([]);
    }
    const [bank] = await h.query<{ tenant_id: number }>(sql`SELECT tenant_id FROM sim_banks WHERE bank_id = 20`);
    expect(bank?.tenant_id).toBe(2);
    expect(await tenantOne()).toEqual(before);
  });

  it('still lets the tenant-admin see and manage its own tenant', async () => {
    const clients = await (await as2('/clients')).json();
    expect(clients.items.map((c: Doc) => c.client_id)).toEqual(['iso-two-1']);
    expect((await (await as2('/tenants')).json()).items.map((t: Doc) => t.id)).toEqual([2]);
    expect((await (await as2('/bankd-instances')).json()).items.map((b: Doc) => b.name)).toEqual(['bankd two']);
    expect((await (await as2('/remsim-servers')).json()).items).toEqual([]);
    const renamed = await as2('/banks/20', { method: 'PATCH', body: JSON.stringify({ name: 'bank two, renamed' }) });
    expect(renamed.status, await renamed.clone().text()).toBe(200);
    const created = await as2('/webhooks', {
      method: 'POST',
      body: JSON.stringify({ url: 'http://127.0.0.1:2/hooks-tenant-two' }),
    });
    expect(created.status, await created.clone().text()).toBe(200);
    expect((await created.json()).tenant_id).toBe(2);
    const overview = await (await as2('/fleet/overview')).json();
    expect(overview.clients.total).toBe(1);
    expect(overview.banks.map((b: Doc) => b.bank_id)).toEqual([20]);
    // Its own keys: it makes a client key for its routers, sees only its tenant's keys, revokes them.
    const made = await as2('/api-keys', { method: 'POST', body: JSON.stringify({ name: 'site two routers', role: 'client' }) });
    expect(made.status).toBe(201);
    const key = await made.json();
    expect(key.tenant_id).toBe(2);
    const keys = (await (await as2('/api-keys')).json()).items;
    expect(keys.every((k: Doc) => k.tenant_id === 2)).toBe(true);
    expect(keys.map((k: Doc) => k.name).sort()).toEqual(['site two routers', 'tenant two admin']);
    const adminKey = await as2('/api-keys', { method: 'POST', body: JSON.stringify({ name: 'x', role: 'admin' }) });
    expect(adminKey.status).toBe(400); // an admin key would span tenants
    expect((await as2(`/api-keys/${key.id}`, { method: 'DELETE' })).status).toBe(200);
    const audit = await (await as2('/audit-log')).json();
    expect(audit.items.length).toBeGreaterThan(0);
    expect(audit.items.every((a: Doc) => a.tenant_id === 2)).toBe(true);
  });
});
