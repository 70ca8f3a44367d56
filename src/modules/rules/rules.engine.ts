// The rules engine: every replica runs it; one at a time holds its cursor over the event outbox
// (FOR UPDATE SKIP LOCKED). Under that lock it reads the events after the cursor (stopping at a
// gap a transaction still open may fill), matches them against the enabled rules (trigger,
// conditions, CEL expression), claims each run once per rule and event (a unique index) with the
// object's cooldown and the rule's hourly limit, and moves the cursor — all in one commit, which
// also enqueues each run as a work item of the engine for claimed work (decision 0020). Then it
// acts: each run's actions through the owning modules' use cases, its result logged in the commit
// that ends its work item. More than `inlineMax` runs of one rule in one pass go to a bulk job
// instead of inline (one work item for the share). Measured triggers are evaluated under the same
// lock once a minute. A run whose process stopped while it acted is failed when its claim runs
// out, never repeated (one attempt; decision 0017).
import type { FastifyBaseLogger } from 'fastify';
import type { Database, Sql } from '../../app/database.js';
import { isoOf } from '../../app/timestamps.js';
import type { WorkContext, WorkEngine } from '../../app/work/index.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError } from '../../domain/errors.js';
import { ACTIONS as JOB_ACTIONS } from '../bulk-jobs/index.js';
import { insertEvent, outboxAfter, typeMatches } from '../events/index.js';
import { inWindow, type RotationWindow } from '../rotation/index.js';
import { isJobAction, type RuleAction, type RulePorts } from './rules.actions.js';
import { type CelContext, celContext, holds } from './rules.expression.js';
import * as repo from './rules.repository.js';

export interface Conditions {
  group_id?: number;
  tag?: string;
  mcc_mnc?: string;
  pool_id?: number;
  time_window?: RotationWindow & { timezone?: string };
  expression?: string;
}

export interface EventTrigger {
  kind: 'event';
  event_type: string;
}
export interface MeasureTrigger {
  kind: 'measure';
  measure: 'usage_percent' | 'offline_minutes' | 'signal_rssi' | 'failure_count' | 'cost';
  op: '>=' | '<=';
  value: number;
  window_min?: number;
}
export type Trigger = EventTrigger | MeasureTrigger;

/** A run to act on: its match, and for a rule's bulk share every run of it. */
export interface Run {
  id: number;
  match: Match;
  bulk?: { id: number; match: Match }[];
}

/** A rule's match: the object it acts on and what triggered it. */
export interface Match {
  rule: repo.EngineRule;
  eventId: number | null;
  trigger: unknown;
  objectKey: string;
  client_id: string | null;
  bank_id: number | null;
  slot_id: number | null;
}

export interface EngineSettings {
  /** Events read per pass at most. */
  batch?: number;
  /** More runs than this of one rule in one pass become a bulk job. */
  inlineMax?: number;
  /** Seconds between evaluations of the measured triggers. */
  measureEverySec?: number;
}

/** Whether a rule's conditions need what the database knows of its object (group, tags, carrier, pool). */
const needsContext = (rule: repo.EngineRule) =>
  Object.keys(rule.conditions).some((k) => k !== 'expression' && k !== 'time_window');
const intOf = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : null);

export class RulesEngine {
  private readonly batch: number;
  /** More runs than this of one rule in one pass become a bulk job (the dry run says so too). */
  readonly inlineMax: number;
  private readonly measureEverySec: number;

  private readonly runs;

  constructor(
    private readonly db: Database,
    private readonly ports: RulePorts,
    work: WorkEngine,
    private readonly log?: FastifyBaseLogger,
    settings: EngineSettings = {},
  ) {
    this.batch = settings.batch ?? 2000;
    this.inlineMax = settings.inlineMax ?? 100;
    this.measureEverySec = settings.measureEverySec ?? 60;
    this.runs = work.define<Run>({
      owner: 'rules',
      kind: 'rules.run',
      // Never repeated: an action may have happened before its process stopped (decision 0017).
      maxAttempts: 1,
      leaseSec: 60,
      run: async ({ item, done }) => {
        await this.act(item.payload, done);
      },
      onEscalated: async (tx, item) => {
        const ids = item.payload.bulk?.map((b) => b.id) ?? [item.payload.id];
        for (const id of ids) await repo.failRun(tx, id, 'interrupted: the process stopped while it acted');
      },
    });
  }

