// Bulk writes of a SIM import: multi-row upserts, a few hundred rows per statement.
import { type Static, Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { rowsOf, type Sql } from '../../app/database.js';
import { cardColumnFields } from './card-columns.js';
import type { SimRow } from './sim-import.js';

export const IMPORT_CHUNK = 500;

/** The banks of the list that exist (and belong to the tenant `scope`, when given). */
export async function existingBanks(tx: Sql, bankIds: number[], scope: number | null = null): Promise<Set<number>> {
  if (bankIds.length === 0) return new Set();
  const found = await rowsOf(
    tx,
    Type.Object({ bank_id: Type.Integer() }),
    sql`SELECT bank_id FROM sim_banks WHERE bank_id IN (${sql.join(
      bankIds.map((b) => sql`${b}`),
      sql`, `,
    )}) AND (${scope}::int IS NULL OR tenant_id = ${scope}::int)`,
  );
  return new Set(found.map((r) => r.bank_id));
}

/** ICCIDs of the file already held by a slot at another position. */
export async function iccidsHeldElsewhere(tx: Sql, chunk: SimRow[]) {
  const withIccid = chunk.filter((r) => r.iccid);
  if (withIccid.length === 0) return [];
  const values = sql.join(
    withIccid.map((r) => sql`(${r.iccid}::text, ${r.bankId}::int, ${r.slotId}::int)`),
    sql`, `,
  );
  return rowsOf(
    tx,
    Type.Object({ iccid: Type.String(), bank_id: Type.Integer(), slot_id: Type.Integer(), tenant_id: Type.Integer() }),
    sql`SELECT s.iccid, s.bank_id, s.slot_id, b.tenant_id FROM slots s
        JOIN sim_banks b ON b.bank_id = s.bank_id
        JOIN (VALUES ${values}) AS f(iccid, bank_id, slot_id) ON f.iccid = s.iccid
        WHERE (s.bank_id, s.slot_id) <> (f.bank_id, f.slot_id)`,
  );
}

/** Upserts card data (header format) or reader names (bankd slot file); returns rows created. */
export async function upsertSlots(tx: Sql, chunk: SimRow[], withCardData: boolean): Promise<number> {
  const values = sql.join(
    chunk.map(
      (r) =>
        sql`(${r.bankId}::int, ${r.slotId}::int, ${r.iccid ?? null}::text, ${r.imsi ?? null}::text,
             ${r.carrier ?? null}::text, ${r.mccMnc ?? null}::text, ${r.cardType ?? 'REGULAR'}::text,
             ${r.readerName ?? null}::text)`,
    ),
    sql`, `,
  );
  const update = withCardData
    ? sql`iccid = EXCLUDED.iccid, imsi = EXCLUDED.imsi, carrier = EXCLUDED.carrier, mcc_mnc = EXCLUDED.mcc_mnc,
          card_type = EXCLUDED.card_type, reader_name = COALESCE(EXCLUDED.reader_name, slots.reader_name)`
    : sql`reader_name = EXCLUDED.reader_name`;
  const result = await rowsOf(
    tx,
    Type.Object({ inserted: Type.Boolean() }),
    sql`INSERT INTO slots (bank_id, slot_id, iccid, imsi, carrier, mcc_mnc, card_type, reader_name)
        VALUES ${values}
        ON CONFLICT (bank_id, slot_id) DO UPDATE SET ${update}, updated_at = now()
        RETURNING (xmax = 0) AS inserted`,
  );
  return result.filter((r) => r.inserted).length;
}

export const CardInUse = Type.Object({
  ...cardColumnFields,
  client_id: Type.String(),
  profile_id: Type.String(),
  tenant_id: Type.Integer(),
});
export type CardInUse = Static<typeof CardInUse>;

/** The chunk's slots a router holds (an active profile), locked so that no registration takes one
 * meanwhile, with the card they hold now. */
export async function cardsInUse(tx: Sql, chunk: SimRow[]) {
  if (chunk.length === 0) return [];
  const values = sql.join(
    chunk.map((r) => sql`(${r.bankId}::int, ${r.slotId}::int)`),
    sql`, `,
  );
  await tx.execute(
    sql`SELECT 1 FROM slots s JOIN (VALUES ${values}) AS f(bank_id, slot_id) ON f.bank_id = s.bank_id AND f.slot_id = s.slot_id
        ORDER BY s.bank_id, s.slot_id FOR UPDATE OF s`,
  );
  return rowsOf(
    tx,
    CardInUse,
    sql`SELECT s.bank_id, s.slot_id, s.iccid, s.imsi, s.carrier, s.mcc_mnc, s.card_type, p.client_id, p.profile_id, p.tenant_id
        FROM slots s
        JOIN (VALUES ${values}) AS f(bank_id, slot_id) ON f.bank_id = s.bank_id AND f.slot_id = s.slot_id
        JOIN clients_profiles p ON p.bank_id = s.bank_id AND p.slot_id = s.slot_id AND p.status = 'ACTIVE'`,
  );
}
