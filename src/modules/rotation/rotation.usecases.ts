// SIM rotation: a policy moves the card behind each client of its cards when a trigger holds
// (its schedule's latest occurrence came after the client took its card; its card used a share
// of its plan's allowance; its card's last valid day is near; days on one card), only within the
// maintenance window, to the least used free card of the same carrier (another only when
// allowed) on the same remsim-server. The move is the reassign an operator makes: the router
// keeps its RSPRO identity and only the bank side of the remsim-server map changes, so the
// reconciler carries it out without touching the router. Each rotation is an event
// (client.rotated), an audit entry with the card before and after, and a row of the history.
import { type Database, uniqueOr } from '../../app/database.js';
import { isoOf } from '../../app/timestamps.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError, invalid, tenantNotFound } from '../../domain/errors.js';
import { ALL_TENANTS, readTenant, type TenantScope, writeTenant } from '../../domain/tenant-scope.js';
import { recordAudit } from '../audit/index.js';
import { type ClientsService, clientNotFound } from '../clients/index.js';
import { insertEvent } from '../events/index.js';
import type { GroupsService } from '../groups/index.js';
import { tenantExists } from '../inventory/index.js';
import { rotationBusy, rotationPolicyExists, rotationPolicyNotFound } from './rotation.errors.js';
import * as repo from './rotation.repository.js';
import { inWindow, lastOccurrence, type RotationWindow, scheduleProblem, timezoneProblem } from './rotation.schedule.js';

export interface PolicyInput {
  tenant_id: number;
  group_id?: number | null;
  name: string;
  enabled?: boolean;
  schedule?: string | null;
  usage_percent?: number | null;
  validity_days?: number | null;
  max_days_on_card?: number | null;
  window?: RotationWindow | null;
  timezone?: string;
  allow_other_carrier?: boolean;
  max_per_run?: number;
}

/** A pass holds a policy this long at most (a process that stops frees it then). */
const HOLD_SEC = 300;
const MAX_CARDS = 100_000;

export interface RotationOutcome {
  client_id: string;
  trigger: string;
  result: 'rotated' | 'failed';
  from: { bank_id: number; slot_id: number };
  to?: { bank_id: number; slot_id: number };
  reason?: string;
}

const errorText = (e: unknown) => (e instanceof DomainError ? `${e.code}: ${e.message}` : String(e));

export class RotationService {
  constructor(
    private readonly db: Database,
    private readonly clients: ClientsService,
    private readonly groups: GroupsService,
  ) {}

  list(f: { tenant_id?: number; limit?: number; offset?: number }, scope: TenantScope) {
    const limit = f.limit ?? 50;
    const offset = f.offset ?? 0;
    return this.db.run(async (h) => ({
      ...(await repo.listPolicies(h, readTenant(scope, f.tenant_id), limit, offset)),
      limit,
      offset,
    }));
  }

  async get(id: number) {
    const p = await this.db.run((h) => repo.getPolicy(h, id));
    if (!p) throw rotationPolicyNotFound(id);
    return p;
  }

  async create(input: PolicyInput, actor: Actor, scope: TenantScope) {
    writeTenant(scope, input.tenant_id);
    const values = await this.values(input.tenant_id, input);
    const id = await uniqueOr(
      () => rotationPolicyExists(values.name),
      () =>
        this.db.transaction(async (tx) => {
          if (!(await tenantExists(tx, input.tenant_id))) throw tenantNotFound(input.tenant_id);
          const id = await repo.insertPolicy(tx, input.tenant_id, values);
          await recordAudit(tx, actor, {
            tenantId: input.tenant_id,
            action: 'rotation_policy.create',
            entityType: 'rotation_policy',
            entityId: String(id),
            after: values,
          });
          return id;
        }),
    );
    return this.get(id);
  }

