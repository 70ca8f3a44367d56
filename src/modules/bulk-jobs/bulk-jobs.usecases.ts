// Bulk jobs: an action that exists for one object, run for every object a selector names. A dry
// run counts the objects and shows the first ones; creating the job materialises its items
// (optionally refusing when the count moved since the dry run), each a work item of the engine
// for claimed work (decision 0020), enqueued in the same transaction. The engine's replicas
// claim them under SKIP LOCKED with a lease, and each runs through the owning module's use case,
// with an actor of its own (job:<id>/<seq>) so its audit entry says which item did it. Exactly
// once across crashes: an item is marked running in its own commit before its action; one a
// stopped process left is taken over when its lease runs out, and is done when its actor wrote
// an audit entry since that claim (the action's transaction committed), else run again; an item
// interrupted MAX_ATTEMPTS times fails (decision 0015).
import type { Database, Sql } from '../../app/database.js';
import type { WorkContext, WorkEngine } from '../../app/work/index.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError, invalid, tenantNotFound } from '../../domain/errors.js';
import { allows, type Role } from '../../domain/roles.js';
import { readTenant, type TenantScope, writeTenant } from '../../domain/tenant-scope.js';
import { auditedSince, recordAudit } from '../audit/index.js';
import { forbidden } from '../auth/index.js';
import { insertEvent } from '../events/index.js';
import type { GroupFilter } from '../groups/index.js';
import { tenantExists } from '../inventory/index.js';
import { type ActionName, actionOf, checkParams, type JobParams, type JobPorts, type Outcome } from './bulk-jobs.actions.js';
import { jobFinished, jobNotFound, targetChanged } from './bulk-jobs.errors.js';
import * as repo from './bulk-jobs.repository.js';

/** At most this many objects per job. */
export const MAX_ITEMS = 100_000;
/** An item whose claimer has not renewed its lease for this long is taken over (its process
 * stopped): a stopped process's work resumes within this, plus a runner's tick. */
const LEASE_SEC = 30;
/** An item is claimed at most this often (its process stopped on it each time) before it fails. */
const MAX_ATTEMPTS = 3;

interface ItemRef {
  job_id: number;
  seq: number;
}

export interface Selector {
  group_id?: number;
  filter?: GroupFilter;
  cards?: { bank_id: number; slot_id: number }[];
  clients?: string[];
  client_tag?: string;
}

export interface JobInput {
  tenant_id: number;
  action: ActionName;
  params?: JobParams;
  selector: Selector;
  batch_size?: number;
  reason?: string;
  /** Create only if the selector still names this many objects (the dry run's count). */
  expected_total?: number;
}

const errorText = (e: unknown) => (e instanceof DomainError ? `${e.code}: ${e.message}` : 'INTERNAL_ERROR: unexpected error');

export class BulkJobsService {
  /** This process, as the claimer of items (the engine's). */
  readonly me: string;
  private readonly work;

  constructor(
    private readonly db: Database,
    private readonly ports: JobPorts,
    engine: WorkEngine,
  ) {
    this.me = engine.me;
    this.work = engine.define<ItemRef>({
      owner: 'bulk-jobs',
      kind: 'bulk_jobs.item',
      maxAttempts: MAX_ATTEMPTS,
      leaseSec: LEASE_SEC,
      batch: 10,
      run: (ctx) => this.runItem(ctx),
      onEscalated: (tx, item, error) => this.abandon(tx, item.payload, error),
    });
  }

  /** What a job would do now: the count of objects and the first ones, nothing created. */
  async dryRun(input: JobInput, role: Role | null, scope: TenantScope) {
    const { targets } = await this.resolve(input, role, scope);
    const first = targets.cards ? targets.cards.slice(0, 20) : [];
    const sample = targets.cards
      ? await this.db.run((h) => repo.cardsNow(h, first))
      : (targets.clients ?? []).slice(0, 20).map((client_id) => ({ client_id }));
    const total = (targets.cards ?? targets.clients ?? []).length;
    return { dry_run: true as const, action: input.action, target: actionOf(input.action).target, total, sample };
  }

