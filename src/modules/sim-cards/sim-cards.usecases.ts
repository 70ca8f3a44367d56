// SIM card metadata: the card in each slot (ICCID, IMSI, carrier, type, KI pool membership and
// free-form metadata), read and written by (bank_id, slot_id).
import { sql } from 'drizzle-orm';
import { type Database, rows, type Sql, uniqueOr } from '../../app/database.js';
import type { Actor } from '../../domain/actor.js';
import { conflict, invalid } from '../../domain/errors.js';
import { iccidProblem } from '../../domain/iccid.js';
import { imsiProblem, mccMncProblem } from '../../domain/imsi.js';
import { recordAudit } from '../audit/index.js';
import { slotNotFound } from '../inventory/index.js';
import { cardNotFound, slotAssigned } from './sim-cards.errors.js';

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

// physical_iccid/physical_imsi: the seeds' names of iccid/imsi, answered beside them.
const cardColumns = sql`s.bank_id, s.slot_id, s.iccid, s.imsi, s.carrier, s.mcc_mnc, s.card_type, s.ki_pool_name,
  s.ki_pool_priority, s.card_metadata, s.status, s.health_status, s.updated_at, b.tenant_id,
  s.iccid AS physical_iccid, s.imsi AS physical_imsi`;

const cardOf = async (db: Sql, bankId: number, slotId: number, lock = false) =>
  (
    await rows<Record<string, unknown> & { iccid: string | null; tenant_id: number; status: string }>(
      db,
      sql`SELECT ${cardColumns} FROM slots s JOIN sim_banks b ON b.bank_id = s.bank_id
          WHERE s.bank_id = ${bankId} AND s.slot_id = ${slotId} ${lock ? sql`FOR UPDATE OF s` : sql``}`,
    )
  )[0] ?? null;

export class SimCardsService {
  constructor(private readonly db: Database) {}

  list(f: CardFilter) {
    const limit = f.limit ?? 50;
    const offset = f.offset ?? 0;
    const cond = sql`WHERE s.iccid IS NOT NULL
      AND (${f.carrier ?? null}::text IS NULL OR s.carrier = ${f.carrier ?? null}::text)
      AND (${f.ki_pool_name ?? null}::text IS NULL OR s.ki_pool_name = ${f.ki_pool_name ?? null}::text)
      AND (${f.card_type ?? null}::text IS NULL OR s.card_type = ${f.card_type ?? null}::text)
      AND (${f.bank_id ?? null}::int IS NULL OR s.bank_id = ${f.bank_id ?? null}::int)
      AND (${f.tenant_id ?? null}::int IS NULL OR b.tenant_id = ${f.tenant_id ?? null}::int)`;
    return this.db.run(async (db) => {
      const items = await rows(
        db,
        sql`SELECT ${cardColumns} FROM slots s JOIN sim_banks b ON b.bank_id = s.bank_id ${cond}
            ORDER BY s.bank_id, s.slot_id LIMIT ${limit} OFFSET ${offset}`,
      );
      const [t] = await rows<{ n: number }>(
        db,
        sql`SELECT count(*)::int AS n FROM slots s JOIN sim_banks b ON b.bank_id = s.bank_id ${cond}`,
      );
      return { items, total: t?.n ?? 0, limit, offset };
    });
  }

  async get(bankId: number, slotId: number) {
    const card = await this.db.run((db) => cardOf(db, bankId, slotId));
    if (!card) throw slotNotFound(bankId, slotId);
    if (!card.iccid) throw cardNotFound(bankId, slotId);
    return card;
  }

  /** Puts a card in the slot, or replaces its data (fields left out become empty). */
  async upsert(bankId: number, slotId: number, input: CardInput, actor: Actor) {
    const problem =
      iccidProblem(input.iccid) ??
      (input.mcc_mnc ? mccMncProblem(input.mcc_mnc) : null) ??
      (input.imsi ? imsiProblem(input.imsi, input.mcc_mnc ?? null) : null);
    if (problem) throw invalid(problem);
    return uniqueOr(
      () => conflict('DUPLICATE_ICCID', 'Another slot already holds that ICCID'),
      () =>
        this.db.transaction(async (tx) => {
          const before = await cardOf(tx, bankId, slotId, true);
          if (!before) throw slotNotFound(bankId, slotId);
          await tx.execute(
            sql`UPDATE slots SET iccid = ${input.iccid}, imsi = ${input.imsi ?? null}, carrier = ${input.carrier ?? null},
                mcc_mnc = ${input.mcc_mnc ?? null}, card_type = ${input.card_type ?? 'REGULAR'},
                ki_pool_name = ${input.ki_pool_name ?? null}, ki_pool_priority = ${input.ki_pool_priority ?? null},
                card_metadata = ${input.card_metadata == null ? null : JSON.stringify(input.card_metadata)}::jsonb,
                updated_at = now()
              WHERE bank_id = ${bankId} AND slot_id = ${slotId}`,
          );
          const after = await cardOf(tx, bankId, slotId);
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
      const before = await cardOf(tx, bankId, slotId, true);
      if (!before) throw slotNotFound(bankId, slotId);
      if (!before.iccid) throw cardNotFound(bankId, slotId);
      if (before.status === 'assigned') throw slotAssigned(bankId, slotId);
      await tx.execute(
        sql`UPDATE slots SET iccid = NULL, imsi = NULL, carrier = NULL, mcc_mnc = NULL, card_type = 'REGULAR',
              ki_pool_name = NULL, ki_pool_priority = NULL, card_metadata = NULL, updated_at = now()
            WHERE bank_id = ${bankId} AND slot_id = ${slotId}`,
      );
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