  /** Housekeeping (with the events' retention): runs older than the retention go. */
  maintain(retentionSec: number, batch: number) {
    return this.db.run((h) => repo.pruneRuns(h, retentionSec, batch));
  }

  /** One pass of the job: steps while whole batches are read (a backlog drains, bounded). */
  async tick() {
    const total = { events: 0, runs: 0, acted: 0 };
    for (let i = 0; i < 10; i++) {
      const step = await this.step();
      total.events += step.events;
      total.runs += step.runs;
      total.acted += step.acted;
      if (step.events < this.batch) break;
    }
    return total;
  }

  /** One step: claim what the new events (and, when due, the measures) trigger; then act. */
  async step() {
    const claimed = await this.db.transaction(async (tx) => {
      const cursor = await repo.lockCursor(tx);
      if (!cursor) return null;
      const rules = await repo.enabledRules(tx);
      const { events: taken, upTo } = await outboxAfter(tx, cursor, this.batch);
      const eventRules = rules.filter((r) => r.trigger.kind === 'event');
      const matches: Match[] = eventRules.length ? await this.eventMatches(tx, eventRules, taken) : [];
      const now = new Date(isoOf(cursor.now) ?? Date.now());
      const measureDue =
        !cursor.measured_at || now.getTime() - new Date(isoOf(cursor.measured_at) ?? 0).getTime() >= this.measureEverySec * 1000;
      const measureRules = rules.filter((r) => r.trigger.kind === 'measure');
      if (measureDue && measureRules.length) matches.push(...(await this.measureMatches(tx, measureRules, now)));
      const runs = await this.claim(tx, matches);
      await this.enqueue(tx, runs);
      await repo.moveCursor(tx, upTo, measureDue);
      return { runs, events: taken.length };
    });
    // Acts on what is due (this step's runs, and any a stopped process left); nothing when another holds the cursor.
    const acted = await this.runs.drain(10_000, 60_000);
    if (!claimed) return { events: 0, runs: 0, acted };
    return { events: claimed.events, runs: claimed.runs.length, acted };
  }

  /** The rules each event triggers and whose conditions hold. */
  async eventMatches(db: Sql, rules: repo.EngineRule[], events: repo.EventRow[]) {
    const byTenant = new Map<number, repo.EngineRule[]>();
    for (const r of rules) byTenant.set(r.tenant_id, [...(byTenant.get(r.tenant_id) ?? []), r]);
    const candidates: Match[] = [];
    const contexts = new Map<number, { ctx: CelContext; eventType: string; at: Date }>();
    for (const e of events) {
      if (e.tenant_id === null) continue;
      const mine = byTenant.get(e.tenant_id);
      if (!mine) continue;
      const d = (e.data ?? {}) as Record<string, unknown>;
      const client = typeof d.client_id === 'string' ? d.client_id : null;
      const bank = intOf(d.bank_id);
      const slot = intOf(d.slot_id);
      for (const rule of mine) {
        const t = rule.trigger as unknown as EventTrigger;
        if (t.event_type !== e.type && !typeMatches([t.event_type], e.type)) continue;
        let c = contexts.get(e.id);
        if (!c) {
          c = {
            ctx: celContext({ data: e.data, event_type: e.type, tenant_id: e.tenant_id }),
            eventType: e.type,
            at: new Date(isoOf(e.created_at) ?? Date.now()),
          };
          contexts.set(e.id, c);
        }
        // Most events meet no rule: what needs nothing from the database is decided here.
        const cond = rule.conditions as Conditions;
        if (!needsContext(rule)) {
          if (cond.time_window && !inWindow(cond.time_window, cond.time_window.timezone ?? 'UTC', c.at)) continue;
          const object = client
            ? `client:${client}`
            : bank !== null && slot !== null
              ? `card:${bank}/${slot}`
              : `tenant:${e.tenant_id}`;
          if (cond.expression && !holds(cond.expression, e.type, c.ctx, object).ok) continue;
        }
        candidates.push({
          rule,
          eventId: e.id,
          trigger: { event_id: e.id, event_type: e.type },
          objectKey: client
            ? `client:${client}`
            : bank !== null && slot !== null
              ? `card:${bank}/${slot}`
              : `tenant:${e.tenant_id}`,
          client_id: client,
          bank_id: slot === null ? null : bank,
          slot_id: bank === null ? null : slot,
        });
      }
    }
    return this.filter(
      db,
      candidates,
      (m) => contexts.get(m.eventId as number) as { ctx: CelContext; eventType: string; at: Date },
    );
  }