  async create(input: JobInput, actor: Actor, role: Role | null, scope: TenantScope) {
    const { targets, action } = await this.resolve(input, role, scope);
    const total = (targets.cards ?? targets.clients ?? []).length;
    if (input.expected_total !== undefined && input.expected_total !== total) throw targetChanged(input.expected_total, total);
    const id = await this.db.transaction(async (tx) => {
      const job = await repo.insertJob(
        tx,
        {
          tenantId: input.tenant_id,
          action: input.action,
          params: input.params ?? {},
          selector: input.selector,
          target: action.target,
          batchSize: input.batch_size ?? 50,
          createdBy: actor.actor,
          reason: input.reason ?? null,
        },
        targets,
      );
      await insertEvent(tx, 'bulk_job.created', input.tenant_id, {
        job_id: job.id,
        action: input.action,
        target: action.target,
        total,
        created_by: actor.actor,
      });
      await recordAudit(tx, actor, {
        tenantId: input.tenant_id,
        action: 'bulk_job.create',
        entityType: 'bulk_job',
        entityId: String(job.id),
        after: {
          action: input.action,
          params: input.params ?? {},
          selector: input.selector,
          total,
          reason: input.reason ?? null,
        },
      });
      const objects =
        targets.cards?.map((c) => `card:${c.bank_id}/${c.slot_id}`) ?? (targets.clients ?? []).map((c) => `client:${c}`);
      await this.work.enqueueMany(
        tx,
        input.tenant_id,
        objects.map((object, i) => ({ object, key: `job:${job.id}/${i + 1}`, payload: { job_id: job.id, seq: i + 1 } })),
      );
      // Nothing to do: done at once.
      if (total === 0) await this.complete(tx, job.id);
      return job.id;
    });
    return this.get(id);
  }

  list(f: { tenant_id?: number; state?: string; limit?: number; offset?: number }, scope: TenantScope) {
    const limit = f.limit ?? 50;
    const offset = f.offset ?? 0;
    return this.db.run(async (h) => {
      const page = await repo.listJobs(h, { tenantId: readTenant(scope, f.tenant_id), state: f.state }, limit, offset);
      const items = [];
      for (const j of page.items) items.push(withProgress(j, j.state === 'running' ? await repo.openCounts(h, j.id) : null));
      return { items, total: page.total, limit, offset };
    });
  }

  get(id: number) {
    return this.db.run(async (h) => {
      const j = await repo.getJob(h, id);
      if (!j) throw jobNotFound(id);
      return withProgress(j, await repo.openCounts(h, id));
    });
  }

  async items(id: number, f: { state?: string; limit?: number; offset?: number }) {
    await this.get(id);
    const limit = f.limit ?? 50;
    const offset = f.offset ?? 0;
    return { job_id: id, ...(await this.db.run((h) => repo.listItems(h, id, f.state, limit, offset))), limit, offset };
  }

  /** Cancels a running job: its pending items are cancelled, those under way finish. */
  async cancel(id: number, actor: Actor) {
    await this.db.transaction(async (tx) => {
      const j = await repo.getJob(tx, id, true);
      if (!j) throw jobNotFound(id);
      if (j.state !== 'running') throw jobFinished(id, j.state);
      const after = await repo.cancelJob(tx, id);
      await insertEvent(tx, 'bulk_job.finished', j.tenant_id, finishedData(after));
      await recordAudit(tx, actor, {
        tenantId: j.tenant_id,
        action: 'bulk_job.cancel',
        entityType: 'bulk_job',
        entityId: String(id),
        before: { state: j.state, done: j.done, skipped: j.skipped, failed: j.failed },
        after: { state: after.state, cancelled: after.cancelled },
      });
    });
    return this.get(id);
  }

  /** One pass of the runner: what is due of the jobs' items, until `budgetMs` is spent. Safe in every replica. */
  tick(budgetMs = 2000) {
    return this.work.drain(MAX_ITEMS, budgetMs);
  }

