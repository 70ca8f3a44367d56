// SIM groups and tags: a group of cards, listed or by a saved filter, gives its cards a plan (a
// card's own plan wins, then its first group's, then its carrier's default) and thresholds; tags
// on cards drive filter groups; every change is audited. Bad groups are refused and change nothing.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageService } from '../src/modules/usage/index.js';
import { type Harness, json, startIonMesh } from './support/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field
type Doc = Record<string, any>;

async function ok(res: Response | Promise<Response>) {
  const r = await res;
  const body = await r.json();
  expect(r.status, JSON.stringify(body)).toBe(200);
  return body as Doc;
}

describe('SIM groups and tags', () => {
  let h: Harness;
  const plans: Record<string, number> = {};
  const put = (path: string, body: unknown) => h.admin(path, { method: 'PUT', body: JSON.stringify(body) });
  const planOf = async (bank: number, slot: number) => {
    const u = await ok(h.admin(`/usage/cards/${bank}/${slot}`));
    return [u.plan_id, u.plan_source];
  };

  beforeAll(async () => {
    h = await startIonMesh();
    for (const [name, extra] of [
      ['att default', { mcc_mnc: '310410', carrier_default: true, allowance_mb: 100 }],
      ['fleet A', { allowance_mb: 1, cycle_day: 5 }],
      ['own', { allowance_mb: 7 }],
    ] as const)
      plans[name] = (await ok(h.admin('/plans', json({ tenant_id: 1, name, ...extra })))).id;
  });
  afterAll(() => h.close());

  it('gives an explicit group’s cards its plan, under a card’s own and over the carrier default', async () => {
    expect(await planOf(1, 1)).toEqual([plans['att default'], 'carrier']);
    const g = await ok(
      h.admin(
        '/groups',
        json({
          tenant_id: 1,
          name: 'fleet A',
          kind: 'explicit',
          members: [
            { bank_id: 1, slot_id: 1 },
            { bank_id: 1, slot_id: 2 },
          ],
          plan_id: plans['fleet A'],
        }),
      ),
    );
    expect(g).toMatchObject({ kind: 'explicit', listed: 2, plan_id: plans['fleet A'] });
    expect(await planOf(1, 1)).toEqual([plans['fleet A'], 'group']);
    expect(await planOf(1, 3)).toEqual([plans['att default'], 'carrier']);
    await ok(put('/usage/cards/1/2/settings', { plan_id: plans.own }));
    expect(await planOf(1, 2)).toEqual([plans.own, 'card']);
    // Its cycle follows the group's plan (cycle day 5).
    expect((await ok(h.admin('/usage/cards/1/1'))).cycle.start.slice(8)).toBe('05');

    const members = await ok(h.admin(`/groups/${g.id}/members`));
    expect(members.items.map((m: Doc) => [m.bank_id, m.slot_id])).toEqual([
      [1, 1],
      [1, 2],
    ]);
    const changed = await ok(
      h.admin(`/groups/${g.id}/members`, json({ add: [{ bank_id: 1, slot_id: 3 }], remove: [{ bank_id: 1, slot_id: 1 }] })),
    );
    expect(changed).toMatchObject({ added: [{ bank_id: 1, slot_id: 3 }], removed: [{ bank_id: 1, slot_id: 1 }] });
    expect(await planOf(1, 1)).toEqual([plans['att default'], 'carrier']);
    expect(await planOf(1, 3)).toEqual([plans['fleet A'], 'group']);
    const audit = await ok(h.admin('/audit-log?action=group.members'));
    expect(audit.items[0].after).toMatchObject({ added: [{ bank_id: 1, slot_id: 3 }], removed: [{ bank_id: 1, slot_id: 1 }] });
  });

  it('puts a tagged card in a filter group, and its thresholds fire for it', async () => {
    await ok(put('/card-tags/2/4', { tags: ['pilot', 'north'] }));
    expect((await ok(h.admin('/card-tags/2/4'))).tags).toEqual(['north', 'pilot']);
    const g = await ok(
      h.admin(
        '/groups',
        json({
          tenant_id: 1,
          name: 'pilots',
          kind: 'filter',
          filter: { tag: 'pilot' },
          priority: 10,
          plan_id: plans['fleet A'],
          thresholds: [{ percent: 50, action: 'event' }],
        }),
      ),
    );
    expect(g.thresholds).toEqual([expect.objectContaining({ percent: 50, action: 'event' })]);
    expect((await ok(h.admin(`/groups/${g.id}/members`))).items.map((m: Doc) => [m.bank_id, m.slot_id])).toEqual([[2, 4]]);
    expect(await planOf(2, 4)).toEqual([plans['fleet A'], 'group']);

    // A router on that card uses 60 % of the group plan's 1 MB: the group's threshold fires once.
    const res = await fetch(`${h.url}/api/backend/v1/remsim/register-client`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: 'pilot-1', tenant_id: 1, preferred_bank_id: 2 }),
    });
    const reg = await res.json();
    expect(res.status, JSON.stringify(reg)).toBe(200);
    const [card] = await h.query<Doc>(
      sql`SELECT bank_id, slot_id FROM service_profiles WHERE client_id = 'pilot-1' AND status = 'ACTIVE'`,
    );
    if (card?.bank_id !== 2 || card?.slot_id !== 4)
      await ok(h.admin('/clients/pilot-1/reassign', json({ tenant_id: 1, bank_id: 2, slot_id: 4 })));
    for (const rx of [1000, 601_000])
      expect(
        (
          await fetch(`${h.url}/api/backend/v1/remsim/heartbeat`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ client_id: 'pilot-1', tenant_id: 1, stats: { data_rx_bytes: rx, data_tx_bytes: 0 } }),
          })
        ).status,
      ).toBe(200);
    await new UsageService(h.db, { rawRetentionSec: 86_400, retentionDays: 400, settleSec: 0 }).account();
    expect((await h.services.thresholds.check()).fired).toBe(1);
    expect((await h.services.thresholds.check()).fired).toBe(0);
    const [fired] = await h.query<Doc>(sql`SELECT data FROM events WHERE type = 'usage.threshold_reached'`);
    expect(fired?.data).toMatchObject({ bank_id: 2, slot_id: 4, percent: 50, used_bytes: 600_000, allowance_bytes: 1_000_000 });

    // The group's usage this cycle: its cards' (a card in several groups counts in each).
    const perGroup = await ok(h.admin('/usage/cycles?cycle_group_by=group&tenant_id=1'));
    expect(perGroup.items).toEqual([
      expect.objectContaining({ group_id: g.id, cards: 1, rx_bytes: 600_000, total_bytes: 600_000 }),
    ]);

    // Untagged, the card leaves the group and its plan.
    await ok(put('/card-tags/2/4', { tags: ['north'] }));
    expect((await ok(h.admin(`/groups/${g.id}/members`))).total).toBe(0);
    expect(await planOf(2, 4)).toEqual([null, null]);
  });

  it('tags clients per tenant, and audits each change', async () => {
    const tagged = await ok(put('/client-tags/pilot-1', { tenant_id: 1, tags: ['vip', 'bus-12'] }));
    expect(tagged.tags).toEqual(['bus-12', 'vip']);
    expect((await ok(h.admin('/client-tags/pilot-1?tenant_id=1'))).tags).toEqual(['bus-12', 'vip']);
    const audit = await ok(h.admin('/audit-log?action=tags.update'));
    expect(audit.items.map((a: Doc) => a.entity_type).sort()).toEqual(['client', 'slot', 'slot']);
  });

  it('refuses bad groups, members and tags with a clear 4xx and changes nothing', async () => {
    const count = async () => (await ok(h.admin('/groups'))).total;
    const n = await count();
    const bad: Array<[Doc, number, string]> = [
      [{ tenant_id: 1, name: 'x', kind: 'filter' }, 400, 'VALIDATION_ERROR'],
      [{ tenant_id: 1, name: 'x', kind: 'filter', filter: {} }, 400, 'VALIDATION_ERROR'],
      [{ tenant_id: 1, name: 'x', kind: 'explicit', filter: { tag: 'a' } }, 400, 'VALIDATION_ERROR'],
      [
        { tenant_id: 1, name: 'x', kind: 'filter', filter: { tag: 'a' }, members: [{ bank_id: 1, slot_id: 1 }] },
        400,
        'VALIDATION_ERROR',
      ],
      [{ tenant_id: 1, name: 'x', kind: 'filter', filter: { state: 'gone' } }, 400, 'VALIDATION_ERROR'],
      [{ tenant_id: 1, name: 'x', kind: 'party' }, 400, 'VALIDATION_ERROR'],
      [{ tenant_id: 1, name: 'x', kind: 'explicit', plan_id: 9999 }, 404, 'PLAN_NOT_FOUND'],
      // A group has no assignment policy (it never had an effect): the field is refused by name.
      [{ tenant_id: 1, name: 'x', kind: 'explicit', assignment_policy_id: 1 }, 400, 'VALIDATION_ERROR'],
      [{ tenant_id: 1, name: 'fleet A', kind: 'explicit' }, 409, 'GROUP_EXISTS'],
      [{ tenant_id: 77, name: 'x', kind: 'explicit' }, 404, 'TENANT_NOT_FOUND'],
    ];
    for (const [body, status, code] of bad) {
      const res = await h.admin('/groups', json(body));
      const answer = await res.json();
      expect([res.status, answer.code], JSON.stringify(body)).toEqual([status, code]);
      if ('assignment_policy_id' in body)
        expect(answer.message).toBe('body must NOT have additional properties: assignment_policy_id');
    }
    expect(await count()).toBe(n);
    // The list gives each group its own thresholds (read for the whole page at once).
    const listed = (await ok(h.admin('/groups?limit=100'))).items as Doc[];
    for (const g of listed) expect(g.thresholds).toEqual((await ok(h.admin(`/groups/${g.id}`))).thresholds);
    expect(listed.some((g) => g.thresholds.length > 0) && listed.some((g) => g.thresholds.length === 0)).toBe(true);
    const filterGroup = listed.find((g: Doc) => g.kind === 'filter') as Doc;
    const members = await h.admin(`/groups/${filterGroup.id}/members`, json({ add: [{ bank_id: 1, slot_id: 9 }] }));
    expect(members.status).toBe(400);
    expect((await h.admin('/groups/9999')).status).toBe(404);
    for (const tags of [['has space'], ['-dash-first'], ['x'.repeat(65)]])
      expect((await put('/card-tags/1/1', { tags })).status).toBe(400);
    expect((await put('/client-tags/pilot-1', { tags: ['a'] })).status).toBe(400);
  });
});
