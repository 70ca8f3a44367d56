// SQL of card locks: a card IonMesh took out of service, why, and whether its client has left.
import { type Static, Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { CountRow, rowsOf, type Sql, SqlTime } from '../../app/database.js';
import { Nullable } from '../../app/schemas.js';

const Int = Type.Integer();
const Str = Type.String();

export const LockRow = Type.Object({
  id: Int,
  tenant_id: Int,
  bank_id: Int,
  slot_id: Int,
  kind: Str,
  reason: Str,
  details: Type.Unknown(),
  state: Str,
  client_id: Nullable(Str),
  locked_at: SqlTime,
  unlocked_at: Nullable(SqlTime),
  unlocked_by: Nullable(Str),
  slot_status: Nullable(Str),
  iccid: Nullable(Str),
});
export type LockRow = Static<typeof LockRow>;

export type LockKind = 'auto_lock' | 'imei' | 'usage' | 'validity';

const COLUMNS = sql`l.id, l.tenant_id, l.bank_id, l.slot_id, l.kind, l.reason, l.details, l.state, l.client_id,
  l.locked_at::text AS locked_at, l.unlocked_at::text AS unlocked_at, l.unlocked_by, s.status AS slot_status, s.iccid`;
const FROM = sql`card_locks l LEFT JOIN inventory_slots s ON s.bank_id = l.bank_id AND s.slot_id = l.slot_id`;

/** A new active lock, or null when the card has one already (one active lock per card). */
export async function insertLock(
  tx: Sql,
  l: {
    tenantId: number;
    bankId: number;
    slotId: number;
    kind: LockKind;
    reason: string;
    details: unknown;
    state: string;
    clientId: string | null;
  },
) {
  const [row] = await rowsOf(
    tx,
    Type.Object({ id: Int }),
    sql`INSERT INTO card_locks (tenant_id, bank_id, slot_id, kind, reason, details, state, client_id)
        VALUES (${l.tenantId}, ${l.bankId}, ${l.slotId}, ${l.kind}, ${l.reason}, ${JSON.stringify(l.details ?? null)}::jsonb,
                ${l.state}, ${l.clientId})
        ON CONFLICT (bank_id, slot_id) WHERE unlocked_at IS NULL DO NOTHING
        RETURNING id`,
  );
  return row?.id ?? null;
}

export async function activeLock(db: Sql, bankId: number, slotId: number) {
  const [row] = await rowsOf(
    db,
    LockRow,
    sql`SELECT ${COLUMNS} FROM ${FROM} WHERE l.bank_id = ${bankId} AND l.slot_id = ${slotId} AND l.unlocked_at IS NULL`,
  );
  return row ?? null;
}

export const setLockState = (tx: Sql, id: number, state: string, details: unknown) =>
  tx.execute(sql`UPDATE card_locks SET state = ${state}, details = ${JSON.stringify(details ?? null)}::jsonb WHERE id = ${id}`);

export const endLock = (tx: Sql, id: number, by: string) =>
  tx.execute(sql`UPDATE card_locks SET unlocked_at = now(), unlocked_by = ${by} WHERE id = ${id}`);

/** Locks waiting for their client to move (no free card last time). */
export const pendingMoves = (db: Sql, limit: number) =>
  rowsOf(
    db,
    LockRow,
    sql`SELECT ${COLUMNS} FROM ${FROM} WHERE l.unlocked_at IS NULL AND l.state = 'pending_move' ORDER BY l.id LIMIT ${limit}`,
  );

export async function listLocks(
  db: Sql,
  f: { tenantId: number | undefined; active: boolean; kind?: string },
  limit: number,
  offset: number,
) {
  const conds = [
    f.active ? sql`l.unlocked_at IS NULL` : sql`true`,
    f.tenantId === undefined ? sql`true` : sql`l.tenant_id = ${f.tenantId}`,
    f.kind === undefined ? sql`true` : sql`l.kind = ${f.kind}`,
  ];
  const where = sql.join(conds, sql` AND `);
  return {
    items: await rowsOf(
      db,
      LockRow,
      sql`SELECT ${COLUMNS} FROM ${FROM} WHERE ${where} ORDER BY l.locked_at DESC, l.id DESC LIMIT ${limit} OFFSET ${offset}`,
    ),
    total: (await rowsOf(db, CountRow, sql`SELECT count(*)::int AS n FROM card_locks l WHERE ${where}`))[0]?.n ?? 0,
  };
}

/** The card's slot as the inventory shows it, and the client on it. */
export async function cardState(db: Sql, bankId: number, slotId: number) {
  const [row] = await rowsOf(
    db,
    Type.Object({
      tenant_id: Nullable(Int),
      status: Nullable(Str),
      card_type: Nullable(Str),
      client_id: Nullable(Str),
      mapping_mode: Nullable(Str),
    }),
    sql`SELECT b.tenant_id, s.status, s.card_type, p.client_id, p.mapping_mode
          FROM inventory_banks b
          LEFT JOIN inventory_slots s ON s.bank_id = b.bank_id AND s.slot_id = ${slotId}
          LEFT JOIN clients_profiles p ON p.bank_id = b.bank_id AND p.slot_id = ${slotId} AND p.status = 'ACTIVE'
         WHERE b.bank_id = ${bankId}`,
  );
  return row ?? null;
}