  /** The objects each measured trigger crosses now and whose conditions hold. */
  async measureMatches(db: Sql, rules: repo.EngineRule[], now: Date) {
    const candidates: (Match & { value: number })[] = [];
    for (const rule of rules) {
      const t = rule.trigger as unknown as MeasureTrigger;
      for (const row of await repo.measured(db, rule.tenant_id, t.measure, t.op, t.value, t.window_min ?? 60))
        candidates.push({
          rule,
          eventId: null,
          trigger: { measure: t.measure, value: row.value },
          objectKey: row.object_key,
          client_id: row.client_id,
          bank_id: row.bank_id,
          slot_id: row.slot_id,
          value: row.value,
        });
    }
    return this.filter(db, candidates, (m) => ({
      ctx: celContext({ data: {}, event_type: '', tenant_id: m.rule.tenant_id, value: (m as Match & { value: number }).value }),
      eventType: null,
      at: now,
    }));
  }

  /** Fills in the card of a client and the client of a card, then keeps the matches whose conditions hold. */
  async filter(db: Sql, candidates: Match[], ctxOf: (m: Match) => { ctx: CelContext; eventType: string | null; at: Date }) {
    const needs = (m: Match) => needsContext(m.rule);
    const clients = await repo.clientContext(
      db,
      candidates
        .filter((m) => m.client_id && (m.bank_id === null || needs(m)))
        .map((m) => ({ tenant_id: m.rule.tenant_id, client_id: m.client_id as string })),
    );
    const clientOf = new Map(clients.map((c) => [`${c.tenant_id}/${c.client_id}`, c]));
    for (const m of candidates) {
      const c = m.client_id ? clientOf.get(`${m.rule.tenant_id}/${m.client_id}`) : undefined;
      if (c && m.bank_id === null && c.bank_id !== null) {
        m.bank_id = c.bank_id;
        m.slot_id = c.slot_id;
      }
    }
    const cards = await repo.cardContext(
      db,
      candidates
        .filter((m) => m.bank_id !== null && (needs(m) || m.client_id === null))
        .map((m) => ({ bank_id: m.bank_id as number, slot_id: m.slot_id as number })),
    );
    const cardOf = new Map(cards.map((c) => [`${c.bank_id}/${c.slot_id}`, c]));
    const kept: Match[] = [];
    for (const m of candidates) {
      const card = m.bank_id !== null ? cardOf.get(`${m.bank_id}/${m.slot_id}`) : undefined;
      if (!m.client_id && card?.client_id) m.client_id = card.client_id;
      const cond = m.rule.conditions as Conditions;
      const client = m.client_id ? clientOf.get(`${m.rule.tenant_id}/${m.client_id}`) : undefined;
      if (cond.group_id !== undefined && !card?.groups.includes(cond.group_id)) continue;
      if (cond.tag !== undefined && !card?.tags.includes(cond.tag) && !client?.tags.includes(cond.tag)) continue;
      if (cond.mcc_mnc !== undefined && card?.mcc_mnc !== cond.mcc_mnc) continue;
      if (cond.pool_id !== undefined && card?.pool_id !== cond.pool_id) continue;
      const ctx = ctxOf(m);
      if (cond.time_window && !inWindow(cond.time_window, cond.time_window.timezone ?? 'UTC', ctx.at)) continue;
      if (cond.expression && !holds(cond.expression, ctx.eventType, ctx.ctx, m.objectKey).ok) continue;
      kept.push(m);
    }
    return kept;
  }

