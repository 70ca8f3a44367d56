// SIM plans: allowance, cycle and costs per tenant, thresholds on a plan or a card, and a card's
// own settings (its plan over the carrier default, its validity end). A plan applies to a card
// in one resolution order (ionmesh_card_plans, db/functions/90-usage-plans.sql): the card's own,
// else its carrier's default. A change of cycle rebuilds the affected cards' cycles.
import { type Database, type Sql, uniqueOr } from '../../app/database.js';
import type { Actor } from '../../domain/actor.js';
import { invalid, tenantNotFound } from '../../domain/errors.js';
import { readTenant, type TenantScope, writeTenant } from '../../domain/tenant-scope.js';
import { recordAudit } from '../audit/index.js';
import { tenantExists } from '../inventory/index.js';
import { planExists, planInUse, planNotFound } from './plans.errors.js';
import * as repo from './plans.repository.js';
import { recheckAll } from './thresholds.repository.js';

export const MB = 1_000_000;

export interface ThresholdInput {
  percent: number;
  action: 'event' | 'disable_and_move' | 'command';
  command_type?: string;
  command_payload?: Record<string, unknown>;
  enabled?: boolean;
}

export interface PlanInput {
  tenant_id: number;
  name: string;
  mcc_mnc?: string | null;
  carrier_default?: boolean;
  allowance_mb?: number | null;
  cycle_day?: number;
  cost_per_mb?: number;
  overage_cost_per_mb?: number;
  monthly_fee?: number;
  currency?: string;
  thresholds?: ThresholdInput[];
}

export interface CardSettingsInput {
  plan_id?: number | null;
  valid_until?: string | null;
  thresholds?: ThresholdInput[];
}

/** The thresholds' own rules, beyond their schema: one per percent and action. */
function checkThresholds(list: ThresholdInput[] | undefined) {
  if (!list) return;
  const seen = new Set<string>();
  for (const [i, t] of list.entries()) {
    const key = `${t.percent}:${t.action}`;
    if (seen.has(key)) throw invalid(`thresholds[${i}] repeats ${t.percent} % ${t.action}`, { field: `thresholds[${i}]` });
    seen.add(key);
    if ((t.action === 'command') !== (t.command_type !== undefined))
      throw invalid(`thresholds[${i}]: command_type is given with action command, and only then`, {
        field: `thresholds[${i}].command_type`,
      });
  }
}

const view = (p: repo.PlanRow, thresholds: repo.ThresholdRow[], priced: Map<number, number>) => ({
  ...p,
  cards_priced: priced.get(p.id) ?? 0,
  allowance_mb: p.allowance_bytes === null ? null : p.allowance_bytes / MB,
  thresholds: thresholds.map(({ plan_id: _p, bank_id: _b, slot_id: _s, ...t }) => t),
});

export class PlansService {
  constructor(private readonly db: Database) {}

  list(f: { tenant_id?: number; limit?: number; offset?: number }, scope: TenantScope) {
    const limit = f.limit ?? 50;
    const offset = f.offset ?? 0;
    return this.db.run(async (db) => {
      const page = await repo.listPlans(db, readTenant(scope, f.tenant_id), limit, offset);
      const priced = await repo.pricedCards(
        db,
        page.items.map((p) => p.tenant_id),
      );
      const items = [];
      for (const p of page.items) items.push(view(p, await repo.thresholdsOf(db, { planId: p.id }), priced));
      return { items, total: page.total, limit, offset };
    });
  }

  get = (id: number) => this.db.run((db) => this.read(db, id));

  private async read(db: Sql, id: number) {
    const p = await repo.getPlan(db, id);
    if (!p) throw planNotFound(id);
    return view(p, await repo.thresholdsOf(db, { planId: id }), await repo.pricedCards(db, [p.tenant_id]));
  }

  create(input: PlanInput, actor: Actor, scope: TenantScope) {
    writeTenant(scope, input.tenant_id);
    const values = this.values(input);
    checkThresholds(input.thresholds);
    return uniqueOr(
      () => planExists(input.name),
      () =>
        this.db.transaction(async (tx) => {
          if (!(await tenantExists(tx, input.tenant_id))) throw tenantNotFound(input.tenant_id);
          const id = await repo.insertPlan(tx, input.tenant_id, values);
          await repo.replaceThresholds(tx, input.tenant_id, { planId: id }, input.thresholds ?? []);
          await recheckAll(tx);
          if (values.carrier_default && values.mcc_mnc)
            await repo.recycleCards(tx, { tenantId: input.tenant_id, mccMnc: values.mcc_mnc });
          const p = await this.read(tx, id);
          await recordAudit(tx, actor, {
            tenantId: input.tenant_id,
            action: 'plan.create',
            entityType: 'sim_plan',
            entityId: String(id),
            after: p,
          });
          return p;
        }),
    );
  }