  /** One item, as the engine hands it over (claimed by this process, its lease renewed while it runs). */
  private async runItem({ item, done }: WorkContext<ItemRef>) {
    const { job_id: jobId, seq } = item.payload;
    const job = await this.db.run((h) => repo.getJob(h, jobId));
    const open = await this.db.run((h) => repo.itemOf(h, jobId, seq));
    if (!job || !open || (open.state !== 'pending' && open.state !== 'running')) return { detail: 'finished before it ran' };
    const actor: Actor = { actor: itemActor(jobId, seq), requestId: `job-${jobId}` };
    // Taken over from a process that stopped: its action may have committed (its audit entry says so).
    if (item.takenOver && open.state === 'running' && open.claimed_at) {
      const committed = await this.db.run((h) => auditedSince(h, actor.actor, new Date(open.claimed_at as string)));
      if (committed) {
        const f: repo.Finished = {
          seq,
          state: 'done',
          reason: 'its action had committed when its process stopped',
          result: null,
        };
        return this.finish(job, f, null, true, done);
      }
    }
    // A job cancelled meanwhile: what is not under way yet is cancelled.
    if (open.job_state === 'cancelled') {
      const f: repo.Finished = { seq, state: 'cancelled', reason: 'the job was cancelled', result: null };
      return this.finish(job, f, null, item.takenOver, done);
    }
    const started = await this.db.run((h) => repo.startItem(h, jobId, seq, this.me));
    if (!started) return { detail: 'finished before it ran' };
    let outcome: Outcome | { state: 'failed'; reason: string; result?: unknown };
    try {
      const ctx = { tenantId: job.tenant_id, scope: job.tenant_id, params: job.params as JobParams, actor };
      outcome = await actionOf(job.action).run(this.ports, started, ctx);
    } catch (e) {
      outcome = { state: 'failed', reason: errorText(e) };
    }
    const f: repo.Finished = { seq, state: outcome.state, reason: outcome.reason ?? null, result: outcome.result ?? null };
    return this.finish(job, f, this.me, item.takenOver, done);
  }

  /** An item's end, its audit entry, the job's when it was the last, and the work item's — one commit. */
  private async finish(
    job: repo.JobRow,
    f: repo.Finished,
    by: string | null,
    recovered: boolean,
    done: WorkContext<ItemRef>['done'],
  ) {
    await this.db.transaction(async (tx) => {
      await finishAudited(tx, job, by, [f], recovered);
      await this.complete(tx, job.id);
      await done(tx, { state: f.state });
    });
    return undefined;
  }

  /** An item whose processes stopped on it MAX_ATTEMPTS times fails (in the engine's transaction). */
  private async abandon(tx: Sql, ref: ItemRef, error: string) {
    const job = await repo.getJob(tx, ref.job_id);
    if (!job) return;
    await finishAudited(tx, job, null, [{ seq: ref.seq, state: 'failed', reason: error, result: null }], true);
    await this.complete(tx, job.id);
  }

  private async complete(tx: Parameters<typeof repo.completeIfDone>[0], jobId: number) {
    const doneJob = await repo.completeIfDone(tx, jobId);
    if (doneJob) await insertEvent(tx, 'bulk_job.finished', doneJob.tenant_id, finishedData(doneJob));
  }