  async update(id: number, patch: Partial<Omit<PolicyInput, 'tenant_id'>>, actor: Actor) {
    const before = await this.get(id);
    const merged: PolicyInput = { ...before, ...stripUndefined(patch), tenant_id: before.tenant_id };
    const values = await this.values(before.tenant_id, merged);
    await uniqueOr(
      () => rotationPolicyExists(values.name),
      () =>
        this.db.transaction(async (tx) => {
          await repo.updatePolicy(tx, id, values, values.schedule !== before.schedule || values.timezone !== before.timezone);
          await recordAudit(tx, actor, {
            tenantId: before.tenant_id,
            action: 'rotation_policy.update',
            entityType: 'rotation_policy',
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
      await repo.deletePolicy(tx, id);
      await recordAudit(tx, actor, {
        tenantId: before.tenant_id,
        action: 'rotation_policy.delete',
        entityType: 'rotation_policy',
        entityId: String(id),
        before,
      });
    });
    return { status: 'success' as const, message: `Rotation policy ${id} deleted` };
  }

  history(
    f: { tenant_id?: number; client_id?: string; policy_id?: number; limit?: number; offset?: number },
    scope: TenantScope,
  ) {
    const limit = f.limit ?? 50;
    const offset = f.offset ?? 0;
    return this.db.run(async (h) => ({
      ...(await repo.listRotations(
        h,
        { tenantId: readTenant(scope, f.tenant_id), clientId: f.client_id, policyId: f.policy_id },
        limit,
        offset,
      )),
      limit,
      offset,
    }));
  }

  /** Which clients the policy would rotate now and why (its window aside), nothing moved. */
  async preview(id: number, now = new Date()) {
    const p = await this.get(id);
    const { occurrence, cards } = await this.scope(p, now);
    const due = await this.db.run((h) => repo.candidates(h, p.tenant_id, cards, this.triggers(p, occurrence), p.max_per_run));
    return {
      policy_id: id,
      in_window: inWindow(p.window, p.timezone, now),
      schedule_due: occurrence?.toISOString() ?? null,
      due,
    };
  }

  /** "Rotate now": the policy's due clients, whatever its window or switch. */
  async runNow(id: number, actor: Actor) {
    await this.get(id);
    return this.runPolicy(id, { force: true, actor });
  }

  /** One pass of every enabled policy (the rotation job, in every replica: a policy is held by one pass at a time). */
  async run(now = new Date()) {
    const ids = await this.db.run((h) => repo.enabledPolicyIds(h));
    const outcomes: RotationOutcome[] = [];
    for (const id of ids) outcomes.push(...(await this.runPolicy(id, { now })));
    return outcomes;
  }

  /**
   * One pass of a policy: nothing outside its window (unless `force`, "rotate now"); otherwise its
   * due clients, at most max_per_run, each to its best card. A schedule's occurrence is settled
   * once a pass finds no client left on a card taken before it.
   */
  async runPolicy(id: number, o: { now?: Date; force?: boolean; actor?: Actor } = {}) {
    const now = o.now ?? new Date();
    const p = await this.db.run((h) => repo.claimPolicy(h, id, HOLD_SEC, !o.force));
    if (!p) {
      if (o.force) throw rotationBusy(id);
      return [];
    }
    const outcomes: RotationOutcome[] = [];
    let settled: Date | null = null;
    try {
      if (!o.force && !inWindow(p.window, p.timezone, now)) return [];
      const { occurrence, cards } = await this.scope(p, now);
      const due = await this.db.run((h) => repo.candidates(h, p.tenant_id, cards, this.triggers(p, occurrence), p.max_per_run));
      for (const c of due) outcomes.push(await this.rotate(p, c, cards, o.actor));
      // Settled once every client on a card taken before it has moved (a failed one is tried again next pass).
      if (occurrence && due.length < p.max_per_run && outcomes.every((x) => x.result === 'rotated')) settled = occurrence;
      return outcomes;
    } finally {
      await this.db.run((h) => repo.releasePolicy(h, id, settled));
    }
  }

  /** Rotates one client now (a rule's action): to the least used free card of its carrier, as a tenant-wide policy would. */
  async rotateClient(clientId: string, tenantId: number, actor: Actor, why = 'rule') {
    const c = await this.db.run((h) => repo.profileOf(h, tenantId, clientId));
    if (!c) throw clientNotFound(clientId);
    const any = {
      id: null,
      tenant_id: tenantId,
      name: why,
      allow_other_carrier: false,
      usage_percent: null,
      validity_days: null,
    };
    return this.rotate(any, { ...c, trigger: why }, null, actor);
  }

  private async rotate(p: Rotator, c: repo.CandidateRow, cards: repo.Card[] | null, actor?: Actor): Promise<RotationOutcome> {
    const from = { bank_id: c.bank_id, slot_id: c.slot_id };
    const targets = await this.db.run((h) =>
      repo.targets(
        h,
        p.tenant_id,
        from,
        { cards, allowOtherCarrier: p.allow_other_carrier, usagePercent: p.usage_percent, validityDays: p.validity_days },
        5,
      ),
    );
    const why = `rotation (${c.trigger}) by policy ${p.name}`;
    let last = 'no free card of the same carrier on the same remsim-server';
    for (const t of targets) {
      try {
        const r = await this.clients.reassign(
          c.client_id,
          { tenant_id: p.tenant_id, bank_id: t.bank_id, slot_id: t.slot_id, reason: why },
          actor ?? { actor: `rotation:${p.id}` },
          ALL_TENANTS,
        );
        const to = { bank_id: r.to.bank_id, slot_id: r.to.slot_id };
        const detail = {
          used_bytes: c.used_bytes,
          allowance_bytes: c.allowance_bytes,
          valid_until: c.valid_until,
          card_since: c.card_since,
          other_carrier: !t.same_carrier,
        };
        await this.db.transaction(async (tx) => {
          const rotation = {
            tenantId: p.tenant_id,
            policyId: p.id,
            clientId: c.client_id,
            profileId: c.profile_id,
            from,
            to,
            trigger: c.trigger,
            detail,
          };
          await repo.insertRotation(tx, rotation);
          await insertEvent(tx, 'client.rotated', p.tenant_id, {
            profile_id: c.profile_id,
            client_id: c.client_id,
            policy_id: p.id,
            trigger: c.trigger,
            from,
            to,
          });
          await recordAudit(tx, actor ?? { actor: `rotation:${p.id}` }, {
            tenantId: p.tenant_id,
            action: 'client.rotate',
            entityType: 'service_profile',
            entityId: c.profile_id,
            before: from,
            after: { ...to, trigger: c.trigger, policy_id: p.id, ...detail },
          });
        });
        return { client_id: c.client_id, trigger: c.trigger, result: 'rotated', from, to };
      } catch (e) {
        // Taken meanwhile, or the bank went away: the next card.
        if (!(e instanceof DomainError)) throw e;
        last = errorText(e);
      }
    }
    return { client_id: c.client_id, trigger: c.trigger, result: 'failed', from, reason: last };
  }

  /** The cards a policy rotates (its group's; null: every card of the tenant) and its schedule's owed occurrence. */
  private async scope(p: repo.PolicyRow, now: Date) {
    const cards = p.group_id === null ? null : await this.groups.cardsOf(p.tenant_id, { group_id: p.group_id }, MAX_CARDS);
    let occurrence: Date | null = null;
    if (p.schedule) {
      const last = lastOccurrence(p.schedule, p.timezone, now);
      const since = new Date(isoOf(p.last_scheduled_at ?? p.created_at) ?? 0);
      if (last && last > since) occurrence = last;
    }
    return { occurrence, cards };
  }

  private triggers = (p: repo.PolicyRow, occurrence: Date | null): repo.Triggers => ({
    occurrence,
    usagePercent: p.usage_percent,
    validityDays: p.validity_days,
    maxDaysOnCard: p.max_days_on_card,
  });

  private async values(tenantId: number, input: PolicyInput): Promise<repo.PolicyValues> {
    const v: repo.PolicyValues = {
      group_id: input.group_id ?? null,
      name: input.name,
      enabled: input.enabled ?? true,
      schedule: input.schedule?.trim() || null,
      usage_percent: input.usage_percent ?? null,
      validity_days: input.validity_days ?? null,
      max_days_on_card: input.max_days_on_card ?? null,
      window: input.window ?? null,
      timezone: input.timezone ?? 'UTC',
      allow_other_carrier: input.allow_other_carrier ?? false,
      max_per_run: input.max_per_run ?? 50,
    };
    const tzProblem = timezoneProblem(v.timezone);
    if (tzProblem) throw invalid(tzProblem, { field: 'timezone' });
    if (v.schedule) {
      const problem = scheduleProblem(v.schedule, v.timezone);
      if (problem) throw invalid(problem, { field: 'schedule' });
    }
    if (v.schedule === null && v.usage_percent === null && v.validity_days === null && v.max_days_on_card === null)
      throw invalid('a rotation policy needs a trigger: schedule, usage_percent, validity_days or max_days_on_card', {
        field: 'schedule',
      });
    if (v.group_id !== null) {
      const g = await this.groups.get(v.group_id);
      if (g.tenant_id !== tenantId)
        throw invalid(`group ${v.group_id} is not a group of tenant ${tenantId}`, { field: 'group_id' });
    }
    return v;
  }
}

/** What a rotation needs of its policy (a rule's "rotate now" has none: id null). */
type Rotator = Pick<repo.PolicyRow, 'tenant_id' | 'name' | 'allow_other_carrier' | 'usage_percent' | 'validity_days'> & {
  id: number | null;
};

const stripUndefined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