  async update(id: number, patch: Partial<Omit<PlanInput, 'tenant_id'>>, actor: Actor) {
    const before = await this.get(id);
    const values = this.values({
      tenant_id: before.tenant_id,
      name: patch.name ?? before.name,
      mcc_mnc: patch.mcc_mnc === undefined ? before.mcc_mnc : patch.mcc_mnc,
      carrier_default: patch.carrier_default ?? before.carrier_default,
      allowance_mb: patch.allowance_mb === undefined ? before.allowance_mb : patch.allowance_mb,
      cycle_day: patch.cycle_day ?? before.cycle_day,
      cost_per_mb: patch.cost_per_mb ?? before.cost_per_mb,
      overage_cost_per_mb: patch.overage_cost_per_mb ?? before.overage_cost_per_mb,
      monthly_fee: patch.monthly_fee ?? before.monthly_fee,
      currency: patch.currency ?? before.currency,
    });
    checkThresholds(patch.thresholds);
    return uniqueOr(
      () => planExists(values.name),
      () =>
        this.db.transaction(async (tx) => {
          await repo.updatePlan(tx, id, values);
          if (patch.thresholds) await repo.replaceThresholds(tx, before.tenant_id, { planId: id }, patch.thresholds);
          const cycleMoved =
            values.cycle_day !== before.cycle_day ||
            values.carrier_default !== before.carrier_default ||
            values.mcc_mnc !== before.mcc_mnc;
          if (cycleMoved) await this.recyclePlanCards(tx, id, before, values);
          await recheckAll(tx);
          const p = await this.read(tx, id);
          await recordAudit(tx, actor, {
            tenantId: before.tenant_id,
            action: 'plan.update',
            entityType: 'sim_plan',
            entityId: String(id),
            before,
            after: p,
          });
          return p;
        }),
    );
  }

  async remove(id: number, actor: Actor) {
    const before = await this.get(id);
    if (before.cards > 0) throw planInUse(id, before.cards);
    await this.db.transaction(async (tx) => {
      await repo.deletePlan(tx, id);
      if (before.carrier_default && before.mcc_mnc)
        await repo.recycleCards(tx, { tenantId: before.tenant_id, mccMnc: before.mcc_mnc });
      await recordAudit(tx, actor, {
        tenantId: before.tenant_id,
        action: 'plan.delete',
        entityType: 'sim_plan',
        entityId: String(id),
        before,
      });
    });
    return { status: 'success' as const, message: `Plan ${id} deleted` };
  }

  /** A card's own settings and thresholds (the route has checked the card's tenant). */
  cardSettings(bankId: number, slotId: number) {
    return this.db.run(async (db) => {
      const s = await repo.cardSettings(db, bankId, slotId);
      const tenantId = s?.tenant_id ?? (await repo.tenantOfBank(db, bankId));
      const thresholds = await repo.thresholdsOf(db, { bankId, slotId });
      return {
        bank_id: bankId,
        slot_id: slotId,
        tenant_id: tenantId,
        plan_id: s?.plan_id ?? null,
        valid_until: s?.valid_until ?? null,
        thresholds: thresholds.map(({ plan_id: _p, bank_id: _b, slot_id: _s, ...t }) => t),
      };
    });
  }

  async putCardSettings(bankId: number, slotId: number, input: CardSettingsInput, actor: Actor) {
    checkThresholds(input.thresholds);
    const before = await this.cardSettings(bankId, slotId);
    const tenantId = before.tenant_id as number;
    await this.db.transaction(async (tx) => {
      const planId = input.plan_id === undefined ? before.plan_id : input.plan_id;
      if (planId !== null) {
        const plan = await repo.getPlan(tx, planId);
        // A plan of another tenant is answered as one that does not exist.
        if (!plan || plan.tenant_id !== tenantId) throw planNotFound(planId);
      }
      await repo.putCardSettings(
        tx,
        { bankId, slotId, tenantId },
        { plan_id: planId, valid_until: input.valid_until === undefined ? before.valid_until : input.valid_until },
      );
      if (input.thresholds) await repo.replaceThresholds(tx, tenantId, { bankId, slotId }, input.thresholds);
      if (planId !== before.plan_id) await repo.recycleCards(tx, { bankId, slotId });
      await recheckAll(tx);
      await recordAudit(tx, actor, {
        tenantId,
        action: 'sim_card.usage_settings',
        entityType: 'slot',
        entityId: `${bankId}/${slotId}`,
        before,
        after: { ...input, plan_id: planId },
      });
    });
    return this.cardSettings(bankId, slotId);
  }

  private async recyclePlanCards(
    tx: Sql,
    id: number,
    before: { tenant_id: number; carrier_default: boolean; mcc_mnc: string | null },
    after: repo.PlanValues,
  ) {
    for (const c of await repo.cardsOfPlan(tx, id)) await repo.recycleCards(tx, { bankId: c.bank_id, slotId: c.slot_id });
    for (const p of [before, { ...after, tenant_id: before.tenant_id }])
      if (p.carrier_default && p.mcc_mnc) await repo.recycleCards(tx, { tenantId: before.tenant_id, mccMnc: p.mcc_mnc });
  }

  private values(input: PlanInput): repo.PlanValues {
    const carrierDefault = input.carrier_default ?? false;
    const mccMnc = input.mcc_mnc ?? null;
    if (carrierDefault && mccMnc === null)
      throw invalid('a carrier default plan names its carrier (mcc_mnc)', { field: 'mcc_mnc' });
    return {
      name: input.name,
      mcc_mnc: mccMnc,
      carrier_default: carrierDefault,
      allowance_bytes:
        input.allowance_mb === null || input.allowance_mb === undefined ? null : Math.round(input.allowance_mb * MB),
      cycle_day: input.cycle_day ?? 1,
      cost_per_mb: input.cost_per_mb ?? 0,
      overage_cost_per_mb: input.overage_cost_per_mb ?? 0,
      monthly_fee: input.monthly_fee ?? 0,
      currency: input.currency ?? 'EUR',
    };
  }
}
