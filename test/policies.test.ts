// Assignment policies decide registrations: deny, preferred banks, load balancing; the deciding
// policy is recorded; bad policies are refused and change nothing.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withLuhn } from '../src/domain/iccid.js';
import { readRegisterAnswer } from '../src/sim/openwrt-client.js';
import { type Harness, json, startIonMesh } from './support/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read by the assertions
type Doc = Record<string, any>;

describe('assignment policies', () => {
  let h: Harness;
  const register = async (clientId: string, extra: Record<string, unknown> = {}) => {
    const res = await fetch(`${h.url}/api/backend/v1/remsim/register-client`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: clientId, tenant_id: 1, ...extra }),
    });
    const text = await res.text();
    return { status: res.status, text, body: JSON.parse(text) as Doc };
  };
  const policy = async (body: Doc) => {
    const res = await h.admin('/assignment-policies', json({ tenant_id: 1, ...body }));
    expect(res.status).toBe(200);
    return (await res.json()) as Doc;
  };

  beforeAll(async () => {
    h = await startIonMesh();
  });
  afterAll(() => h.close());

  it('denies new registrations a deny policy matches, but gives a known client its assignment back', async () => {
    const known = await register('lab-old-slot0');
    expect(known.status).toBe(200);
    const deny = await policy({
      name: 'no lab routers',
      priority: 1,
      conditions: { client_id_pattern: 'lab-*' },
      action: { type: 'deny' },
    });
    const refused = await register('lab-new-slot0');
    expect([refused.status, refused.body.code, refused.body.policy]).toEqual([403, 'POLICY_DENIED', 'no lab routers']);
    expect(readRegisterAnswer(refused.status, refused.text).client_accepts).toBe(false);
    expect((await register('lab-old-slot0')).body.sim_slot).toEqual(known.body.sim_slot);
    expect((await register('office-1-slot0')).status).toBe(200);
    await h.admin(`/assignment-policies/${deny.id}`, { method: 'PATCH', body: JSON.stringify({ enabled: false }) });
    expect((await register('lab-new-slot0')).status).toBe(200);
  });

  it('sends matching routers to the preferred banks and records the deciding policy', async () => {
    const p = await policy({
      name: 'quectel to bank 2',
      priority: 5,
      conditions: { hardware_vendor: ['quectel'] },
      action: { type: 'assign', preferred_banks: [2] },
    });
    const a = await register('q-1-slot0', { hardware_info: { manufacturer: 'Quectel', model: 'RM500Q-GL' } });
    expect(a.body.sim_slot.bank_id).toBe(2);
    const b = await register('s-1-slot0', { hardware_info: { manufacturer: 'Sierra Wireless' } });
    expect(b.body.sim_slot.bank_id).toBe(1);
    const [row] = await h.query<{ policy_id: number | null }>(
      sql`SELECT policy_id FROM service_profiles WHERE client_id = 'q-1-slot0'`,
    );
    expect(row?.policy_id).toBe(p.id);
    const [audit] = await h.query<{ after: Doc }>(
      sql`SELECT after FROM audit_log WHERE action = 'client.register' AND after->>'client_id' = 'q-1-slot0'`,
    );
    expect(audit?.after.policy_id).toBe(p.id);
  });

  it('balances banks: least-loaded takes the bank with the most free slots, round-robin alternates', async () => {
    await policy({
      name: 'balanced',
      priority: 6,
      conditions: { client_id_pattern: 'll-*' },
      action: { type: 'assign', load_balancing: 'least-loaded' },
    });
    const free = async (bank: number) =>
      (
        await h.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM slots WHERE bank_id = ${bank} AND status = 'available'`)
      )[0]?.n ?? 0;
    const expected = (await free(1)) >= (await free(2)) ? 1 : 2;
    expect((await register('ll-1-slot0')).body.sim_slot.bank_id).toBe(expected);
    await policy({
      name: 'rr',
      priority: 7,
      conditions: { client_id_pattern: 'rr-*' },
      action: { type: 'assign', load_balancing: 'round-robin' },
    });
    const banks = [];
    for (let i = 1; i <= 4; i++) banks.push((await register(`rr-${i}-slot0`)).body.sim_slot.bank_id);
    expect(banks[0]).not.toBe(banks[1]);
    expect(banks[1]).not.toBe(banks[2]);
    expect(banks[2]).not.toBe(banks[3]);
  });

  it('decides the card a move picks as it decides a registration’s, the move’s own constraints on top', async () => {
    // A second AT&T bank, behind the demo's bankd, with four cards.
    expect(
      (await h.admin('/banks', json({ bank_id: 3, name: 'att 2', tenant_id: 1, bankd_instance_id: 1, slot_count: 4 }))).status,
    ).toBe(200);
    for (let slot = 0; slot < 4; slot++) {
      const card = { iccid: withLuhn(`890141000000003${String(slot).padStart(3, '0')}`), mcc_mnc: '310410', carrier: 'AT&T' };
      expect((await h.admin(`/sim-cards/3/${slot}`, { method: 'PUT', body: JSON.stringify(card) })).status).toBe(200);
    }
    const mover = await register('mv-1-slot0', { mcc_mnc: '310410' });
    expect(mover.body.sim_slot.bank_id).toBe(1);
    const reassign = async (body: Doc = {}) => {
      const res = await h.admin('/clients/mv-1-slot0/reassign', json(body));
      const answer = (await res.json()) as Doc;
      expect(res.status, JSON.stringify(answer)).toBe(200);
      return answer;
    };
    // No policy for it: the first free AT&T card, on bank 1.
    expect((await reassign()).to.bank_id).toBe(1);
    // A policy prefers bank 3 for mv-* routers: a move goes there, as a registration would.
    await policy({
      name: 'movers to bank 3',
      priority: 2,
      conditions: { client_id_pattern: 'mv-*' },
      action: { type: 'assign', preferred_banks: [3] },
    });
    expect(await register('mv-2-slot0', { mcc_mnc: '310410' })).toMatchObject({ body: { sim_slot: { bank_id: 3 } } });
    const moved = await reassign();
    expect(moved.to).toMatchObject({ bank_id: 3 });
    // The move's own constraints stay on top: a bank named, or another carrier, wins over the policy.
    expect((await reassign({ bank_id: 1 })).to.bank_id).toBe(1);
    expect((await reassign({ mcc_mnc: '311480' })).to.bank_id).toBe(2);
    // A deny policy refuses new registrations, not the move of a client that holds a card: where
    // it decides, the move is not refused and picks as without a policy (the first free card).
    await policy({ name: 'no more movers', priority: 1, conditions: { client_id_pattern: 'mv-*' }, action: { type: 'deny' } });
    expect((await register('mv-3-slot0')).status).toBe(403);
    expect((await reassign({ mcc_mnc: '310410' })).to.bank_id).toBe(1);
  });

  it('refuses bad policies with a 4xx and writes nothing', async () => {
    const [before] = await h.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM assignment_policies`);
    const cases: Array<[Doc, number, string]> = [
      [
        {
          name: 'x',
          action: { type: 'assign' },
          conditions: { time_window: { start: '25:00', end: '06:00', time_zone: 'UTC' } },
        },
        400,
        'VALIDATION_ERROR',
      ],
      [
        {
          name: 'x',
          action: { type: 'assign' },
          conditions: { time_window: { start: '22:00', end: '06:00', time_zone: 'Nowhere/City' } },
        },
        400,
        'VALIDATION_ERROR',
      ],
      [{ name: 'x', action: { type: 'deny', preferred_banks: [1] } }, 400, 'VALIDATION_ERROR'],
      [{ name: 'x', action: { type: 'allow' } }, 400, 'VALIDATION_ERROR'],
      [{ name: 'x', action: { type: 'assign', load_balancing: 'random' } }, 400, 'VALIDATION_ERROR'],
      [{ name: 'x', action: { type: 'assign' }, conditions: { client_id_pattern: 'a b' } }, 400, 'VALIDATION_ERROR'],
      [{ name: 'x', action: { type: 'assign' }, colour: 'red' }, 400, 'VALIDATION_ERROR'],
      [{ name: 'x', tenant_id: 77, action: { type: 'assign' } }, 404, 'TENANT_NOT_FOUND'],
      [{ name: 'balanced', action: { type: 'assign' } }, 409, 'POLICY_EXISTS'],
    ];
    for (const [body, status, code] of cases) {
      const res = await h.admin('/assignment-policies', json({ tenant_id: 1, ...body }));
      expect({ body, status: res.status, code: ((await res.json()) as Doc).code }).toEqual({ body, status, code });
    }
    const [after] = await h.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM assignment_policies`);
    expect(after?.n).toBe(before?.n);
    expect((await h.admin('/assignment-policies/999')).status).toBe(404);
    const list = (await (await h.admin('/assignment-policies?tenant_id=1')).json()) as Doc;
    expect(list.items.map((p: Doc) => p.priority)).toEqual([...list.items.map((p: Doc) => p.priority)].sort((a, b) => a - b));
  });
});
