// Automation rules: an operator writes "when this happens (or this value crosses that), if these
// conditions hold, do that": the engine reads the event outbox after its cursor, acts once per
// rule and event (two processes too), leaves an object alone for the rule's cooldown, stops at
// its hourly limit, hands many objects at once to a bulk job, and logs every run. A dry run shows
// what a rule would do. A bad rule is refused when it is saved.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RulesEngine } from '../src/modules/rules/index.js';
import { UsageService } from '../src/modules/usage/index.js';
import {
  type Harness,
  json,
  onPostgres,
  outboxSettled,
  rulesEngineOf,
  settledTick,
  startIonMesh,
  startReplica,
} from './support/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field
type Doc = Record<string, any>;

async function answer(res: Response | Promise<Response>, status = 200) {
  const r = await res;
  const body = await r.json();
  expect(r.status, JSON.stringify(body)).toBe(status);
  return body as Doc;
}

describe('automation rules', () => {
  let h: Harness;
  let engine: RulesEngine;
  const client = (path: string, body: unknown) =>
    fetch(`${h.url}/api/backend/v1/remsim${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const rule = (body: Doc, status = 200) => answer(h.admin('/rules', json({ tenant_id: 1, ...body })), status);
  const runs = async (id: number) => (await answer(h.admin(`/rules/${id}/runs?limit=100`))).items as Doc[];
  const tagsOf = async (clientId: string) => (await answer(h.admin(`/client-tags/${clientId}?tenant_id=1`))).tags as string[];
  const disable = (id: number) => answer(h.admin(`/rules/${id}`, { method: 'PATCH', body: JSON.stringify({ enabled: false }) }));
  /** An event as the clients module writes it when a client unregisters. */
  const unregistered = (clientId: string) =>
    h.query(
      sql`INSERT INTO events (type, tenant_id, data) VALUES ('client.unregistered', 1, jsonb_build_object(
            'profile_id', gen_random_uuid()::text, 'client_id', ${clientId}::text, 'mapping_mode', 'ONE_TO_ONE_SWSIM',
            'bank_id', 1, 'slot_id', 1))`,
    );
  beforeAll(async () => {
    h = await startIonMesh();
    engine = rulesEngineOf(h, { measureEverySec: 0, inlineMax: 3 });
    await settledTick(h, engine); // past what the demo wrote
  });
  afterAll(() => h.close());

  it('acts on an event when its conditions hold: tags the client and notifies', async () => {
    const r = await rule({
      name: 'welcome vips',
      trigger: { kind: 'event', event_type: 'client.registered' },
      conditions: { expression: 'data.client_id.startsWith("vip-") && data.bank_id == 1', mcc_mnc: '310410' },
      actions: [{ type: 'tag_client', params: { add_tags: ['vip'] } }, { type: 'notify' }],
    });
    expect(r).toMatchObject({ enabled: true, cooldown_sec: 3600, max_per_hour: 60, last_run_at: null });
    for (const id of ['vip-1', 'plain-1'])
      await answer(client('/register-client', { client_id: id, tenant_id: 1, mcc_mnc: '310410' }));
    const pass = await settledTick(h, engine);
    expect(pass).toMatchObject({ runs: 1, acted: 1 });
    expect(await tagsOf('vip-1')).toEqual(['vip']);
    expect(await tagsOf('plain-1')).toEqual([]);
    const log = await runs(r.id);
    expect(log).toEqual([
      expect.objectContaining({
        result: 'done',
        object_key: 'client:vip-1',
        trigger: expect.objectContaining({ event_type: 'client.registered' }),
        actions: [expect.objectContaining({ type: 'tag_client', state: 'done' }), { type: 'notify', state: 'done' }],
      }),
    ]);
    const fired = await h.query<{ data: Doc }>(sql`SELECT data FROM events WHERE type = 'rule.fired'`);
    expect(fired.map((f) => f.data)).toEqual([
      expect.objectContaining({ rule_id: r.id, client_id: 'vip-1', object: 'client:vip-1' }),
    ]);
    // The tag is the rule's doing: its audit entry names it.
    const audit = await answer(h.admin('/audit-log?action=tags.update&entity_id=vip-1'));
    expect(audit.items[0].actor).toBe(`rule:${r.id}`);
    // Once per event: another pass does nothing more.
    expect(await settledTick(h, engine)).toMatchObject({ runs: 0 });
    expect((await answer(h.admin(`/rules/${r.id}`))).last_run_at).toEqual(expect.any(String));
    await disable(r.id);
  });

  it('leaves an object alone for the cooldown, and stops at the hourly limit', async () => {
    const cool = await rule({
      name: 'once an hour per client',
      trigger: { kind: 'event', event_type: 'client.unregistered' },
      actions: [{ type: 'notify' }],
      cooldown_sec: 3600,
    });
    const capped = await rule({
      name: 'two an hour',
      trigger: { kind: 'event', event_type: 'client.unregistered' },
      conditions: { expression: 'data.client_id.startsWith("cap-")' },
      actions: [{ type: 'notify' }],
      cooldown_sec: 0,
      max_per_hour: 2,
    });
    for (const id of ['same-1', 'same-1', 'same-1']) await unregistered(id);
    for (const id of ['cap-1', 'cap-2', 'cap-3']) await unregistered(id);
    await settledTick(h, engine);
    expect((await runs(cool.id)).map((x) => [x.object_key, x.result]).reverse()).toEqual([
      ['client:same-1', 'done'],
      ['client:same-1', 'cooldown'],
      ['client:same-1', 'cooldown'],
      ['client:cap-1', 'done'],
      ['client:cap-2', 'done'],
      ['client:cap-3', 'done'],
    ]);
    expect((await runs(capped.id)).map((x) => [x.object_key, x.result]).reverse()).toEqual([
      ['client:cap-1', 'done'],
      ['client:cap-2', 'done'],
      ['client:cap-3', 'limited'],
    ]);
    expect((await answer(h.admin(`/rules/${capped.id}`))).runs_last_hour).toBe(2);
    await disable(cool.id);
    await disable(capped.id);
  });

  it('acts on a measured value: clients offline too long, and many at once go to a bulk job', async () => {
    for (const id of ['far-1', 'far-2'])
      await answer(client('/register-client', { client_id: id, tenant_id: 1, mcc_mnc: '311480' }));
    await h.query(
      sql`UPDATE service_profiles SET liveness = 'offline', liveness_changed_at = now() - interval '45 minutes'
           WHERE client_id IN ('far-1', 'far-2')`,
    );
    const r = await rule({
      name: 'silent routers',
      trigger: { kind: 'measure', measure: 'offline_minutes', op: '>=', value: 30 },
      conditions: { expression: 'value >= 30.0' },
      actions: [{ type: 'tag_client', params: { add_tags: ['silent'] } }],
    });
    const dry = await answer(h.admin(`/rules/${r.id}/dry-run`));
    expect(dry).toMatchObject({ dry_run: true, matched: 2, as_bulk_job: false });
    expect(await runs(r.id)).toEqual([]);
    await settledTick(h, engine);
    expect(await tagsOf('far-1')).toEqual(['silent']);
    expect((await runs(r.id)).map((x) => x.result)).toEqual(['done', 'done']);
    // Within the cooldown, the next evaluation leaves them alone.
    await settledTick(h, engine);
    expect((await runs(r.id)).map((x) => x.result).sort()).toEqual(['cooldown', 'cooldown', 'done', 'done']);
    await disable(r.id);

    // Five at once, over the engine's inline limit (3 here): one bulk job, not five actions inline.
    for (const id of ['many-1', 'many-2', 'many-3', 'many-4', 'many-5'])
      await answer(client('/register-client', { client_id: id, tenant_id: 1, mcc_mnc: '311480' }));
    await h.query(
      sql`UPDATE service_profiles SET liveness = 'offline', liveness_changed_at = now() - interval '3 hours' WHERE client_id LIKE 'many-%'`,
    );
    const many = await rule({
      name: 'long silent',
      trigger: { kind: 'measure', measure: 'offline_minutes', op: '>=', value: 120 },
      actions: [{ type: 'tag_client', params: { add_tags: ['long-silent'] } }],
    });
    await settledTick(h, engine);
    const log = await runs(many.id);
    expect(log.map((x) => x.result)).toEqual(['job', 'job', 'job', 'job', 'job']);
    const jobId = log[0]?.actions.jobs[0];
    const job = await answer(h.admin(`/jobs/${jobId}`));
    expect(job).toMatchObject({ action: 'tag_client', total: 5, created_by: `rule:${many.id}` });
    expect(await tagsOf('many-1')).toEqual([]); // not inline
    await h.services.jobs.tick(2000);
    expect(await tagsOf('many-1')).toEqual(['long-silent']);
    await disable(many.id);
  });

  it('acts on a card’s failures within a window and on its cost this cycle', async () => {
    // Three failures of one card within the hour, one of another.
    await h.query(
      sql`INSERT INTO card_failures (tenant_id, bank_id, slot_id, kind, subject)
          SELECT 1, 1, 20, 'health_error', 'f' || n FROM generate_series(1, 3) n
          UNION ALL SELECT 1, 1, 21, 'health_error', 'g1'`,
    );
    const failing = await rule({
      name: 'failing cards',
      trigger: { kind: 'measure', measure: 'failure_count', op: '>=', value: 3, window_min: 60 },
      actions: [{ type: 'tag_card', params: { add_tags: ['failing'] } }],
    });
    // A plan with a monthly fee: a tagged card's cost this cycle is at least that.
    const plan = await answer(h.admin('/plans', json({ tenant_id: 1, name: 'fee 12', allowance_mb: 100, monthly_fee: 12 })));
    await answer(h.admin('/usage/cards/2/5/settings', { method: 'PUT', body: JSON.stringify({ plan_id: plan.id }) }));
    await answer(h.admin('/card-tags/2/5', { method: 'PUT', body: JSON.stringify({ tags: ['billed'] }) }));
    const costly = await rule({
      name: 'costly cards',
      trigger: { kind: 'measure', measure: 'cost', op: '>=', value: 10 },
      conditions: { tag: 'billed' },
      actions: [{ type: 'tag_card', params: { add_tags: ['costly'] } }],
    });
    await settledTick(h, engine);
    expect((await runs(failing.id)).map((x) => [x.object_key, x.result, x.trigger.value])).toEqual([['card:1/20', 'done', 3]]);
    expect((await answer(h.admin('/card-tags/1/20'))).tags).toEqual(['failing']);
    expect((await answer(h.admin('/card-tags/1/21'))).tags).toEqual([]);
    expect((await runs(costly.id)).map((x) => [x.object_key, x.result, x.trigger.value])).toEqual([['card:2/5', 'done', 12]]);
    expect((await answer(h.admin('/card-tags/2/5'))).tags).toEqual(['billed', 'costly']);
    await disable(failing.id);
    await disable(costly.id);
  });

  it('acts on a weak signal over a window and on a card’s share of its plan', async () => {
    await answer(client('/register-client', { client_id: 'weak-1', tenant_id: 1, mcc_mnc: '310410' }));
    await answer(client('/register-client', { client_id: 'strong-1', tenant_id: 1, mcc_mnc: '310410' }));
    for (const rssi of [-108, -112]) await answer(client('/heartbeat', { client_id: 'weak-1', tenant_id: 1, stats: { rssi } }));
    await answer(client('/heartbeat', { client_id: 'strong-1', tenant_id: 1, stats: { rssi: -70 } }));
    const weak = await rule({
      name: 'weak signal',
      trigger: { kind: 'measure', measure: 'signal_rssi', op: '<=', value: -100, window_min: 30 },
      conditions: { expression: 'value <= -105.0' },
      actions: [{ type: 'tag_client', params: { add_tags: ['weak'] } }],
    });
    // 0.6 MB through weak-1's card on a 1 MB plan: 60 %.
    const plan = await answer(h.admin('/plans', json({ tenant_id: 1, name: 'one MB', allowance_mb: 1 })));
    const card = (
      await h.query<{ bank_id: number; slot_id: number }>(
        sql`SELECT bank_id, slot_id FROM service_profiles WHERE client_id = 'weak-1' AND status = 'ACTIVE'`,
      )
    )[0] as { bank_id: number; slot_id: number };
    await answer(
      h.admin(`/usage/cards/${card.bank_id}/${card.slot_id}/settings`, {
        method: 'PUT',
        body: JSON.stringify({ plan_id: plan.id }),
      }),
    );
    for (const rx of [0, 600_000])
      await answer(client('/heartbeat', { client_id: 'weak-1', tenant_id: 1, stats: { data_rx_bytes: rx, data_tx_bytes: 0 } }));
    await new UsageService(h.db, { rawRetentionSec: 86_400, retentionDays: 400, settleSec: 0 }).account();
    const used = await rule({
      name: 'half used',
      trigger: { kind: 'measure', measure: 'usage_percent', op: '>=', value: 50 },
      actions: [{ type: 'tag_card', params: { add_tags: ['half-used'] } }],
    });
    await settledTick(h, engine);
    expect((await runs(weak.id)).map((x) => [x.object_key, x.trigger.value])).toEqual([['client:weak-1', -110]]);
    expect(await tagsOf('weak-1')).toEqual(['weak']);
    expect(await tagsOf('strong-1')).toEqual([]);
    expect((await runs(used.id)).map((x) => [x.object_key, x.result, x.trigger.value])).toEqual([
      [`card:${card.bank_id}/${card.slot_id}`, 'done', 60],
    ]);
    expect((await answer(h.admin(`/card-tags/${card.bank_id}/${card.slot_id}`))).tags).toEqual(['half-used']);
    await disable(weak.id);
    await disable(used.id);
  });

  it('fails a run its process left acting once its claim runs out, never repeating it, and keeps the log for the retention', async () => {
    const r = await rule({
      name: 'housekeeping',
      trigger: { kind: 'event', event_type: 'client.unregistered' },
      actions: [{ type: 'notify' }],
      enabled: false,
    });
    const inserted = await h.query<{ id: number; object_key: string }>(
      sql`INSERT INTO rule_runs (rule_id, tenant_id, trigger, object_key, result, at) VALUES
            (${r.id}, 1, '{}', 'client:stuck', 'pending', now() - interval '20 minutes'),
            (${r.id}, 1, '{}', 'client:ancient', 'done', now() - interval '40 days')
          RETURNING id::int AS id, object_key`,
    );
    const stuck = inserted.find((x) => x.object_key === 'client:stuck') as { id: number };
    // Its work item, claimed by a process that stopped while it acted: the claim has run out.
    await h.query(
      sql`INSERT INTO work_items (owner, kind, object, tenant_id, key, payload, state, attempts, max_attempts, claimed_by,
                                  claim_token, lease_until)
          VALUES ('rules', 'rules.run', 'client:stuck', 1, ${`run:${stuck.id}`}, ${JSON.stringify({ id: stuck.id })}::jsonb,
                  'claimed', 1, 1, 'gone', gen_random_uuid(), now() - interval '1 second')`,
    );
    await engine.tick();
    expect(await engine.maintain(30 * 86_400, 1000)).toBe(1);
    const log = await runs(r.id);
    expect(log.map((x) => [x.object_key, x.result])).toEqual([['client:stuck', 'failed']]);
    expect(log[0]?.reason).toContain('interrupted');
    // Not acted again: escalated without a second try, on record.
    const item = await answer(h.admin('/work-items?object=client:stuck&kind=rules.run'));
    expect(item.items[0]).toMatchObject({ state: 'escalated', attempts: 2 });
    expect(item.items[0].attempt_log.map((a: Doc) => a.outcome)).toEqual(['escalated']);
  });

  it('shows what a rule would do before it is saved, from the latest events', async () => {
    const dry = await answer(
      h.admin(
        '/rules/dry-run',
        json({
          tenant_id: 1,
          name: 'would',
          trigger: { kind: 'event', event_type: 'client.registered' },
          conditions: { expression: 'data.client_id.startsWith("far-")' },
          actions: [{ type: 'reassign_client' }],
        }),
      ),
    );
    expect(dry).toMatchObject({ matched: 2, would_act_on: 2 });
    expect(dry.items.map((i: Doc) => [i.object, i.would])).toEqual([
      ['client:far-1', ['reassign_client']],
      ['client:far-2', ['reassign_client']],
    ]);
    expect((await answer(h.admin('/rules?limit=100'))).items.some((x: Doc) => x.name === 'would')).toBe(false);
  });

  it('refuses a bad rule when it is saved, with the reason, and saves nothing', async () => {
    const [{ n: before } = { n: 0 }] = await h.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM automation_rules`);
    const ev = { kind: 'event', event_type: 'client.registered' };
    const cases: [Doc, number, string][] = [
      [
        { name: 'x', trigger: { kind: 'event', event_type: 'client.exploded' }, actions: [{ type: 'notify' }] },
        400,
        'not an event type',
      ],
      [
        { name: 'x', trigger: ev, conditions: { expression: 'data.nope == 1' }, actions: [{ type: 'notify' }] },
        400,
        'No such key: nope',
      ],
      [
        { name: 'x', trigger: ev, conditions: { expression: 'data.bank_id + 1' }, actions: [{ type: 'notify' }] },
        400,
        'true or false',
      ],
      [{ name: 'x', trigger: ev, conditions: { expression: 'data.bank_id ==' }, actions: [{ type: 'notify' }] }, 400, 'does not'],
      [
        { name: 'x', trigger: ev, conditions: { expression: 'data.client_id == 1' }, actions: [{ type: 'notify' }] },
        400,
        'does not check',
      ],
      [{ name: 'x', trigger: ev, actions: [{ type: 'queue_command' }] }, 400, 'needs params.command'],
      [{ name: 'x', trigger: ev, actions: [{ type: 'notify', params: { add_tags: ['a'] } }] }, 400, 'takes no params'],
      [{ name: 'x', trigger: ev, actions: [{ type: 'explode' }] }, 400, 'actions/0/type'],
      [{ name: 'x', trigger: ev, actions: [] }, 400, 'actions'],
      [{ name: 'x', trigger: ev, conditions: { group_id: 9999 }, actions: [{ type: 'notify' }] }, 404, 'Group 9999'],
      [
        {
          name: 'x',
          trigger: ev,
          conditions: { time_window: { start: '01:00', end: '02:00', timezone: 'Nowhere/Land' } },
          actions: [{ type: 'notify' }],
        },
        400,
        'not a time zone',
      ],
      [
        {
          name: 'x',
          trigger: ev,
          actions: [{ type: 'start_job', params: { job: { action: 'disable_card', selector: { group_id: 9999 } } } }],
        },
        404,
        'Group 9999',
      ],
      [{ name: 'welcome vips', trigger: ev, actions: [{ type: 'notify' }] }, 409, 'already has a rule named'],
    ];
    for (const [body, status, text] of cases) {
      const r = await rule(body, status);
      expect(`${r.message}`, JSON.stringify(body)).toContain(text);
    }
    // An operator key may make rules that reassign, not ones that disable cards.
    const key = (await answer(h.admin('/api-keys', json({ name: 'noc', role: 'operator' })), 201)).key as string;
    const as = (body: Doc) =>
      fetch(`${h.url}/api/backend/v1/rules`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key },
        body: JSON.stringify({ tenant_id: 1, ...body }),
      });
    const refused = await answer(as({ name: 'y', trigger: ev, actions: [{ type: 'disable_card' }] }), 403);
    expect(refused).toMatchObject({ code: 'FORBIDDEN', role: 'operator' });
    const [{ n: after } = { n: 0 }] = await h.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM automation_rules`);
    expect(after).toBe(before);
    const made = await answer(as({ name: 'noc moves', trigger: ev, actions: [{ type: 'reassign_client' }], enabled: false }));
    const audit = await answer(h.admin(`/audit-log?action=rule.create&entity_id=${made.id}`));
    expect(audit.items[0]).toMatchObject({ after: { name: 'noc moves', enabled: false } });
  });

  it.runIf(onPostgres)('acts once per rule and event when two processes run the engine at once', async () => {
    const r = await rule({
      name: 'pairs',
      trigger: { kind: 'event', event_type: 'client.unregistered' },
      conditions: { expression: 'data.client_id.startsWith("pair-")' },
      actions: [{ type: 'notify' }],
      cooldown_sec: 0,
      max_per_hour: 1000,
    });
    const replica = await startReplica(h);
    try {
      const other = replica.services.rulesEngine;
      for (let i = 0; i < 40; i++) await unregistered(`pair-${i}`);
      for (let i = 0; i < 10; i++) {
        await outboxSettled(h);
        await Promise.all([engine.tick(), other.tick()]);
      }
      const log = await runs(r.id);
      expect(log.length).toBe(40);
      expect(new Set(log.map((x) => x.event_id)).size).toBe(40);
      const fired = await h.query<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM events WHERE type = 'rule.fired' AND (data ->> 'rule_id')::int = ${r.id}`,
      );
      expect(fired[0]?.n).toBe(40);
    } finally {
      await replica.close();
    }
  });
});