  /** The action (allowed for the key's role), its parameters and the objects the selector names. */
  private async resolve(input: JobInput, role: Role | null, scope: TenantScope) {
    const tenantId = writeTenant(scope, input.tenant_id);
    const action = actionOf(input.action);
    if (role && !allows(role, action.access)) throw forbidden(role, `${action.access} (for ${input.action})`);
    checkParams(input.action, input.params ?? {});
    if (!(await this.db.run((h) => tenantExists(h, tenantId)))) throw tenantNotFound(tenantId);
    await this.checkGroups(input, tenantId);
    const s = input.selector;
    const given = (['group_id', 'filter', 'cards', 'clients', 'client_tag'] as const).filter((k) => s[k] !== undefined);
    if (given.length !== 1)
      throw invalid('a selector names one of group_id, filter, cards, clients, client_tag', { field: 'selector' });
    if (s.filter && Object.keys(s.filter).length === 0)
      throw invalid('a filter names at least one of mcc_mnc, bank_id, tag, pool_id, state', { field: 'selector.filter' });
    const clientsGiven = s.clients !== undefined || s.client_tag !== undefined;
    let cards: { bank_id: number; slot_id: number }[] | undefined;
    let clients: string[] | undefined;
    if (s.group_id !== undefined) cards = await this.ports.groups.cardsOf(tenantId, { group_id: s.group_id }, MAX_ITEMS);
    else if (s.filter) cards = await this.ports.groups.cardsOf(tenantId, { filter: s.filter }, MAX_ITEMS);
    else if (s.cards) {
      const listed = [...new Map(s.cards.map((c) => [`${c.bank_id}/${c.slot_id}`, c])).values()];
      cards = await this.db.run((h) => repo.cardsOfTenant(h, tenantId, listed));
      const known = new Set(cards.map((c) => `${c.bank_id}/${c.slot_id}`));
      const unknown = listed.map((c) => `${c.bank_id}/${c.slot_id}`).filter((k) => !known.has(k));
      if (unknown.length)
        throw invalid(`not cards of tenant ${tenantId}: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ', …' : ''}`, {
          field: 'selector.cards',
        });
    } else if (s.clients) {
      clients = [...new Set(s.clients)];
      // Ids the tenant has never had a profile for (another tenant's, or none) are refused, as
      // foreign cards and groups are: a job acts inside its tenant only.
      const known = new Set(await this.db.run((h) => repo.clientsOfTenant(h, tenantId, clients ?? [])));
      const unknown = clients.filter((c) => !known.has(c));
      if (unknown.length)
        throw invalid(
          `not clients of tenant ${tenantId}: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ', …' : ''}`,
          {
            field: 'selector.clients',
          },
        );
    } else clients = await this.ports.groups.clientsTagged(tenantId, s.client_tag as string, MAX_ITEMS);
    if (action.target === 'card' && clientsGiven)
      cards = await this.db.run((h) => repo.cardsOfClients(h, tenantId, clients ?? []));
    if (action.target === 'client' && !clientsGiven)
      clients = await this.db.run((h) => repo.clientsOnCards(h, tenantId, cards ?? []));
    const targets = action.target === 'card' ? { cards: cards ?? [] } : { clients: clients ?? [] };
    const n = (targets.cards ?? targets.clients ?? []).length;
    if (n > MAX_ITEMS)
      throw invalid(`the selector names more than ${MAX_ITEMS.toLocaleString('en')} objects: narrow it`, { field: 'selector' });
    return { targets, action };
  }

  /** The groups an action names must be explicit groups of the tenant. */
  private async checkGroups(input: JobInput, tenantId: number) {
    for (const field of ['group_id', 'from_group_id'] as const) {
      const id = input.params?.[field];
      if (id === undefined) continue;
      const g = await this.ports.groups.get(id);
      if (g.tenant_id !== tenantId)
        throw invalid(`group ${id} is not a group of tenant ${tenantId}`, { field: `params.${field}` });
      if (g.kind !== 'explicit')
        throw invalid(`group ${id} is a filter group: its cards follow its filter`, { field: `params.${field}` });
    }
  }
}

const itemActor = (jobId: number, seq: number) => `job:${jobId}/${seq}`;

/** Finishes items (those `by` still holds; any, for null) with an audit entry each. */
async function finishAudited(
  tx: Parameters<typeof repo.finishItems>[0],
  job: repo.JobRow,
  by: string | null,
  items: repo.Finished[],
  recovered: boolean,
) {
  const kept = await repo.finishItems(tx, job.id, by, items);
  for (const k of kept) {
    const f = items.find((i) => i.seq === k.seq) as repo.Finished;
    await recordAudit(
      tx,
      { actor: itemActor(job.id, f.seq), requestId: `job-${job.id}` },
      {
        tenantId: job.tenant_id,
        action: 'bulk_job.item',
        entityType: 'bulk_job',
        entityId: String(job.id),
        after: { seq: f.seq, action: job.action, state: f.state, reason: f.reason, result: f.result, recovered },
      },
    );
  }
}

const finishedData = (j: repo.JobRow) => ({
  job_id: j.id,
  action: j.action,
  state: j.state,
  total: j.total,
  done: j.done,
  skipped: j.skipped,
  failed: j.failed,
  cancelled: j.cancelled,
});

/** A job as the API shows it: its counters, what is open, and how far it is. */
function withProgress(j: repo.JobRow, open: { pending: number; running: number } | null) {
  const finished = j.done + j.skipped + j.failed + j.cancelled;
  return {
    ...j,
    pending: open?.pending ?? 0,
    running: open?.running ?? 0,
    progress: j.total === 0 ? 1 : Math.round((finished / j.total) * 1000) / 1000,
  };
}
