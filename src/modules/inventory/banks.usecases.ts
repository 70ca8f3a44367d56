// SIM banks and their slots: create (with slots), read, update (cards, status), delete when unused.
import { and, eq } from 'drizzle-orm';
import type { Database, Sql } from '../../app/database.js';
import type { Actor } from '../../domain/actor.js';
import { conflict, invalid, tenantNotFound } from '../../domain/errors.js';
import { iccidProblem } from '../../domain/iccid.js';
import { imsiProblem, mccMncProblem } from '../../domain/imsi.js';
import { readTenant, type TenantScope, writeTenant } from '../../domain/tenant-scope.js';
import { recordAudit } from '../audit/index.js';
import { insertEvent } from '../events/index.js';
import { bankdNotFound, bankNotFound, slotNotFound, uniqueOrConflict } from './inventory.errors.js';
import * as repo from './inventory.repository.js';
import { simBanks, slots } from './inventory.table.js';

export interface BankInput {
  bank_id: number;
  name: string;
  tenant_id: number;
  bankd_instance_id?: number | null;
  status?: 'active' | 'offline' | 'disabled';
  slot_count?: number;
  unknown_cards_present?: boolean;
}
export interface SlotPatch {
  iccid?: string | null;
  imsi?: string | null;
  carrier?: string | null;
  mcc_mnc?: string | null;
  card_type?: 'REGULAR' | 'KI_PROXY_MASTER' | 'VIRTUAL';
  reader_name?: string | null;
  status?: 'available' | 'faulty' | 'disabled';
  health_status?: string;
}

/** Banks and slots of the inventory. */
export class BanksService {
  constructor(private readonly db: Database) {}

  // --- banks
  listBanks = (filter: repo.BankFilter, scope: TenantScope) =>
    this.db.run((db) => repo.listBanks(db, { ...filter, tenant_id: readTenant(scope, filter.tenant_id) }));

  async getBank(bankId: number) {
    const b = await this.db.run((db) => repo.getBank(db, bankId));
    if (!b) throw bankNotFound(bankId);
    return b;
  }

  createBank(input: BankInput, actor: Actor, scope: TenantScope) {
    writeTenant(scope, input.tenant_id);
    return uniqueOrConflict('BANK_EXISTS', `Bank ${input.bank_id} already exists`, () =>
      this.db.transaction(async (tx) => {
        await this.checkBankRefs(tx, input.tenant_id, input.bankd_instance_id);
        await tx.insert(simBanks).values({
          bankId: input.bank_id,
          name: input.name,
          tenantId: input.tenant_id,
          bankdInstanceId: input.bankd_instance_id ?? null,
          status: input.status ?? 'active',
          unknownCardsPresent: input.unknown_cards_present ?? false,
        });
        await repo.createSlots(tx, input.bank_id, input.slot_count ?? 0);
        const after = await repo.getBank(tx, input.bank_id);
        await recordAudit(tx, actor, {
          tenantId: input.tenant_id,
          action: 'bank.create',
          entityType: 'sim_bank',
          entityId: String(input.bank_id),
          after,
        });
        return after as NonNullable<typeof after>;
      }),
    );
  }

  updateBank(bankId: number, input: Partial<Omit<BankInput, 'bank_id'>>, actor: Actor, scope: TenantScope) {
    // A tenant key may not hand its bank to another tenant.
    if (input.tenant_id !== undefined) writeTenant(scope, input.tenant_id);
    return this.db.transaction(async (tx) => {
      const before = await repo.getBank(tx, bankId);
      if (!before) throw bankNotFound(bankId);
      if (input.tenant_id !== undefined && input.tenant_id !== before.tenantId) {
        const usage = await repo.bankProfileCount(tx, bankId);
        if (usage.active > 0)
          throw conflict('BANK_IN_USE', `Bank ${bankId} serves ${usage.active} active profile(s) of its tenant`);
      }
      await this.checkBankRefs(tx, input.tenant_id, input.bankd_instance_id);
      await tx
        .update(simBanks)
        .set({
          ...(input.name !== undefined && { name: input.name }),
          ...(input.tenant_id !== undefined && { tenantId: input.tenant_id }),
          ...(input.bankd_instance_id !== undefined && { bankdInstanceId: input.bankd_instance_id }),
          ...(input.status !== undefined && { status: input.status }),
          ...(input.unknown_cards_present !== undefined && { unknownCardsPresent: input.unknown_cards_present }),
          updatedAt: new Date(),
        })
        .where(eq(simBanks.bankId, bankId));
      // Its slots without a known card become assignable, or empty again (the database decides).
      if (input.unknown_cards_present !== undefined) await repo.recheckCardState(tx, bankId);
      // Growing a bank adds slots; shrinking is not done here (slots may hold cards).
      if (input.slot_count !== undefined) await repo.createSlots(tx, bankId, input.slot_count);
      const after = await repo.getBank(tx, bankId);
      await recordAudit(tx, actor, {
        tenantId: after?.tenantId,
        action: 'bank.update',
        entityType: 'sim_bank',
        entityId: String(bankId),
        before,
        after,
      });
      return after as NonNullable<typeof after>;
    });
  }

