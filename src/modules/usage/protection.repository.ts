// SQL of card protection: a tenant's settings, the failures that lock a card, validity, and IMEI
// bindings.
import { type Static, Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { CountRow, rowsOf, type Sql, SqlTime } from '../../app/database.js';
import { Nullable } from '../../app/schemas.js';

const Int = Type.Integer();
const Str = Type.String();

/** A tenant's protection settings; the defaults stand for a tenant without a row. */
export const PROTECTION_DEFAULTS = {
  auto_lock: true,
  failure_limit: 5,
  failure_window_min: 60,
  tpdu_error_rate: 0.2,
  min_tpdus: 20,
  presence_grace_min: 10,
  validity_notice_hours: 24,
};
export type ProtectionSettings = typeof PROTECTION_DEFAULTS;

const SettingsRow = Type.Object({
  tenant_id: Int,
  auto_lock: Type.Boolean(),
  failure_limit: Int,
  failure_window_min: Int,
  tpdu_error_rate: Type.Number(),
  min_tpdus: Int,
  presence_grace_min: Int,
  validity_notice_hours: Int,
});

/** The settings of a tenant, each with its default where the tenant set none. */
const SETTINGS = sql`
  SELECT t.id AS tenant_id,
         COALESCE(ps.auto_lock, ${PROTECTION_DEFAULTS.auto_lock}) AS auto_lock,
         COALESCE(ps.failure_limit, ${PROTECTION_DEFAULTS.failure_limit}) AS failure_limit,
         COALESCE(ps.failure_window_min, ${PROTECTION_DEFAULTS.failure_window_min}) AS failure_window_min,
         COALESCE(ps.tpdu_error_rate, ${PROTECTION_DEFAULTS.tpdu_error_rate})::float8 AS tpdu_error_rate,
         COALESCE(ps.min_tpdus, ${PROTECTION_DEFAULTS.min_tpdus}) AS min_tpdus,
         COALESCE(ps.presence_grace_min, ${PROTECTION_DEFAULTS.presence_grace_min}) AS presence_grace_min,
         COALESCE(ps.validity_notice_hours, ${PROTECTION_DEFAULTS.validity_notice_hours}) AS validity_notice_hours
    FROM inventory_tenants t LEFT JOIN protection_settings ps ON ps.tenant_id = t.id`;

export async function settingsOf(db: Sql, tenantId: number) {
  const [row] = await rowsOf(db, SettingsRow, sql`SELECT * FROM (${SETTINGS}) s WHERE s.tenant_id = ${tenantId}`);
  return row ?? null;
}

export async function putSettings(tx: Sql, tenantId: number, v: ProtectionSettings) {
  await tx.execute(
    sql`INSERT INTO protection_settings (tenant_id, auto_lock, failure_limit, failure_window_min, tpdu_error_rate, min_tpdus,
                                         presence_grace_min, validity_notice_hours, updated_at)
        VALUES (${tenantId}, ${v.auto_lock}, ${v.failure_limit}, ${v.failure_window_min}, ${v.tpdu_error_rate}, ${v.min_tpdus},
                ${v.presence_grace_min}, ${v.validity_notice_hours}, now())
        ON CONFLICT (tenant_id) DO UPDATE SET auto_lock = EXCLUDED.auto_lock, failure_limit = EXCLUDED.failure_limit,
          failure_window_min = EXCLUDED.failure_window_min, tpdu_error_rate = EXCLUDED.tpdu_error_rate,
          min_tpdus = EXCLUDED.min_tpdus, presence_grace_min = EXCLUDED.presence_grace_min,
          validity_notice_hours = EXCLUDED.validity_notice_hours, updated_at = now()`,
  );
}

/**
 * Registrations that landed on a card and were never followed by the router's presence on the
 * remsim-server (within the tenant's grace), recorded once each as a failure of that card. Only
 * where the remsim-server that maps the card was reached since: without a server in view there
 * is no presence to expect.
 */
export async function recordMissingPresence(tx: Sql) {
  const [row] = await rowsOf(
    tx,
    CountRow,
    sql`WITH st AS (${SETTINGS}),
        missing AS (
          INSERT INTO card_failures (tenant_id, bank_id, slot_id, kind, client_id, detail, subject, at)
          SELECT p.tenant_id, p.bank_id, p.slot_id, 'no_presence', p.client_id,
                 'registered, never connected on RSPRO within ' || st.presence_grace_min || ' min', p.profile_id::text, now()
            FROM clients_profiles p
            JOIN st ON st.tenant_id = p.tenant_id AND st.auto_lock
            JOIN inventory_banks b ON b.bank_id = p.bank_id
            JOIN inventory_bankds bd ON bd.id = b.bankd_instance_id
            JOIN inventory_remsim_servers rs ON rs.id = bd.remsim_server_id
           WHERE p.ki_pool_id IS NULL AND NOT p.rspro_connected AND p.rspro_connected_since IS NULL
             AND p.created_at < now() - make_interval(mins => st.presence_grace_min)
             AND p.created_at > now() - make_interval(mins => st.presence_grace_min + st.failure_window_min)
             AND rs.enabled AND rs.reachable AND rs.last_success_at > p.created_at + make_interval(mins => st.presence_grace_min)
          ON CONFLICT DO NOTHING
          RETURNING 1)
        SELECT count(*)::int AS n FROM missing`,
  );
  return row?.n ?? 0;
}

export const FailingCard = Type.Object({
  tenant_id: Int,
  bank_id: Int,
  slot_id: Int,
  failures: Int,
  failure_limit: Int,
  window_min: Int,
  health_errors: Int,
  tpdu_errors: Int,
  no_presence: Int,
});
export type FailingCard = Static<typeof FailingCard>;

/**
 * Cards of tenants with auto-lock on whose failures within the window (and since their last
 * unlock) reached the limit, and that are not locked: health `error` reports (the health log),
 * high TPDU error shares and registrations without presence (card_failures). A router's RSPRO
 * disconnects are not the card's failures (a router that loses power or backhaul, or whose client
 * process is stopped, drops its RSPRO connection whatever card it holds): they are not counted.
 */
export function failingCards(db: Sql, limit: number) {
  return rowsOf(
    db,
    FailingCard,
    sql`WITH st AS (${SETTINGS}),
        horizon AS (SELECT now() - make_interval(mins => max(failure_window_min)) AS since FROM st WHERE auto_lock),
        fails AS (
          SELECT f.tenant_id, f.bank_id, f.slot_id, f.kind, f.at FROM card_failures f
           WHERE f.at > (SELECT since FROM horizon)
          UNION ALL
          SELECT l.tenant_id, l.bank_id, l.slot_id,
                 'health_error', l.created_at
            FROM clients_health_log l
           WHERE l.created_at > (SELECT since FROM horizon) AND l.bank_id IS NOT NULL AND l.slot_id IS NOT NULL
             AND l.kind = 'client_health' AND l.new_status = 'error'),
        counted AS (
          SELECT f.tenant_id, f.bank_id, f.slot_id, count(*)::int AS failures, min(st.failure_limit) AS failure_limit,
                 min(st.failure_window_min) AS window_min,
                 count(*) FILTER (WHERE f.kind = 'health_error')::int AS health_errors,
                 count(*) FILTER (WHERE f.kind = 'tpdu_errors')::int AS tpdu_errors,
                 count(*) FILTER (WHERE f.kind = 'no_presence')::int AS no_presence
            FROM fails f
            JOIN st ON st.tenant_id = f.tenant_id AND st.auto_lock
           WHERE f.at > now() - make_interval(mins => st.failure_window_min)
             AND f.at > COALESCE((SELECT max(cl.unlocked_at) FROM card_locks cl
                                   WHERE cl.bank_id = f.bank_id AND cl.slot_id = f.slot_id), '-infinity')
           GROUP BY f.tenant_id, f.bank_id, f.slot_id)
        SELECT c.* FROM counted c
         WHERE c.failures >= c.failure_limit
           AND NOT EXISTS (SELECT 1 FROM card_locks l WHERE l.bank_id = c.bank_id AND l.slot_id = c.slot_id AND l.unlocked_at IS NULL)
         ORDER BY c.failures DESC LIMIT ${limit}`,
  );
}

export const ExpiringCard = Type.Object({ tenant_id: Int, bank_id: Int, slot_id: Int, valid_until: Str, notice_hours: Int });

/** Cards whose validity ends within the tenant's notice (or has ended) and that are not locked. */
export function expiringCards(db: Sql, limit: number) {
  return rowsOf(
    db,
    ExpiringCard,
    sql`WITH st AS (${SETTINGS})
        SELECT cp.tenant_id, cp.bank_id, cp.slot_id, cp.valid_until::text AS valid_until, st.validity_notice_hours AS notice_hours
          FROM card_plans cp JOIN st ON st.tenant_id = cp.tenant_id
         WHERE cp.valid_until IS NOT NULL
           AND ((cp.valid_until + 1)::timestamp AT TIME ZONE 'UTC') - make_interval(hours => st.validity_notice_hours) <= now()
           AND NOT EXISTS (SELECT 1 FROM card_locks l WHERE l.bank_id = cp.bank_id AND l.slot_id = cp.slot_id AND l.unlocked_at IS NULL)
         ORDER BY cp.valid_until, cp.bank_id, cp.slot_id LIMIT ${limit}`,
  );
}

export const BindingRow = Type.Object({
  id: Int,
  tenant_id: Int,
  bank_id: Nullable(Int),
  slot_id: Nullable(Int),
  client_id: Nullable(Str),
  imei: Str,
  enforcing: Type.Boolean(),
  last_mismatch: Nullable(Str),
  created_at: SqlTime,
  created_by: Nullable(Str),
});
export type BindingRow = Static<typeof BindingRow>;

const BINDING = sql`id, tenant_id, bank_id, slot_id, client_id, imei, enforcing, last_mismatch, created_at::text AS created_at, created_by`;

export async function listBindings(
  db: Sql,
  tenantId: number | undefined,
  clientId: string | undefined,
  limit: number,
  offset: number,
) {
  const where = sql`(${tenantId ?? null}::int IS NULL OR tenant_id = ${tenantId ?? null}::int)
                    AND (${clientId ?? null}::text IS NULL OR client_id = ${clientId ?? null}::text)`;
  return {
    items: await rowsOf(
      db,
      BindingRow,
      sql`SELECT ${BINDING} FROM imei_bindings WHERE ${where} ORDER BY id LIMIT ${limit} OFFSET ${offset}`,
    ),
    total: (await rowsOf(db, CountRow, sql`SELECT count(*)::int AS n FROM imei_bindings WHERE ${where}`))[0]?.n ?? 0,
  };
}

export async function getBinding(db: Sql, id: number) {
  const [row] = await rowsOf(db, BindingRow, sql`SELECT ${BINDING} FROM imei_bindings WHERE id = ${id}`);
  return row ?? null;
}

/** Binds a card or a client to an IMEI (a binding of the same target is replaced). */
export async function upsertBinding(
  tx: Sql,
  b: {
    tenantId: number;
    bankId: number | null;
    slotId: number | null;
    clientId: string | null;
    imei: string;
    enforcing: boolean;
    by: string;
  },
) {
  const conflict =
    b.clientId === null
      ? sql`(bank_id, slot_id) WHERE bank_id IS NOT NULL`
      : sql`(tenant_id, client_id) WHERE client_id IS NOT NULL`;
  const [row] = await rowsOf(
    tx,
    BindingRow,
    sql`INSERT INTO imei_bindings (tenant_id, bank_id, slot_id, client_id, imei, enforcing, created_by)
        VALUES (${b.tenantId}, ${b.bankId}, ${b.slotId}, ${b.clientId}, ${b.imei}, ${b.enforcing}, ${b.by})
        ON CONFLICT ${conflict} DO UPDATE SET imei = EXCLUDED.imei, enforcing = EXCLUDED.enforcing, last_mismatch = NULL,
          created_at = now(), created_by = EXCLUDED.created_by
        RETURNING ${BINDING}`,
  );
  return row as BindingRow;
}

export const deleteBinding = (tx: Sql, id: number) => tx.execute(sql`DELETE FROM imei_bindings WHERE id = ${id}`);

/** The active cards of a tenant (or one bank) whose modem reported an IMEI: what "lock what you see" binds. */
export function cardsWithImei(db: Sql, tenantId: number, bankId: number | undefined, slotId?: number) {
  return rowsOf(
    db,
    Type.Object({ bank_id: Int, slot_id: Int, client_id: Str, imei: Str }),
    sql`SELECT bank_id, slot_id, client_id, modem_imei AS imei FROM clients_profiles
         WHERE status = 'ACTIVE' AND tenant_id = ${tenantId} AND modem_imei ~ '^[0-9]{14,16}$'
           AND (${bankId ?? null}::int IS NULL OR bank_id = ${bankId ?? null}::int)
           AND (${slotId ?? null}::int IS NULL OR slot_id = ${slotId ?? null}::int)
         ORDER BY bank_id, slot_id`,
  );
}

/** Failures older than a week are of no use to any window. */
export const pruneFailures = (db: Sql) => db.execute(sql`DELETE FROM card_failures WHERE at < now() - interval '8 days'`);
