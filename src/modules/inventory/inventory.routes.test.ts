// An operator building inventory through the admin API, and reading it back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, json, startIonMesh } from '../../../test/support/harness.js';

describe('an operator setting up a new site', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIonMesh();
  });
  afterAll(() => h.close());

  it('needs the admin key, as X-API-Key or Bearer', async () => {
    expect((await fetch(`${h.url}/api/backend/v1/tenants`)).status).toBe(401);
    expect((await fetch(`${h.url}/api/backend/v1/tenants`, { headers: { 'x-api-key': 'wrong-key-0123456789' } })).status).toBe(
      401,
    );
    const bearer = await fetch(`${h.url}/api/backend/v1/tenants`, {
      headers: { authorization: 'Bearer test-admin-key-0123456789' },
    });
    expect(bearer.status).toBe(200);
  });

  it('creates a tenant, a bankd and a bank whose slots are numbered from 0', async () => {
    // Its routers register from the site's own networks (here: loopback) without a key.
    const tenant = await (
      await h.admin('/tenants', json({ name: 'acme', enrollment_mode: 'cidr', enrollment_cidrs: ['127.0.0.0/8', '::1/128'] }))
    ).json();
    expect(tenant).toMatchObject({ id: 2, name: 'acme', enrollment_mode: 'cidr', bind_client_source: true });
    const bankd = await (
      await h.admin(
        '/bankd-instances',
        json({ name: 'acme-bankd', endpoint: '10.1.2.3:9999', remsim_server_url: 'http://10.1.2.3:9997' }),
      )
    ).json();
    expect(bankd).toMatchObject({
      name: 'acme-bankd',
      endpoint: '10.1.2.3:9999',
      remsim_server_url: 'http://10.1.2.3:9997',
      status: 'active',
    });
    const bank = await (
      await h.admin('/banks', json({ bank_id: 7, name: 'acme bank', tenant_id: 2, bankd_instance_id: bankd.id, slot_count: 8 }))
    ).json();
    // Slots with no known card are empty: nothing to hand out yet.
    expect(bank).toMatchObject({ bank_id: 7, tenant_id: 2, slot_count: 8, slots_available: 0, slots_empty: 8, status: 'active' });
    const slots = await (await h.admin('/slots?bank_id=7&limit=3&offset=2')).json();
    expect(slots.total).toBe(8);
    expect(slots.items.map((s: { slot_id: number; status: string }) => [s.slot_id, s.status])).toEqual([
      [2, 'empty'],
      [3, 'empty'],
      [4, 'empty'],
    ]);
    // The bankd has readers with cards IonMesh has no data for: the operator says so.
    const declared = await h.admin('/banks/7', { method: 'PATCH', body: '{"unknown_cards_present":true}' });
    expect(await declared.json()).toMatchObject({ unknown_cards_present: true, slots_available: 8, slots_empty: 0 });
  });

  it('puts card data on a slot; a router of that tenant then gets it', async () => {
    const patched = await h.admin('/banks/7/slots/0', {
      method: 'PATCH',
      body: JSON.stringify({ iccid: '89014103211118510720', imsi: '310410123456789', mcc_mnc: '310410', carrier: 'AT&T' }),
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ iccid: '89014103211118510720', carrier: 'AT&T' });
    const reg = await fetch(`${h.url}/api/backend/v1/remsim/register-client`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"client_id":"acme1-slot0","mapping_mode":"ONE_TO_ONE_SWSIM","mcc_mnc":"310410","tenant_id":2}',
    });
    const answer = await reg.json();
    expect(answer).toMatchObject({
      iccid: '89014103211118510720',
      bankd_endpoint: '10.1.2.3:9999',
      sim_slot: { bank_id: 7, slot_id: 0, tenant_id: 2 },
    });
    expect(answer.slot_id).not.toBe(0);
  });

  it('flags a faulty slot: it is no longer handed out, and the change is logged', async () => {
    expect((await h.admin('/banks/7/slots/1', { method: 'PATCH', body: '{"status":"faulty"}' })).status).toBe(200);
    const slot = await (await h.admin('/banks/7/slots/1')).json();
    expect(slot.status).toBe('faulty');
    expect(slot.health_log[0]).toMatchObject({ kind: 'slot_status', old_status: 'available', new_status: 'faulty' });
    const reg = await (
      await fetch(`${h.url}/api/backend/v1/remsim/register-client`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"client_id":"acme2-slot0","tenant_id":2,"preferred_bank_id":7}',
      })
    ).json();
    expect(reg.sim_slot).toEqual({ bank_id: 7, slot_id: 2, tenant_id: 2 });
  });

  it('keeps an assigned slot assigned when someone marks it available', async () => {
    await h.admin('/banks/7/slots/0', { method: 'PATCH', body: '{"status":"faulty"}' });
    const back = await (await h.admin('/banks/7/slots/0', { method: 'PATCH', body: '{"status":"available"}' })).json();
    expect(back.status).toBe('assigned');
  });

  it('filters clients by tenant and mode, and shows one client with its history', async () => {
    const list = await (await h.admin('/clients?tenant_id=2&mapping_mode=ONE_TO_ONE_SWSIM')).json();
    expect(list.items.map((c: { client_id: string }) => c.client_id)).toEqual(['acme1-slot0', 'acme2-slot0']);
    expect(list.items[0]).toMatchObject({ tenant_id: 2, bank_id: 7, slot_id: 0, liveness: 'unknown', status: 'ACTIVE' });
    const none = await (await h.admin('/clients?tenant_id=1')).json();
    expect(none.total).toBe(0);
    const detail = await (await h.admin('/clients/acme1-slot0')).json();
    expect(detail.profile.client_id).toBe('acme1-slot0');
    expect(detail.history).toHaveLength(1);
    expect((await h.admin('/clients/nobody-slot0')).status).toBe(404);
  });

  it('records every change in the audit log with its actor, filterable', async () => {
    const all = await (await h.admin('/audit-log?tenant_id=2&limit=100')).json();
    const actions = all.items.map((a: { action: string }) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['tenant.create', 'bank.create', 'slot.update', 'client.register']));
    const reg = await (await h.admin('/audit-log?action=client.register&tenant_id=2')).json();
    expect(reg.items[0]).toMatchObject({ actor: 'client:acme2-slot0', source_ip: '127.0.0.1', entity_type: 'service_profile' });
    const bank = await (await h.admin('/audit-log?entity_type=sim_bank&entity_id=7')).json();
    expect(bank.items[0].actor).toMatch(/^key:\d+$/);
  });

  it('will not delete a bank that served profiles, nor a tenant that owns banks', async () => {
    expect((await (await h.admin('/banks/7', { method: 'DELETE' })).json()).code).toBe('BANK_IN_USE');
    expect((await (await h.admin('/tenants/2', { method: 'DELETE' })).json()).code).toBe('TENANT_IN_USE');
  });

  it('deletes what is unused', async () => {
    await h.admin('/banks', json({ bank_id: 9, name: 'spare', tenant_id: 2, slot_count: 2 }));
    expect((await h.admin('/banks/9', { method: 'DELETE' })).status).toBe(200);
    expect((await h.admin('/banks/9')).status).toBe(404);
    const t = await (await h.admin('/tenants', json({ name: 'short-lived' }))).json();
    expect((await h.admin(`/tenants/${t.id}`, { method: 'DELETE' })).status).toBe(200);
  });

  it('serves the OpenAPI document and the health probes', async () => {
    const doc = await (await fetch(`${h.url}/docs/json`)).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/backend/v1/remsim/register-client', '/api/backend/v1/banks/{bank_id}/slots/{slot_id}']),
    );
    expect(await (await fetch(`${h.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect((await (await fetch(`${h.url}/readyz`)).json()).status).toBe('ok');
  });
});