  /**
   * Logs a run per match: pending (to act) when the object is not cooling down and the rule is
   * under its hourly limit; once per rule and event. A rule with more than `inlineMax` runs to
   * act in this pass hands them to bulk jobs.
   */
  async claim(tx: Sql, matches: Match[]) {
    if (matches.length === 0) return [];
    const used = await repo.runsLastHour(tx, [...new Set(matches.map((m) => m.rule.id))]);
    const pending: { id: number; match: Match }[] = [];
    for (const m of matches) {
      const n = used.get(m.rule.id) ?? 0;
      const limited = n >= m.rule.max_per_hour;
      const run = await repo.insertRun(
        tx,
        {
          ruleId: m.rule.id,
          tenantId: m.rule.tenant_id,
          eventId: m.eventId,
          trigger: m.trigger,
          objectKey: m.objectKey,
          result: limited ? 'limited' : 'pending',
          reason: limited ? `the rule acted ${n} times within the hour (max_per_hour ${m.rule.max_per_hour})` : null,
        },
        m.rule.cooldown_sec,
      );
      if (run?.result === 'pending') {
        used.set(m.rule.id, n + 1);
        pending.push({ id: run.id, match: m });
      }
    }
    // Many objects at once: a bulk job per action, not inline.
    const byRule = new Map<number, typeof pending>();
    for (const p of pending) byRule.set(p.match.rule.id, [...(byRule.get(p.match.rule.id) ?? []), p]);
    const inline: typeof pending = [];
    for (const [, list] of byRule) {
      const rule = (list[0] as (typeof pending)[number]).match.rule;
      const actions = rule.actions as unknown as RuleAction[];
      if (list.length <= this.inlineMax || !actions.every((a) => isJobAction(a.type))) {
        inline.push(...list);
        continue;
      }
      list.forEach((p) => {
        p.match.trigger = { ...(p.match.trigger as object), bulk: true };
      });
      inline.push(...list.map((p) => ({ ...p, bulk: list })));
    }
    return inline;
  }

  /** Each run a work item (a rule's bulk share one item, started by its first run), in the claim's transaction. */
  private async enqueue(tx: Sql, runs: Run[]) {
    for (const r of runs) {
      if (r.bulk && r.bulk[0]?.id !== r.id) continue;
      await this.runs.enqueue(tx, {
        object: r.bulk ? `rule:${r.match.rule.id}` : r.match.objectKey,
        tenantId: r.match.rule.tenant_id,
        key: `run:${r.id}`,
        payload: r,
      });
    }
  }

  /** Carries out a run's actions in order; its result logged with the work item's end. A rule's bulk share starts its jobs once. */
  async act(run: Run, done: WorkContext<Run>['done']) {
    const { match: m } = run;
    const actor: Actor = { actor: `rule:${m.rule.id}` };
    if (run.bulk) return this.startJobs(run.bulk, actor, done);
    const results: unknown[] = [];
    let failed: string | null = null;
    for (const a of m.rule.actions as unknown as RuleAction[]) {
      try {
        results.push({ type: a.type, ...(await this.one(a, m, actor)) });
      } catch (e) {
        failed = e instanceof DomainError ? `${e.code}: ${e.message}` : 'INTERNAL_ERROR: unexpected error';
        if (!(e instanceof DomainError)) this.log?.error({ err: e, rule: m.rule.id }, 'rule action failed');
        results.push({ type: a.type, state: 'failed', reason: failed });
        break;
      }
    }
    await this.db.transaction(async (tx) => {
      await repo.finishRun(tx, run.id, failed ? 'failed' : 'done', results, failed);
      await done(tx, { result: failed ? 'failed' : 'done' });
    });
  }

