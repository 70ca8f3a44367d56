// SQL of the card columns of slots, with the shape of each row declared and checked (rowsOf).
import { type Static, Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { CountRow, rowsOf, type Sql, SqlTime } from '../../app/database.js';
import { Nullable } from '../../app/schemas.js';
import { cardColumnFields } from '../inventory/index.js';

/** A slot's card (physical_iccid/physical_imsi: the seeds' names of iccid/imsi, answered beside them). */
export const CardRow = Type.Object({
  ...cardColumnFields,
  ki_pool_name: Nullable(Type.String()),
  ki_pool_priority: Nullable(Type.Integer()),
  card_metadata: Type.Unknown(),
  status: Type.String(),
  health_status: Type.String(),
  updated_at: SqlTime,
  tenant_id: Type.Integer(),
  physical_iccid: Nullable(Type.String()),
  physical_imsi: Nullable(Type.String()),
});
export type CardRow = Static<typeof CardRow>;

const cardColumns = sql`s.bank_id, s.slot_id, s.iccid, s.imsi, s.carrier, s.mcc_mnc, s.card_type, s.ki_pool_name,
  s.ki_pool_priority, s.card_metadata, s.status, s.health_status, s.updated_at, b.tenant_id,
  s.iccid AS physical_iccid, s.imsi AS physical_imsi`;

/** The card of a slot (null: no such slot), locked for a change when asked. */
export const cardOf = async (db: Sql, bankId: number, slotId: number, lock = false) =>
  (
    await rowsOf(
      db,
      CardRow,
      sql`SELECT ${cardColumns} FROM inventory_slots s JOIN inventory_banks b ON b.bank_id = s.bank_id
          WHERE s.bank_id = ${bankId} AND s.slot_id = ${slotId} ${lock ? sql`FOR UPDATE OF s` : sql``}`,
    )
  )[0] ?? null;

export async function listCards(
  db: Sql,
  f: { carrier?: string; ki_pool_name?: string; card_type?: string; bank_id?: number; tenant_id?: number },
  limit: number,
  offset: number,
) {
  const cond = sql`WHERE s.iccid IS NOT NULL
    AND (${f.carrier ?? null}::text IS NULL OR s.carrier = ${f.carrier ?? null}::text)
    AND (${f.ki_pool_name ?? null}::text IS NULL OR s.ki_pool_name = ${f.ki_pool_name ?? null}::text)
    AND (${f.card_type ?? null}::text IS NULL OR s.card_type = ${f.card_type ?? null}::text)
    AND (${f.bank_id ?? null}::int IS NULL OR s.bank_id = ${f.bank_id ?? null}::int)
    AND (${f.tenant_id ?? null}::int IS NULL OR b.tenant_id = ${f.tenant_id ?? null}::int)`;
  return {
    items: await rowsOf(
      db,
      CardRow,
      sql`SELECT ${cardColumns} FROM inventory_slots s JOIN inventory_banks b ON b.bank_id = s.bank_id ${cond}
          ORDER BY s.bank_id, s.slot_id LIMIT ${limit} OFFSET ${offset}`,
    ),
    total:
      (
        await rowsOf(
          db,
          CountRow,
          sql`SELECT count(*)::int AS n FROM inventory_slots s JOIN inventory_banks b ON b.bank_id = s.bank_id ${cond}`,
        )
      )[0]?.n ?? 0,
  };
}
