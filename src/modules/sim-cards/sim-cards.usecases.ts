import { type Database, uniqueOr } from '../../app/database.js';
import type { Actor } from '../../domain/actor.js';
import { conflict, invalid } from '../../domain/errors.js';
import { iccidProblem } from '../../domain/iccid.js';
import { imsiProblem, mccMncProblem } from '../../domain/imsi.js';
import { readTenant, type TenantScope } from '../../domain/tenant-scope.js';
import { recordAudit } from '../audit/index.js';
import { clearCard, slotNotFound, writeCard } from '../inventory/index.js';
import { cardNotFound, slotAssigned } from './sim-cards.errors.js';
import * as repo from './sim-cards.repository.js';

export const CARD_TYPES = ['REGULAR', 'KI_PROXY_MASTER', 'VIRTUAL'] as const;

export interface CardInput {
  iccid: string;
  imsi?: string | null;
  carrier?: string | null;
  mcc_mnc?: string | null;
  card_type?: (typeof CARD_TYPES)[number];
  ki_pool_name?: string | null;
  ki_pool_priority?: number | null;
  card_metadata?: Record<string, unknown> | null;
}

export interface CardFilter {
  carrier?: string;
  ki_pool_name?: string;
  card_type?: string;
  bank_id?: number;
  tenant_id?: number;
  limit?: number;
  offset?: number;
}

export class SimCardsService {
  constructor(private readonly db: Database) {}

  list(f: CardFilter, scope: TenantScope) {
    const limit = f.limit ?? 50;
    const offset = f.offset ?? 0;
    const filter = { ...f, tenant_id: readTenant(scope, f.tenant_id) };
    return this.db.run(async (db) => ({ ...(await repo.listCards(db, filter, limit, offset)), limit, offset }));
  }

  async get(bankId: number, slotId: number) {
    const card = await this.db.run((db) => repo.cardOf(db, bankId, slotId));
    if (!card) throw slotNotFound(bankId, slotId);
    if (!card.iccid) throw cardNotFound(bankId, slotId);
    return card;
  }

  /** Puts a card in the slot, or replaces its data (fields left out become empty). */
  /** Puts a card in a slot (`tenantId`, when the caller names one, must be the bank's). */
  async upsert(bankId: number, slotId: number, input: CardInput, actor: Actor, tenantId?: number) {
    const problem =
      iccidProblem(input.iccid) ??
      (input.mcc_mnc ? mccMncProblem(input.mcc_mnc) : null) ??
      (input.imsi ? imsiProblem(input.imsi, input.mcc_mnc ?? null) : null);
    if (problem) throw invalid(problem);
    return uniqueOr(
      () => conflict('DUPLICATE_ICCID', 'Another slot already holds that ICCID'),
      () =>
        this.db.transaction(async (tx) => {
          const before = await repo.cardOf(tx, bankId, slotId, true);
          if (!before) throw slotNotFound(bankId, slotId);
          if (tenantId !== undefined && tenantId !== before.tenant_id)
            throw invalid(`bank ${bankId} belongs to tenant ${before.tenant_id}, not to tenant ${tenantId}`, {
              field: 'tenant_id',
            });
          await writeCard(tx, bankId, slotId, {
            iccid: input.iccid,
            imsi: input.imsi ?? null,
            carrier: input.carrier ?? null,
            mcc_mnc: input.mcc_mnc ?? null,
            card_type: input.card_type ?? 'REGULAR',
            ki_pool_name: input.ki_pool_name ?? null,
            ki_pool_priority: input.ki_pool_priority ?? null,
            card_metadata: input.card_metadata ?? null,
          });
          const after = await repo.cardOf(tx, bankId, slotId);
          if (!after) throw slotNotFound(bankId, slotId);
          await recordAudit(tx, actor, {
            tenantId: before.tenant_id,
            action: before.iccid ? 'sim_card.update' : 'sim_card.create',
            entityType: 'slot',
            entityId: `${bankId}:${slotId}`,
            before,
            after,
          });
          return after;
        }),
    );
  }

  /** Takes the card out of the inventory; the slot stays. Refused while a profile holds it. */
  remove(bankId: number, slotId: number, actor: Actor) {
    return this.db.transaction(async (tx) => {
      const before = await repo.cardOf(tx, bankId, slotId, true);
      if (!before) throw slotNotFound(bankId, slotId);
      if (!before.iccid) throw cardNotFound(bankId, slotId);
      if (before.status === 'assigned') throw slotAssigned(bankId, slotId);
      await clearCard(tx, bankId, slotId);
      await recordAudit(tx, actor, {
        tenantId: before.tenant_id,
        action: 'sim_card.delete',
        entityType: 'slot',
        entityId: `${bankId}:${slotId}`,
        before,
      });
      return { status: 'success' as const, message: `SIM card removed from bank ${bankId} slot ${slotId}` };
    });
  }
}
