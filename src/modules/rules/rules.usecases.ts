// Automation rules: create, change, delete (audited), list with their last runs, the execution
// log, and a dry run ("which objects match now, what would happen"). A rule is checked whole when
// it is saved: its event type is one of the catalogue, its expression parses and type-checks
// against that type's payload, its group is the tenant's, and the key's role may do each of its
// actions (a rule acts later, with no key present).
import { type Database, uniqueOr } from '../../app/database.js';
import type { Actor } from '../../domain/actor.js';
import { invalid, tenantNotFound } from '../../domain/errors.js';
import { allows, type Role } from '../../domain/roles.js';
import { readTenant, type TenantScope, writeTenant } from '../../domain/tenant-scope.js';
import { recordAudit } from '../audit/index.js';
import { forbidden } from '../auth/index.js';
import { checkJobParams, ACTIONS as JOB_ACTIONS } from '../bulk-jobs/index.js';
import { EVENT_TYPE_NAMES } from '../events/index.js';
import { tenantExists } from '../inventory/index.js';
import { timezoneProblem } from '../rotation/index.js';
import { accessOf, isJobAction, RULE_ACTION_NAMES, type RuleAction, type RulePorts } from './rules.actions.js';
import type { Conditions, Match, RulesEngine, Trigger } from './rules.engine.js';
import { ruleExists, ruleNotFound } from './rules.errors.js';
import { expressionProblem } from './rules.expression.js';
import * as repo from './rules.repository.js';

export interface RuleInput {
  tenant_id: number;
  name: string;
  enabled?: boolean;
  trigger: Trigger;
  conditions?: Conditions;
  actions: RuleAction[];
  cooldown_sec?: number;
  max_per_hour?: number;
}

export class RulesService {
  constructor(
    private readonly db: Database,
    private readonly ports: RulePorts,
    private readonly engine: RulesEngine,
  ) {}

  list(f: { tenant_id?: number; limit?: number; offset?: number }, scope: TenantScope) {
    const limit = f.limit ?? 50;
    const offset = f.offset ?? 0;
    return this.db.run(async (h) => ({
      ...(await repo.listRules(h, { tenantId: readTenant(scope, f.tenant_id) }, limit, offset)),
      limit,
      offset,
    }));
  }

  async get(id: number) {
    const r = await this.db.run((h) => repo.getRule(h, id));
    if (!r) throw ruleNotFound(id);
    return r;
  }

  async create(input: RuleInput, actor: Actor, role: Role | null, scope: TenantScope) {
    writeTenant(scope, input.tenant_id);
    const values = await this.values(input.tenant_id, input, role);
    const id = await uniqueOr(
      () => ruleExists(values.name),
      () =>
        this.db.transaction(async (tx) => {
          if (!(await tenantExists(tx, input.tenant_id))) throw tenantNotFound(input.tenant_id);
          const id = await repo.insertRule(tx, input.tenant_id, values, actor.actor);
          await recordAudit(tx, actor, {
            tenantId: input.tenant_id,
            action: 'rule.create',
            entityType: 'rule',
            entityId: String(id),
            after: values,
          });
          return id;
        }),
    );
    return this.get(id);
  }

  async update(id: number, patch: Partial<Omit<RuleInput, 'tenant_id'>>, actor: Actor, role: Role | null) {
    const before = await this.get(id);
    const merged: RuleInput = {
      tenant_id: before.tenant_id,
      name: patch.name ?? before.name,
      enabled: patch.enabled ?? before.enabled,
      trigger: patch.trigger ?? (before.trigger as unknown as Trigger),
      conditions: patch.conditions ?? (before.conditions as Conditions),
      actions: patch.actions ?? (before.actions as unknown as RuleAction[]),
      cooldown_sec: patch.cooldown_sec ?? before.cooldown_sec,
      max_per_hour: patch.max_per_hour ?? before.max_per_hour,
    };
    const values = await this.values(before.tenant_id, merged, role);
    await uniqueOr(
      () => ruleExists(values.name),
      () =>
        this.db.transaction(async (tx) => {
          await repo.updateRule(tx, id, values);
          await recordAudit(tx, actor, {
            tenantId: before.tenant_id,
            action: 'rule.update',
            entityType: 'rule',
            entityId: String(id),
            before,
            after: values,
          });
        }),
    );
    return this.get(id);
  }

  async remove(id: number, actor: Actor) {
    const before = await this.get(id);
    await this.db.transaction(async (tx) => {
      await repo.deleteRule(tx, id);
      await recordAudit(tx, actor, {
        tenantId: before.tenant_id,
        action: 'rule.delete',
        entityType: 'rule',
        entityId: String(id),
        before,
      });
    });
    return { status: 'success' as const, message: `Rule ${id} deleted` };
  }

  async runs(id: number, page: { limit?: number; offset?: number }) {
    await this.get(id);
    const limit = page.limit ?? 50;
    const offset = page.offset ?? 0;
    return { rule_id: id, ...(await this.db.run((h) => repo.listRuns(h, id, limit, offset))), limit, offset };
  }