  deleteBank(bankId: number, actor: Actor) {
    return this.db.transaction(async (tx) => {
      const before = await repo.getBank(tx, bankId);
      if (!before) throw bankNotFound(bankId);
      const usage = await repo.bankProfileCount(tx, bankId);
      if (usage.total > 0) {
        throw conflict(
          'BANK_IN_USE',
          `Bank ${bankId} has ${usage.active} active and ${usage.total - usage.active} past profile(s); disable it instead`,
        );
      }
      await tx.delete(simBanks).where(eq(simBanks.bankId, bankId));
      await recordAudit(tx, actor, {
        tenantId: before.tenantId,
        action: 'bank.delete',
        entityType: 'sim_bank',
        entityId: String(bankId),
        before,
      });
      return { status: 'success' as const, message: `Bank ${bankId} deleted` };
    });
  }

  private async checkBankRefs(tx: Sql, tenantId?: number, bankdId?: number | null) {
    if (tenantId !== undefined && !(await repo.getTenant(tx, tenantId))) throw tenantNotFound(tenantId);
    if (bankdId !== undefined && bankdId !== null && !(await repo.getBankd(tx, bankdId))) throw bankdNotFound(bankdId);
  }

  // --- slots
  listSlots = (filter: repo.SlotFilter, scope: TenantScope) =>
    this.db.run((db) => repo.listSlots(db, { ...filter, tenant_id: readTenant(scope, filter.tenant_id) }));

  async getSlot(bankId: number, slotId: number) {
    return this.db.run(async (db) => {
      const slot = await repo.getSlot(db, bankId, slotId);
      if (!slot) throw slotNotFound(bankId, slotId);
      return { ...slot, health_log: await repo.healthLogOfSlot(db, bankId, slotId) };
    });
  }

  updateSlot(bankId: number, slotId: number, patch: SlotPatch, actor: Actor) {
    return uniqueOrConflict('DUPLICATE_ICCID', 'Another slot already holds that ICCID', () =>
      this.db.transaction(async (tx) => {
        const before = await repo.getSlot(tx, bankId, slotId, true);
        if (!before) throw slotNotFound(bankId, slotId);
        const mccMnc = patch.mcc_mnc !== undefined ? patch.mcc_mnc : before.mccMnc;
        const imsi = patch.imsi !== undefined ? patch.imsi : before.imsi;
        if (patch.iccid) {
          const p = iccidProblem(patch.iccid);
          if (p) throw invalid(p, { field: 'iccid' });
        }
        if (patch.mcc_mnc) {
          const p = mccMncProblem(patch.mcc_mnc);
          if (p) throw invalid(p, { field: 'mcc_mnc' });
        }
        if (imsi && (patch.imsi !== undefined || patch.mcc_mnc !== undefined)) {
          const p = imsiProblem(imsi, mccMnc);
          if (p) throw invalid(p, { field: 'imsi' });
        }
        const bank = await repo.getBank(tx, bankId);
        const tenantId = bank?.tenantId ?? 0;
        if (patch.status && patch.status !== before.status) {
          const inUse = await repo.slotHasActiveProfile(tx, bankId, slotId);
          // An assigned slot keeps its profile; it may be flagged faulty or disabled, never freed here.
          const target = patch.status === 'available' && inUse ? 'assigned' : patch.status;
          if (target !== before.status) {
            await repo.setSlotStatus(tx, { bankId, slotId, tenantId }, before.status, target, `set by ${actor.actor}`);
          }
        }
        const [after] = await tx
          .update(slots)
          .set({
            ...(patch.iccid !== undefined && { iccid: patch.iccid }),
            ...(patch.imsi !== undefined && { imsi: patch.imsi }),
            ...(patch.carrier !== undefined && { carrier: patch.carrier }),
            ...(patch.mcc_mnc !== undefined && { mccMnc: patch.mcc_mnc }),
            ...(patch.card_type !== undefined && { cardType: patch.card_type }),
            ...(patch.reader_name !== undefined && { readerName: patch.reader_name }),
            ...(patch.health_status !== undefined && { healthStatus: patch.health_status, lastHealthCheck: new Date() }),
            updatedAt: new Date(),
          })
          .where(and(eq(slots.bankId, bankId), eq(slots.slotId, slotId)))
          .returning();
        if (patch.health_status !== undefined && patch.health_status !== before.healthStatus) {
          await insertEvent(tx, 'slot.health_changed', tenantId, {
            bank_id: bankId,
            slot_id: slotId,
            previous: before.healthStatus,
            health: patch.health_status,
          });
        }
        await recordAudit(tx, actor, {
          tenantId,
          action: 'slot.update',
          entityType: 'slot',
          entityId: `${bankId}:${slotId}`,
          before,
          after,
        });
        return after as typeof slots.$inferSelect;
      }),
    );
  }
}
