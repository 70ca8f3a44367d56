// Bulk jobs: an operator counts what a selector names (a dry run), starts the action for all of
// them, follows the progress and reads each item's result (done, skipped or failed, with the
// reason), cancels, and finds an audit entry per item. Each action is the one that exists for one
// object. A job survives a crash without doing an item twice, and two processes never share an
// item. Bad jobs are refused with a clear 4xx and create nothing.
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkEngine } from '../src/app/work/index.js';
import { BulkJobsService } from '../src/modules/bulk-jobs/index.js';
import { type Harness, json, onPostgres, startIonMesh, startReplica } from './support/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field
type Doc = Record<string, any>;

const IMEI = '353209900000018';

async function answer(res: Response | Promise<Response>, status: number) {
  const r = await res;
  const body = await r.json();
  expect(r.status, JSON.stringify(body)).toBe(status);
  return body as Doc;
}

describe('bulk jobs', () => {
  let h: Harness;
  const client = (path: string, body: unknown) =>
    fetch(`${h.url}/api/backend/v1/remsim${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const job = (body: Doc) => h.admin('/jobs', json({ tenant_id: 1, ...body }));
  /** Runs the runner until the job is finished (bounded). */
  const runToEnd = async (id: number, service: BulkJobsService = h.services.jobs) => {
    for (let i = 0; i < 50; i++) {
      const j = await answer(h.admin(`/jobs/${id}`), 200);
      if (j.state !== 'running') return j;
      await service.tick(2000);
    }
    throw new Error(`job ${id} did not finish`);
  };
  const items = async (id: number, state?: string) =>
    (await answer(h.admin(`/jobs/${id}/items?limit=500${state ? `&state=${state}` : ''}`), 200)).items as Doc[];
  const status = async (bank: number, slot: number) =>
    (await h.query<{ status: string }>(sql`SELECT status FROM slots WHERE bank_id = ${bank} AND slot_id = ${slot}`))[0]?.status;
  const cardOf = async (clientId: string) =>
    (
      await h.query<{ bank_id: number; slot_id: number }>(
        sql`SELECT bank_id, slot_id FROM service_profiles WHERE client_id = ${clientId} AND status = 'ACTIVE'`,
      )
    )[0];
  const jobsCount = async () => (await h.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM bulk_jobs`))[0]?.n;

  beforeAll(async () => {
    h = await startIonMesh();
    // Three routers on AT&T cards (bank 1), one of them heartbeating with its modem's IMEI.
    for (const id of ['r1', 'r2', 'r3'])
      await answer(client('/register-client', { client_id: id, tenant_id: 1, mcc_mnc: '310410' }), 200);
    await answer(client('/heartbeat', { client_id: 'r1', tenant_id: 1, modem_info: { imei: IMEI } }), 200);
  });
  afterAll(() => h.close());

  it('counts a filter with a dry run, creates nothing, then disables those cards with per-item results', async () => {
    await answer(h.admin('/card-tags/2/10', { method: 'PUT', body: JSON.stringify({ tags: ['retire'] }) }), 200);
    await answer(h.admin('/card-tags/2/11', { method: 'PUT', body: JSON.stringify({ tags: ['retire'] }) }), 200);
    await answer(h.admin('/banks/2/slots/11', { method: 'PATCH', body: JSON.stringify({ status: 'disabled' }) }), 200);
    const before = await jobsCount();
    const dry = await answer(job({ action: 'disable_card', selector: { filter: { tag: 'retire' } }, dry_run: true }), 200);
    expect(dry).toMatchObject({ dry_run: true, target: 'card', total: 2 });
    expect(dry.sample).toEqual([
      { bank_id: 2, slot_id: 10, status: 'available', client_id: null },
      { bank_id: 2, slot_id: 11, status: 'disabled', client_id: null },
    ]);
    expect(await jobsCount()).toBe(before);

    const created = await answer(
      job({ action: 'disable_card', selector: { filter: { tag: 'retire' } }, expected_total: 2, reason: 'retiring' }),
      201,
    );
    expect(created).toMatchObject({ state: 'running', total: 2, pending: 2, progress: 0 });
    const done = await runToEnd(created.id);
    expect(done).toMatchObject({ state: 'done', done: 1, skipped: 1, failed: 0, progress: 1 });
    expect(done.finished_at).toEqual(expect.any(String));
    expect(await status(2, 10)).toBe('disabled');
    const list = await items(created.id);
    expect(list.map((i) => [i.bank_id, i.slot_id, i.state, i.reason])).toEqual([
      [2, 10, 'done', null],
      [2, 11, 'skipped', 'already disabled'],
    ]);
    // An audit entry per item, and the action's own entry by the item.
    const audit = await answer(h.admin(`/audit-log?action=bulk_job.item&entity_id=${created.id}`), 200);
    expect(audit.items.map((a: Doc) => [a.actor, a.after.state]).sort()).toEqual([
      [`job:${created.id}/1`, 'done'],
      [`job:${created.id}/2`, 'skipped'],
    ]);
    const slotAudit = await answer(h.admin('/audit-log?action=slot.update&entity_id=2:10'), 200);
    expect(slotAudit.items[0].actor).toBe(`job:${created.id}/1`);
    const events = await h.query<{ type: string; data: Doc }>(
      sql`SELECT type, data FROM events WHERE type LIKE 'bulk_job.%' AND (data ->> 'job_id')::int = ${created.id} ORDER BY id`,
    );
    expect(events.map((e) => e.type)).toEqual(['bulk_job.created', 'bulk_job.finished']);
    expect(events[1]?.data).toMatchObject({ state: 'done', done: 1, skipped: 1 });
  });

  it('refuses to create when the selector names another count than the dry run did', async () => {
    const before = await jobsCount();
    const r = await answer(job({ action: 'enable_card', selector: { filter: { tag: 'retire' } }, expected_total: 5 }), 409);
    expect(r).toMatchObject({ code: 'JOB_TARGET_CHANGED', expected_total: 5, total: 2 });
    expect(await jobsCount()).toBe(before);
  });

  it('enables cards again, marks cards faulty and tags them', async () => {
    const en = await answer(job({ action: 'enable_card', selector: { filter: { tag: 'retire' } } }), 201);
    expect(await runToEnd(en.id)).toMatchObject({ done: 2, skipped: 0 });
    expect([await status(2, 10), await status(2, 11)]).toEqual(['available', 'available']);

    const cards = [
      { bank_id: 2, slot_id: 20 },
      { bank_id: 2, slot_id: 21 },
    ];
    const faulty = await answer(job({ action: 'mark_faulty', selector: { cards } }), 201);
    expect(await runToEnd(faulty.id)).toMatchObject({ done: 2 });
    expect([await status(2, 20), await status(2, 21)]).toEqual(['faulty', 'faulty']);

    const tag = await answer(job({ action: 'tag_card', params: { add_tags: ['batch-7'] }, selector: { cards } }), 201);
    expect(await runToEnd(tag.id)).toMatchObject({ done: 2 });
    expect((await answer(h.admin('/card-tags/2/20'), 200)).tags).toEqual(['batch-7']);
    // Again: nothing to change, skipped.
    const again = await answer(job({ action: 'tag_card', params: { add_tags: ['batch-7'] }, selector: { cards } }), 201);
    expect(await runToEnd(again.id)).toMatchObject({ done: 0, skipped: 2 });
    const untag = await answer(job({ action: 'tag_card', params: { remove_tags: ['batch-7'] }, selector: { cards } }), 201);
    expect(await runToEnd(untag.id)).toMatchObject({ done: 2 });
    expect((await answer(h.admin('/card-tags/2/20'), 200)).tags).toEqual([]);
  });

  it('moves a filter group’s cards into an explicit group, and the filter agrees with the filter group', async () => {
    const filterGroup = await answer(
      h.admin(
        '/groups',
        json({ tenant_id: 1, name: 'verizon low', kind: 'filter', filter: { mcc_mnc: '311480', state: 'faulty' } }),
      ),
      200,
    );
    const listed = await answer(h.admin('/groups', json({ tenant_id: 1, name: 'to inspect', kind: 'explicit' })), 200);
    const viaFilter = await answer(
      job({
        action: 'move_to_group',
        params: { group_id: listed.id },
        selector: { filter: { mcc_mnc: '311480', state: 'faulty' } },
        dry_run: true,
      }),
      200,
    );
    const viaGroup = await answer(
      job({ action: 'move_to_group', params: { group_id: listed.id }, selector: { group_id: filterGroup.id }, dry_run: true }),
      200,
    );
    expect(viaFilter.total).toBe(2);
    expect(viaFilter.sample).toEqual(viaGroup.sample);
    const moved = await answer(
      job({ action: 'move_to_group', params: { group_id: listed.id }, selector: { group_id: filterGroup.id } }),
      201,
    );
    expect(await runToEnd(moved.id)).toMatchObject({ done: 2 });
    const members = await answer(h.admin(`/groups/${listed.id}/members`), 200);
    expect(members.items.map((m: Doc) => [m.bank_id, m.slot_id])).toEqual([
      [2, 20],
      [2, 21],
    ]);
    // A filter group cannot be a target: its cards follow its filter.
    const bad = await answer(
      job({ action: 'move_to_group', params: { group_id: filterGroup.id }, selector: { cards: [{ bank_id: 2, slot_id: 1 }] } }),
      400,
    );
    expect(bad.message).toContain('filter group');
  });

  it('binds cards to the IMEI their modem reports, skipping cards no modem reported for', async () => {
    const r1 = (await cardOf('r1')) as { bank_id: number; slot_id: number };
    const r2 = (await cardOf('r2')) as { bank_id: number; slot_id: number };
    const bind = await answer(job({ action: 'bind_imei', selector: { cards: [r1, r2] } }), 201);
    expect(await runToEnd(bind.id)).toMatchObject({ done: 1, skipped: 1 });
    const list = await items(bind.id);
    expect(list[0]).toMatchObject({ state: 'done', result: { imei: IMEI, client_id: 'r1' } });
    expect(list[1]).toMatchObject({ state: 'skipped', reason: 'no modem using it has reported an IMEI' });
    const bindings = await answer(h.admin('/imei-bindings?tenant_id=1'), 200);
    expect(bindings.items).toContainEqual(expect.objectContaining({ ...r1, imei: IMEI }));
  });

  it('tags clients, queues commands to the tagged ones and reassigns the clients of a group’s cards', async () => {
    const tag = await answer(
      job({ action: 'tag_client', params: { add_tags: ['wave-1'] }, selector: { clients: ['r1', 'r2'] } }),
      201,
    );
    expect(await runToEnd(tag.id)).toMatchObject({ done: 2 });
    // r2 never heartbeat: it cannot receive commands (the one-object action's refusal, per item).
    const cmd = await answer(
      job({ action: 'queue_command', params: { command: { type: 'restart' } }, selector: { client_tag: 'wave-1' } }),
      201,
    );
    expect(await runToEnd(cmd.id)).toMatchObject({ done: 1, failed: 1 });
    const failed = await items(cmd.id, 'failed');
    expect(failed).toEqual([
      expect.objectContaining({ client_id: 'r2', reason: expect.stringMatching(/^CLIENT_CANNOT_RECEIVE_COMMANDS: /) }),
    ]);
    const queued = await h.query<{ client_id: string; created_by: string }>(
      sql`SELECT client_id, created_by FROM client_commands ORDER BY id`,
    );
    expect(queued).toEqual([{ client_id: 'r1', created_by: `job:${cmd.id}/1` }]);

    // A client action for cards: the clients holding them move (same carrier), keeping their RSPRO identity.
    const before = (await cardOf('r3')) as { bank_id: number; slot_id: number };
    const rspro = await h.query(
      sql`SELECT rspro_client_id, rspro_slot_nr FROM service_profiles WHERE client_id = 'r3' AND status = 'ACTIVE'`,
    );
    const move = await answer(
      job({ action: 'reassign_client', params: { reason: 'bank swap' }, selector: { cards: [before] } }),
      201,
    );
    expect(move.total).toBe(1);
    expect(await runToEnd(move.id)).toMatchObject({ done: 1 });
    const after = await cardOf('r3');
    expect(after).not.toEqual(before);
    expect(after?.bank_id).toBe(1);
    expect(
      await h.query(
        sql`SELECT rspro_client_id, rspro_slot_nr FROM service_profiles WHERE client_id = 'r3' AND status = 'ACTIVE'`,
      ),
    ).toEqual(rspro);
    expect((await items(move.id))[0]).toMatchObject({ client_id: 'r3', result: { from: before, to: after } });
  });

  it('cancels a job: pending items are cancelled, nothing more runs', async () => {
    const cards = Array.from({ length: 12 }, (_, i) => ({ bank_id: 1, slot_id: 20 + i }));
    const j = await answer(job({ action: 'tag_card', params: { add_tags: ['x'] }, selector: { cards }, batch_size: 5 }), 201);
    // Five items are under way (claimed by this process, their actions running), then the operator cancels.
    const svc = h.services.jobs;
    await h.db.run((db) =>
      db.execute(
        sql`UPDATE bulk_job_items SET state = 'running', claimed_by = ${svc.me}, claimed_at = now() WHERE job_id = ${j.id} AND seq <= 5`,
      ),
    );
    await h.query(
      sql`UPDATE work_items SET state = 'claimed', claimed_by = ${svc.me}, claim_token = gen_random_uuid(),
                 lease_until = now() + interval '10 minutes', attempts = 1
           WHERE kind = 'bulk_jobs.item' AND (payload->>'job_id')::int = ${j.id} AND (payload->>'seq')::int <= 5`,
    );
    const cancelled = await answer(h.admin(`/jobs/${j.id}/cancel`, { method: 'POST' }), 200);
    expect(cancelled).toMatchObject({ state: 'cancelled', cancelled: 7, running: 5, pending: 0 });
    await answer(h.admin(`/jobs/${j.id}/cancel`, { method: 'POST' }), 409);
    await svc.tick(500);
    const tagged = await h.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM card_tags WHERE tag = 'x'`);
    expect(tagged[0]?.n).toBe(0);
    expect((await items(j.id, 'cancelled')).length).toBe(7);
  });

  it.runIf(onPostgres)('resumes the work of a stopped replica within 30 s, never the work of a live one', async () => {
    const cards = [
      { bank_id: 1, slot_id: 24 },
      { bank_id: 1, slot_id: 25 },
    ];
    const j = await answer(job({ action: 'tag_card', params: { add_tags: ['lease'] }, selector: { cards } }), 201);
    // Item 1: its replica stopped 40 s ago (its 30 s lease ran out). Item 2: its replica claimed it
    // as long ago but is alive (it renewed its lease, as the engine does every 10 s while it works).
    await h.query(
      sql`UPDATE bulk_job_items SET state = 'running', attempts = 1, claimed_at = now() - interval '40 seconds',
                 claimed_by = CASE seq WHEN 1 THEN 'stopped-replica' ELSE 'live-replica' END
           WHERE job_id = ${j.id}`,
    );
    await h.query(
      sql`UPDATE work_items SET state = 'claimed', attempts = 1, claim_token = gen_random_uuid(),
                 claimed_by = CASE payload->>'seq' WHEN '1' THEN 'stopped-replica' ELSE 'live-replica' END,
                 lease_until = CASE payload->>'seq' WHEN '1' THEN now() - interval '10 seconds' ELSE now() + interval '25 seconds' END
           WHERE kind = 'bulk_jobs.item' AND (payload->>'job_id')::int = ${j.id}`,
    );
    await h.query(
      sql`INSERT INTO work_attempts (item_id, attempt, claimed_by, started_at)
          SELECT id, 1, claimed_by, now() - interval '40 seconds' FROM work_items
           WHERE kind = 'bulk_jobs.item' AND (payload->>'job_id')::int = ${j.id}`,
    );
    // The stopped replica's item is taken over and run (its action had not committed); the live one's is left alone.
    expect(await h.services.jobs.tick(2000)).toBe(1);
    const list = await items(j.id);
    expect(list.map((i: Doc) => [i.seq, i.state, i.attempts])).toEqual([
      [1, 'done', 2],
      [2, 'running', 1],
    ]);
    const log = await answer(h.admin('/work-items?object=card:1/24&kind=bulk_jobs.item'), 200);
    expect(log.items[0].attempt_log.map((a: Doc) => [a.attempt, a.claimed_by, a.outcome])).toEqual([
      [1, 'stopped-replica', 'lost'],
      [2, h.services.jobs.me, 'done'],
    ]);
    await answer(h.admin(`/jobs/${j.id}/cancel`, { method: 'POST' }), 200);
  });

  it('finishes an item a stopped process left: done when its action committed, run once when it had not', async () => {
    const cards = [
      { bank_id: 1, slot_id: 28 },
      { bank_id: 1, slot_id: 29 },
    ];
    const j = await answer(job({ action: 'disable_card', selector: { cards } }), 201);
    // Another process claimed both, disabled the first (its action committed, with its audit entry)
    // and stopped before finishing either.
    const ghost = new BulkJobsService(h.db, (h.services.jobs as unknown as { ports: never }).ports, new WorkEngine(h.db));
    await h.db.run((db) =>
      db.execute(
        sql`UPDATE bulk_job_items SET state = 'running', claimed_by = 'gone', claimed_at = now() - interval '10 minutes', attempts = 1
             WHERE job_id = ${j.id}`,
      ),
    );
    await h.query(
      sql`UPDATE work_items SET state = 'claimed', attempts = 1, claim_token = gen_random_uuid(), claimed_by = 'gone',
                 lease_until = now() - interval '9 minutes'
           WHERE kind = 'bulk_jobs.item' AND (payload->>'job_id')::int = ${j.id}`,
    );
    await h.services.inventory.banks.updateSlot(1, 28, { status: 'disabled' }, { actor: `job:${j.id}/1` });
    await h.db.run((db) =>
      db.execute(sql`UPDATE audit_log SET created_at = now() - interval '9 minutes' WHERE actor = ${`job:${j.id}/1`}`),
    );
    const done = await runToEnd(j.id, ghost);
    expect(done).toMatchObject({ state: 'done', done: 2 });
    const list = await items(j.id);
    expect(list[0]).toMatchObject({ state: 'done', reason: 'its action had committed when its process stopped', attempts: 1 });
    expect(list[1]).toMatchObject({ state: 'done', reason: null, attempts: 2 });
    // The first card's action ran once: one slot.update entry by its item.
    const entries = await h.query(sql`SELECT 1 FROM audit_log WHERE action = 'slot.update' AND actor = ${`job:${j.id}/1`}`);
    expect(entries.length).toBe(1);
    expect(await status(1, 29)).toBe('disabled');
  });

  it('finishes a job that was running when IonMesh was upgraded to the engine for claimed work (migration 0048)', async () => {
    const cards = [
      { bank_id: 1, slot_id: 30 },
      { bank_id: 1, slot_id: 31 },
    ];
    const j = await answer(job({ action: 'tag_card', params: { add_tags: ['upgraded'] }, selector: { cards } }), 201);
    // As before the upgrade: items of a running job, one claimed by a process that is gone, and no work items.
    await h.query(sql`DELETE FROM work_items WHERE kind = 'bulk_jobs.item' AND (payload->>'job_id')::int = ${j.id}`);
    await h.query(
      sql`UPDATE bulk_job_items SET state = 'running', claimed_by = 'old-runner', claimed_at = now() WHERE job_id = ${j.id} AND seq = 1`,
    );
    const migration = readFileSync(new URL('../drizzle/0048_bulk_job_lease_renewal_to_the_engine.sql', import.meta.url), 'utf8');
    const step = migration.split('--> statement-breakpoint').find((part) => part.includes('INSERT INTO "work_items"')) as string;
    await h.query(sql.raw(step));
    await h.query(sql.raw(step)); // applied twice, as a retried migration would: nothing twice
    const queued = await h.query<{ key: string; object: string; tenant_id: number }>(
      sql`SELECT key, object, tenant_id FROM work_items WHERE kind = 'bulk_jobs.item' AND (payload->>'job_id')::int = ${j.id} ORDER BY key`,
    );
    expect(queued).toEqual([
      { key: `job:${j.id}/1`, object: 'card:1/30', tenant_id: 1 },
      { key: `job:${j.id}/2`, object: 'card:1/31', tenant_id: 1 },
    ]);
    expect(await runToEnd(j.id)).toMatchObject({ state: 'done', done: 2 });
  });

  it('refuses bad jobs with a clear 4xx and creates nothing', async () => {
    // A client another tenant had (its profile long released): not this tenant's to act on.
    await answer(h.admin('/tenants', json({ id: 2, name: 'other' })), 200);
    await h.query(
      sql`INSERT INTO service_profiles (tenant_id, client_id, mapping_mode, bank_id, slot_id, rspro_client_id, rspro_slot_nr, status, deactivated_at)
          VALUES (2, 'elsewhere-1', 'ONE_TO_ONE_SWSIM', 1, 31, 1, 900, 'DEACTIVATED', now())`,
    );
    const before = await jobsCount();
    const cases: [Doc, number, string][] = [
      [{ action: 'disable_card', selector: {} }, 400, 'one of group_id'],
      [{ action: 'disable_card', selector: { clients: ['r1'], client_tag: 'x' } }, 400, 'one of group_id'],
      [{ action: 'disable_card', selector: { filter: {} } }, 400, 'at least one'],
      [{ action: 'disable_card', params: { add_tags: ['a'] }, selector: { clients: ['r1'] } }, 400, 'takes no params.add_tags'],
      [{ action: 'tag_card', selector: { clients: ['r1'] } }, 400, 'add_tags or params.remove_tags'],
      [{ action: 'queue_command', selector: { clients: ['r1'] } }, 400, 'needs params.command'],
      [{ action: 'move_to_group', params: { group_id: 9999 }, selector: { clients: ['r1'] } }, 404, 'Group 9999'],
      [{ action: 'explode', selector: { clients: ['r1'] } }, 400, 'action'],
      [{ action: 'disable_card', selector: { group_id: 9999 } }, 404, 'Group 9999'],
      [{ action: 'disable_card', selector: { cards: [{ bank_id: 99, slot_id: 1 }] } }, 400, 'not cards of tenant 1: 99/1'],
      [{ action: 'disable_card', selector: { cards: [{ bank_id: 1, slot_id: 500 }] } }, 400, 'not cards of tenant 1: 1/500'],
      [{ action: 'disable_card', selector: { clients: ['r1'] }, batch_size: 0 }, 400, 'batch_size'],
      [{ action: 'reassign_client', selector: { clients: ['r1', 'never-seen'] } }, 400, 'not clients of tenant 1: never-seen'],
      [{ action: 'reassign_client', selector: { clients: ['r2', 'elsewhere-1'] } }, 400, 'not clients of tenant 1: elsewhere-1'],
      [{ tenant_id: 77, action: 'disable_card', selector: { clients: ['r1'] } }, 404, 'Tenant 77'],
    ];
    for (const [body, code, text] of cases) {
      const r = await answer(job(body), code);
      expect(`${r.message} ${JSON.stringify(r)}`, JSON.stringify(body)).toContain(text);
    }
    await answer(h.admin('/jobs/9999'), 404);
    await answer(h.admin('/jobs/9999/cancel', { method: 'POST' }), 404);
    await answer(h.admin('/jobs?state=paused'), 400);
    expect(await jobsCount()).toBe(before);
  });

  it('lets a key start only the actions its role allows', async () => {
    const key = (await answer(h.admin('/api-keys', json({ name: 'noc', role: 'operator' })), 201)).key as string;
    const as = (body: Doc) =>
      fetch(`${h.url}/api/backend/v1/jobs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key },
        body: JSON.stringify({ tenant_id: 1, ...body }),
      });
    const refused = await answer(as({ action: 'disable_card', selector: { clients: ['r1'] } }), 403);
    expect(refused).toMatchObject({ code: 'FORBIDDEN', role: 'operator' });
    await answer(as({ action: 'reassign_client', selector: { clients: ['r1'] }, dry_run: true }), 200);
    const actions = await answer(h.admin('/job-actions'), 200);
    expect(actions.items.find((a: Doc) => a.action === 'disable_card')).toMatchObject({ target: 'card', access: 'manage' });
  });

  it.runIf(onPostgres)('runs every item exactly once with two processes claiming batches at the same time', async () => {
    const replica = await startReplica(h);
    try {
      const cards = Array.from({ length: 30 }, (_, i) => ({ bank_id: 2, slot_id: i }));
      const j = await answer(
        job({ action: 'tag_card', params: { add_tags: ['once'] }, selector: { cards }, batch_size: 4 }),
        201,
      );
      for (let i = 0; i < 20; i++) {
        await Promise.all([h.services.jobs.tick(300), replica.services.jobs.tick(300)]);
        if ((await answer(h.admin(`/jobs/${j.id}`), 200)).state === 'done') break;
      }
      expect(await answer(h.admin(`/jobs/${j.id}`), 200)).toMatchObject({ state: 'done', done: 30 });
      const perItem = await h.query<{ actor: string; n: number }>(
        sql`SELECT actor, count(*)::int AS n FROM audit_log WHERE action = 'tags.update' AND actor LIKE ${`job:${j.id}/%`} GROUP BY actor`,
      );
      expect(perItem.length).toBe(30);
      expect(perItem.every((p) => p.n === 1)).toBe(true);
      const claimers = await h.query<{ n: number }>(
        sql`SELECT count(DISTINCT claimed_by)::int AS n FROM bulk_job_items WHERE job_id = ${j.id}`,
      );
      expect(claimers[0]?.n).toBe(2);
    } finally {
      await replica.close();
    }
  });
});