  /**
   * What a rule (saved, or as given) would do now: for an event trigger, over the tenant's latest
   * events of its type; for a measure, over the objects it crosses now. Nothing is written.
   */
  async dryRun(input: RuleInput, role: Role | null, scope: TenantScope) {
    writeTenant(scope, input.tenant_id);
    const v = await this.values(input.tenant_id, input, role);
    const rule: repo.EngineRule = {
      id: 0,
      tenant_id: input.tenant_id,
      name: v.name,
      trigger: v.trigger as unknown as Record<string, unknown>,
      conditions: v.conditions as Record<string, unknown>,
      actions: v.actions as unknown as Record<string, unknown>[],
      cooldown_sec: v.cooldown_sec,
      max_per_hour: v.max_per_hour,
      created_by: 'dry-run',
    };
    const matches: Match[] = await this.db.run(async (h) => {
      if (input.trigger.kind === 'measure') return this.engine.measureMatches(h, [rule], new Date());
      const events = await repo.latestEvents(h, input.tenant_id, [input.trigger.event_type], 200);
      return this.engine.eventMatches(h, [rule], events.reverse());
    });
    const capped = matches.length > v.max_per_hour;
    return {
      dry_run: true as const,
      matched: matches.length,
      would_act_on: Math.min(matches.length, v.max_per_hour),
      as_bulk_job: matches.length > this.engine.inlineMax && v.actions.every((a) => isJobAction(a.type)),
      note: capped ? `max_per_hour (${v.max_per_hour}) would stop it after ${v.max_per_hour}` : null,
      items: matches.slice(0, 50).map((m) => ({
        trigger: m.trigger,
        object: m.objectKey,
        client_id: m.client_id,
        bank_id: m.bank_id,
        slot_id: m.slot_id,
        would: v.actions.map((a) => a.type),
      })),
    };
  }

  /** The dry run of a saved rule (its own checks as saved; no key's role applies). */
  async dryRunSaved(id: number) {
    const r = await this.get(id);
    return this.dryRun(
      {
        tenant_id: r.tenant_id,
        name: r.name,
        trigger: r.trigger as unknown as Trigger,
        conditions: r.conditions as Conditions,
        actions: r.actions as unknown as RuleAction[],
        cooldown_sec: r.cooldown_sec,
        max_per_hour: r.max_per_hour,
      },
      null,
      r.tenant_id,
    );
  }

  private async values(tenantId: number, input: RuleInput, role: Role | null) {
    const t = input.trigger;
    if (t.kind === 'event' && !EVENT_TYPE_NAMES.includes(t.event_type))
      throw invalid(`${t.event_type} is not an event type (GET /event-types)`, { field: 'trigger.event_type' });
    const cond = input.conditions ?? {};
    if (cond.expression) {
      const problem = expressionProblem(cond.expression, t.kind === 'event' ? t.event_type : null);
      if (problem) throw invalid(problem, { field: 'conditions.expression' });
    }
    if (cond.time_window?.timezone) {
      const problem = timezoneProblem(cond.time_window.timezone);
      if (problem) throw invalid(problem, { field: 'conditions.time_window.timezone' });
    }
    if (cond.group_id !== undefined) {
      const g = await this.ports.groups.get(cond.group_id);
      if (g.tenant_id !== tenantId)
        throw invalid(`group ${cond.group_id} is not a group of tenant ${tenantId}`, { field: 'conditions.group_id' });
    }
    for (const [i, a] of input.actions.entries()) {
      if (!RULE_ACTION_NAMES.includes(a.type))
        throw invalid(`${a.type} is not an action (GET /rule-actions)`, { field: `actions[${i}].type` });
      const access = accessOf(a as never);
      if (role && !allows(role, access)) throw forbidden(role, `${access} (for ${a.type})`);
      if (isJobAction(a.type)) checkJobParams(a.type, (a.params ?? {}) as never);
      else if (a.type === 'start_job') {
        const job = (a.params?.job ?? null) as { action?: string } | null;
        if (!job?.action || !(job.action in JOB_ACTIONS))
          throw invalid('start_job needs params.job: { action, params?, selector }', { field: `actions[${i}].params.job` });
        // The job as it would start now: its action, parameters and selector checked (nothing created).
        await this.ports.jobs.dryRun({ ...(job as object), tenant_id: tenantId } as never, role, tenantId);
      } else if (a.params && Object.keys(a.params).length)
        throw invalid(`${a.type} takes no params`, { field: `actions[${i}].params` });
    }
    return {
      name: input.name,
      enabled: input.enabled ?? true,
      trigger: t,
      conditions: cond,
      actions: input.actions,
      cooldown_sec: input.cooldown_sec ?? 3600,
      max_per_hour: input.max_per_hour ?? 60,
    };
  }
}