  private async one(a: RuleAction, m: Match, actor: Actor): Promise<Record<string, unknown>> {
    const tenantId = m.rule.tenant_id;
    if (a.type === 'notify') {
      await this.db.transaction((tx) =>
        insertEvent(tx, 'rule.fired', tenantId, {
          rule_id: m.rule.id,
          rule_name: m.rule.name,
          event_id: m.eventId,
          object: m.objectKey,
          client_id: m.client_id,
          bank_id: m.bank_id,
          slot_id: m.slot_id,
        }),
      );
      return { state: 'done' };
    }
    if (a.type === 'rotate_now') {
      if (!m.client_id) return { state: 'skipped', reason: 'no client to rotate' };
      const r = await this.ports.rotation.rotateClient(m.client_id, tenantId, actor, `rule ${m.rule.name}`);
      return { state: r.result === 'rotated' ? 'done' : 'failed', reason: r.reason ?? null, to: r.to ?? null };
    }
    if (a.type === 'start_job') {
      const job = a.params?.job as Parameters<RulePorts['jobs']['create']>[0];
      const j = await this.ports.jobs.create({ ...job, tenant_id: tenantId }, actor, null, tenantId);
      return { state: 'done', job_id: j.id };
    }
    const action = JOB_ACTIONS[a.type];
    const item = { client_id: m.client_id, bank_id: m.bank_id, slot_id: m.slot_id };
    if (action.target === 'client' && !item.client_id) return { state: 'skipped', reason: 'no client' };
    if (action.target === 'card' && item.bank_id === null) return { state: 'skipped', reason: 'no card' };
    const r = await action.run(this.ports, item, { tenantId, actor, scope: tenantId, params: a.params ?? {} });
    return { state: r.state, reason: r.reason ?? null };
  }

  private async startJobs(share: { id: number; match: Match }[], actor: Actor, done: WorkContext<Run>['done']) {
    const rule = (share[0] as { match: Match }).match.rule;
    const jobs: number[] = [];
    let failed: string | null = null;
    for (const a of rule.actions as unknown as RuleAction[]) {
      const target = JOB_ACTIONS[a.type as keyof typeof JOB_ACTIONS].target;
      const selector =
        target === 'client'
          ? { clients: [...new Set(share.map((s) => s.match.client_id).filter((c): c is string => !!c))] }
          : {
              cards: [
                ...new Map(
                  share
                    .filter((s) => s.match.bank_id !== null)
                    .map((s) => [
                      `${s.match.bank_id}/${s.match.slot_id}`,
                      { bank_id: s.match.bank_id as number, slot_id: s.match.slot_id as number },
                    ]),
                ).values(),
              ],
            };
      try {
        const j = await this.ports.jobs.create(
          {
            tenant_id: rule.tenant_id,
            action: a.type as keyof typeof JOB_ACTIONS,
            params: a.params ?? {},
            selector,
            reason: `rule ${rule.name}: ${share.length} objects at once`,
          },
          actor,
          null,
          rule.tenant_id,
        );
        jobs.push(j.id);
      } catch (e) {
        failed = e instanceof DomainError ? `${e.code}: ${e.message}` : 'INTERNAL_ERROR: unexpected error';
        break;
      }
    }
    await this.db.transaction(async (tx) => {
      for (const s of share)
        await repo.finishRun(tx, s.id, failed ? 'failed' : 'job', { jobs }, failed ?? `handed to bulk job(s) ${jobs.join(', ')}`);
      await done(tx, { result: failed ? 'failed' : 'job', jobs });
    });
  }
}
