// SQL of self-healing: the engine's cursor, incidents (opened once per cause and object, claimed
// by one pass at a time with a lease and a token), their attempts (the cooldowns and the hourly
// limit count the moves), the tenants' playbooks, and what a playbook reads of a card, a bank or
// a remsim-server.
import { type Static, Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { CountRow, rowsOf, type Sql, SqlTime } from '../../app/database.js';
import { Nullable } from '../../app/schemas.js';
import type { OutboxCursor } from '../events/index.js';

const Int = Type.Integer();
const Str = Type.String();

export const IncidentRow = Type.Object({
  id: Int,
  tenant_id: Nullable(Int),
  cause: Str,
  severity: Str,
  state: Str,
  object_key: Str,
  client_id: Nullable(Str),
  bank_id: Nullable(Int),
  slot_id: Nullable(Int),
  bankd_id: Nullable(Int),
  server_id: Nullable(Int),
  summary: Str,
  details: Type.Record(Str, Type.Unknown()),
  event_id: Nullable(Int),
  attempts: Int,
  next_at: Nullable(SqlTime),
  follow_up: Nullable(Str),
  detected_at: SqlTime,
  diagnosed_at: Nullable(SqlTime),
  healing_at: Nullable(SqlTime),
  resolved_at: Nullable(SqlTime),
  escalated_at: Nullable(SqlTime),
  resolution: Nullable(Str),
  resolved_by: Nullable(Str),
  acknowledged_at: Nullable(SqlTime),
  acknowledged_by: Nullable(Str),
  updated_at: SqlTime,
  /** Detected to resolved (or to now while open), seconds. */
  duration_sec: Type.Number(),
});
export type IncidentRow = Static<typeof IncidentRow>;

const COLUMNS = sql`i.id::int AS id, i.tenant_id, i.cause, i.severity, i.state, i.object_key, i.client_id, i.bank_id, i.slot_id,
  i.bankd_id, i.server_id, i.summary, i.details, i.event_id::int AS event_id, i.attempts, i.next_at::text AS next_at, i.follow_up,
  i.detected_at::text AS detected_at, i.diagnosed_at::text AS diagnosed_at, i.healing_at::text AS healing_at,
  i.resolved_at::text AS resolved_at, i.escalated_at::text AS escalated_at, i.resolution, i.resolved_by,
  i.acknowledged_at::text AS acknowledged_at, i.acknowledged_by, i.updated_at::text AS updated_at,
  extract(epoch FROM coalesce(i.resolved_at, now()) - i.detected_at)::float8 AS duration_sec`;

/** The engine's cursor, locked for this transaction (null: another process holds it). */
export const lockCursor = async (tx: Sql) =>
  (
    await rowsOf(
      tx,
      Type.Object({ id: Int, txid: Type.Number() }),
      sql`SELECT last_event_id::int AS id, last_txid::float8 AS txid FROM healing_state WHERE id = 1 FOR UPDATE SKIP LOCKED`,
    )
  )[0] ?? null;

export const moveCursor = (tx: Sql, upTo: OutboxCursor) =>
  tx.execute(sql`UPDATE healing_state SET last_event_id = ${upTo.id}, last_txid = ${upTo.txid}, updated_at = now() WHERE id = 1`);

export interface NewIncident {
  tenantId: number | null;
  cause: string;
  severity: string;
  state: 'detected' | 'diagnosing' | 'healing' | 'resolved' | 'escalated';
  objectKey: string;
  clientId?: string | null;
  bankId?: number | null;
  slotId?: number | null;
  bankdId?: number | null;
  serverId?: number | null;
  summary: string;
  details?: Record<string, unknown>;
  eventId?: number | null;
  /** Seconds from now until the engine looks at it (null: only an event or a person moves it). */
  nextInSec: number | null;
  resolution?: string | null;
  resolvedBy?: string | null;
  /** When the problem was seen (its event's time); now when not given. */
  detectedAt?: string | null;
}

/** Opens an incident; null when one of its cause is open on that object already (or the event opened one). */
export async function openIncident(tx: Sql, n: NewIncident) {
  const [row] = await rowsOf(
    tx,
    IncidentRow,
    sql`WITH i AS (
          INSERT INTO incidents (tenant_id, cause, severity, state, object_key, client_id, bank_id, slot_id, bankd_id, server_id,
                                 summary, details, event_id, next_at, diagnosed_at, healing_at, resolved_at, escalated_at,
                                 resolution, resolved_by, detected_at)
          VALUES (${n.tenantId}, ${n.cause}, ${n.severity}, ${n.state}, ${n.objectKey}, ${n.clientId ?? null}, ${n.bankId ?? null},
                  ${n.slotId ?? null}, ${n.bankdId ?? null}, ${n.serverId ?? null}, ${n.summary},
                  ${JSON.stringify(n.details ?? {})}::jsonb, ${n.eventId ?? null},
                  ${n.nextInSec === null ? null : sql`now() + make_interval(secs => ${n.nextInSec})`},
                  ${n.state !== 'detected' ? sql`now()` : null}, ${n.state === 'healing' || n.state === 'resolved' ? sql`now()` : null},
                  ${n.state === 'resolved' ? sql`now()` : null}, ${n.state === 'escalated' ? sql`now()` : null},
                  ${n.resolution ?? null}, ${n.resolvedBy ?? null}, ${n.detectedAt ? sql`${n.detectedAt}::timestamptz` : sql`now()`})
          ON CONFLICT DO NOTHING
          RETURNING *)
        SELECT ${COLUMNS} FROM i`,
  );
  return row ?? null;
}

/** The open incident of a cause on an object, locked (null: none, or another pass holds it). */
export async function lockOpen(tx: Sql, cause: string, objectKey: string) {
  const [row] = await rowsOf(
    tx,
    IncidentRow,
    sql`SELECT ${COLUMNS} FROM incidents i
         WHERE i.cause = ${cause} AND i.object_key = ${objectKey} AND i.state <> 'resolved'
           AND (i.claimed_until IS NULL OR i.claimed_until < now())
         FOR UPDATE SKIP LOCKED`,
  );
  return row ?? null;
}

/** The latest resolved incident of a cause on an object with a follow-up to do, locked. */
export async function lockFollowUp(tx: Sql, cause: string, objectKey: string, followUp: string) {
  const [row] = await rowsOf(
    tx,
    IncidentRow,
    sql`SELECT ${COLUMNS} FROM incidents i
         WHERE i.cause = ${cause} AND i.object_key = ${objectKey} AND i.state = 'resolved' AND i.follow_up = ${followUp}
         ORDER BY i.id DESC LIMIT 1
         FOR UPDATE SKIP LOCKED`,
  );
  return row ?? null;
}

/** Incidents due now, each claimed for leaseSec with a token of this pass (SKIP LOCKED: one pass each). */
export async function claimDue(tx: Sql, limit: number, leaseSec: number) {
  const rows = await rowsOf(
    tx,
    Type.Composite([IncidentRow, Type.Object({ token: Str })]),
    sql`WITH due AS (
          SELECT id FROM incidents
           WHERE next_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
           ORDER BY next_at LIMIT ${limit}
           FOR UPDATE SKIP LOCKED),
        claimed AS (
          UPDATE incidents i SET claim_token = gen_random_uuid(), claimed_until = now() + make_interval(secs => ${leaseSec})
            FROM due WHERE i.id = due.id RETURNING i.*)
        SELECT ${COLUMNS}, i.claim_token::text AS token FROM claimed i ORDER BY i.next_at`,
  );
  return rows.map(({ token, ...incident }) => ({ incident: incident as IncidentRow, token }));
}

export interface IncidentChange {
  state?: 'detected' | 'diagnosing' | 'healing' | 'resolved' | 'escalated';
  /** Seconds from now until the engine looks again; null: not by itself. */
  nextInSec?: number | null;
  followUp?: string | null;
  details?: Record<string, unknown>;
  severity?: string;
  attempts?: number;
  resolution?: string | null;
  resolvedBy?: string | null;
  summary?: string;
  clientId?: string | null;
  /** A step under way: the pass keeps its claim (the state's time is stamped, the step goes on). */
  keepClaim?: boolean;
}

/**
 * Changes an incident; with a token, only while this pass still holds it (false: the lease ran
 * out and another pass took it, the caller's transaction must not commit). Stamps the time of
 * each state it enters and ends the claim.
 */
export async function changeIncident(tx: Sql, id: number, c: IncidentChange, token: string | null) {
  const next =
    c.nextInSec === undefined
      ? sql`next_at`
      : c.nextInSec === null
        ? sql`NULL`
        : sql`now() + make_interval(secs => ${c.nextInSec})`;
  const [row] = await rowsOf(
    tx,
    IncidentRow,
    sql`WITH u AS (
          UPDATE incidents SET
            state = coalesce(${c.state ?? null}, state),
            next_at = ${next},
            follow_up = ${c.followUp === undefined ? sql`follow_up` : c.followUp},
            details = ${c.details === undefined ? sql`details` : sql`${JSON.stringify(c.details)}::jsonb`},
            severity = coalesce(${c.severity ?? null}, severity),
            attempts = coalesce(${c.attempts ?? null}, attempts),
            summary = coalesce(${c.summary ?? null}, summary),
            client_id = ${c.clientId === undefined ? sql`client_id` : c.clientId},
            resolution = ${c.resolution === undefined ? sql`resolution` : c.resolution},
            resolved_by = ${c.resolvedBy === undefined ? sql`resolved_by` : c.resolvedBy},
            diagnosed_at = CASE WHEN ${c.state ?? null}::text IS NOT NULL AND ${c.state ?? null}::text <> 'detected'
                                THEN coalesce(diagnosed_at, now()) ELSE diagnosed_at END,
            healing_at = CASE WHEN ${c.state ?? null}::text = 'healing' THEN coalesce(healing_at, now()) ELSE healing_at END,
            resolved_at = CASE WHEN ${c.state ?? null}::text = 'resolved' THEN coalesce(resolved_at, now())
                               WHEN ${c.state ?? null}::text IS NOT NULL THEN NULL ELSE resolved_at END,
            escalated_at = CASE WHEN ${c.state ?? null}::text = 'escalated' THEN coalesce(escalated_at, now()) ELSE escalated_at END,
            claim_token = ${c.keepClaim ? sql`claim_token` : sql`NULL`}, claimed_until = ${c.keepClaim ? sql`claimed_until` : sql`NULL`},
            updated_at = now()
          WHERE id = ${id} ${token === null ? sql`` : sql`AND claim_token = ${token}::uuid`}
          RETURNING *)
        SELECT ${COLUMNS} FROM u i`,
  );
  return row ?? null;
}

export const AttemptRow = Type.Object({
  id: Int,
  incident_id: Int,
  action: Str,
  result: Str,
  client_id: Nullable(Str),
  moved: Type.Boolean(),
  detail: Nullable(Str),
  started_at: SqlTime,
  finished_at: SqlTime,
});
export type AttemptRow = Static<typeof AttemptRow>;

export interface NewAttempt {
  incidentId: number;
  tenantId: number | null;
  action: string;
  result: 'success' | 'failed' | 'skipped';
  clientId?: string | null;
  moved?: boolean;
  detail?: string | null;
  startedAt?: Date;
}

export async function insertAttempt(tx: Sql, a: NewAttempt) {
  await tx.execute(
    sql`INSERT INTO incident_attempts (incident_id, tenant_id, action, result, client_id, moved, detail, started_at)
        VALUES (${a.incidentId}, ${a.tenantId}, ${a.action}, ${a.result}, ${a.clientId ?? null}, ${a.moved ?? false},
                ${a.detail ?? null}, ${a.startedAt ? a.startedAt.toISOString() : sql`now()`})`,
  );
}

/** A move reserved before it is made: it counts for the cooldown and the hourly limit from now. */
export async function reserveMove(tx: Sql, incidentId: number, tenantId: number, clientId: string, action: string) {
  const [r] = await rowsOf(
    tx,
    Type.Object({ id: Int }),
    sql`INSERT INTO incident_attempts (incident_id, tenant_id, action, result, client_id, moved)
        VALUES (${incidentId}, ${tenantId}, ${action}, 'pending', ${clientId}, true) RETURNING id::int AS id`,
  );
  return (r as { id: number }).id;
}

/** A reserved move's end: a failed one no longer counts. */
export const endMove = (db: Sql, id: number, result: 'success' | 'failed', moved: boolean, detail: string) =>
  db.execute(
    sql`UPDATE incident_attempts SET result = ${result}, moved = ${moved}, detail = ${detail}, finished_at = now() WHERE id = ${id}`,
  );

export const attemptsOf = (db: Sql, incidentId: number) =>
  rowsOf(
    db,
    AttemptRow,
    sql`SELECT id::int AS id, incident_id::int AS incident_id, action, result, client_id, moved, detail,
               started_at::text AS started_at, finished_at::text AS finished_at
          FROM incident_attempts WHERE incident_id = ${incidentId} ORDER BY id`,
  );

/** The tenant's moves are counted one caller at a time (several replicas: the hourly limit holds). */
export const lockMoves = (tx: Sql, tenantId: number) =>
  tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('ionmesh-healing-moves'), ${tenantId})`);

/** Moves by self-healing in the tenant's last hour, and when the client was last moved. */
export async function moveBudget(tx: Sql, tenantId: number, clientId: string) {
  const [r] = await rowsOf(
    tx,
    Type.Object({ last_hour: Int, client_last: Nullable(SqlTime), since_sec: Nullable(Type.Number()) }),
    sql`SELECT (SELECT count(*)::int FROM incident_attempts
                 WHERE tenant_id = ${tenantId} AND moved AND started_at > now() - interval '1 hour') AS last_hour,
               m.at::text AS client_last, extract(epoch FROM now() - m.at)::float8 AS since_sec
          FROM (SELECT max(started_at) AS at FROM incident_attempts
                 WHERE tenant_id = ${tenantId} AND client_id = ${clientId} AND moved) m`,
  );
  return r ?? { last_hour: 0, client_last: null, since_sec: null };
}

export interface IncidentFilter {
  tenantId: number | undefined;
  cause?: string;
  state?: string;
  severity?: string;
  clientId?: string;
  bankId?: number;
}

export async function listIncidents(db: Sql, f: IncidentFilter, limit: number, offset: number) {
  const where = sql.join(
    [
      sql`true`,
      f.tenantId === undefined ? sql`` : sql`AND i.tenant_id = ${f.tenantId}`,
      f.cause ? sql`AND i.cause = ${f.cause}` : sql``,
      f.state === 'open' ? sql`AND i.state <> 'resolved'` : f.state ? sql`AND i.state = ${f.state}` : sql``,
      f.severity ? sql`AND i.severity = ${f.severity}` : sql``,
      f.clientId ? sql`AND i.client_id = ${f.clientId}` : sql``,
      f.bankId !== undefined ? sql`AND i.bank_id = ${f.bankId}` : sql``,
    ],
    sql` `,
  );
  const items = await rowsOf(
    db,
    IncidentRow,
    sql`SELECT ${COLUMNS} FROM incidents i WHERE ${where} ORDER BY i.id DESC LIMIT ${limit} OFFSET ${offset}`,
  );
  const [total] = await rowsOf(db, CountRow, sql`SELECT count(*)::int AS n FROM incidents i WHERE ${where}`);
  return { items, total: total?.n ?? 0 };
}

export async function getIncident(db: Sql, id: number, lock = false) {
  const [row] = await rowsOf(
    db,
    IncidentRow,
    sql`SELECT ${COLUMNS} FROM incidents i WHERE i.id = ${id} ${lock ? sql`FOR UPDATE` : sql``}`,
  );
  return row ?? null;
}

export const acknowledge = (tx: Sql, id: number, by: string) =>
  tx.execute(sql`UPDATE incidents SET acknowledged_at = coalesce(acknowledged_at, now()), acknowledged_by = coalesce(acknowledged_by, ${by}),
                        updated_at = now() WHERE id = ${id}`);

/** A tenant's stored playbooks (what it changed), null when it changed nothing. */
export async function storedPlaybooks(db: Sql, tenantId: number) {
  const [r] = await rowsOf(
    db,
    Type.Object({ playbooks: Type.Unknown() }),
    sql`SELECT playbooks FROM healing_settings WHERE tenant_id = ${tenantId}`,
  );
  return r?.playbooks ?? null;
}

export const putPlaybooks = (tx: Sql, tenantId: number, playbooks: unknown) =>
  tx.execute(
    sql`INSERT INTO healing_settings (tenant_id, playbooks, updated_at) VALUES (${tenantId}, ${JSON.stringify(playbooks)}::jsonb, now())
        ON CONFLICT (tenant_id) DO UPDATE SET playbooks = EXCLUDED.playbooks, updated_at = now()`,
  );

/** A card: its tenant, status, carrier and the client on it. */
export const CardNow = Type.Object({
  tenant_id: Int,
  bank_id: Int,
  slot_id: Int,
  status: Str,
  mcc_mnc: Nullable(Str),
  client_id: Nullable(Str),
  mapping_mode: Nullable(Str),
});
export async function cardNow(db: Sql, bankId: number, slotId: number) {
  const [r] = await rowsOf(
    db,
    CardNow,
    sql`SELECT b.tenant_id, s.bank_id, s.slot_id, s.status, s.mcc_mnc, p.client_id, p.mapping_mode
          FROM inventory_slots s JOIN inventory_banks b ON b.bank_id = s.bank_id
          LEFT JOIN clients_profiles p ON p.bank_id = s.bank_id AND p.slot_id = s.slot_id AND p.status = 'ACTIVE'
                                      AND p.mapping_mode <> 'KI_PROXY_SWSIM'
         WHERE s.bank_id = ${bankId} AND s.slot_id = ${slotId}`,
  );
  return r ?? null;
}

/** The clients a bank serves now: one-to-one cards and KI proxy virtual slots. */
export const clientsOnBank = (db: Sql, bankId: number) =>
  rowsOf(
    db,
    Type.Object({ client_id: Str, tenant_id: Int, bank_id: Int, slot_id: Int, mapping_mode: Str }),
    sql`SELECT p.client_id, p.tenant_id, p.bank_id, p.slot_id, p.mapping_mode FROM clients_profiles p
         WHERE p.bank_id = ${bankId} AND p.status = 'ACTIVE'
         ORDER BY p.client_id`,
  );

/** A bank: whether its remsim-server lists its bankd, and the bankd serving it. */
export async function bankNow(db: Sql, bankId: number) {
  const [r] = await rowsOf(
    db,
    Type.Object({ bank_id: Int, tenant_id: Int, bankd_connected: Nullable(Type.Boolean()), bankd_instance_id: Nullable(Int) }),
    sql`SELECT bank_id, tenant_id, bankd_connected, bankd_instance_id FROM inventory_banks WHERE bank_id = ${bankId}`,
  );
  return r ?? null;
}

/** Where a client is now: its active profiles (of the tenant, when one is given). */
export const clientNow = (db: Sql, clientId: string, tenantId: number | null) =>
  rowsOf(
    db,
    Type.Object({ tenant_id: Int, bank_id: Int, slot_id: Int, liveness: Str, mapping_mode: Str }),
    sql`SELECT p.tenant_id, p.bank_id, p.slot_id, p.liveness, p.mapping_mode FROM clients_profiles p
         WHERE p.client_id = ${clientId} AND p.status = 'ACTIVE' ${tenantId === null ? sql`` : sql`AND p.tenant_id = ${tenantId}`}`,
  );

/** A slot is free to take back (available, regular, its bank's bankd not known to be gone). */
export async function slotFree(db: Sql, bankId: number, slotId: number) {
  const [r] = await rowsOf(
    db,
    CountRow,
    sql`SELECT count(*)::int AS n FROM inventory_slots s JOIN inventory_banks b ON b.bank_id = s.bank_id
         WHERE s.bank_id = ${bankId} AND s.slot_id = ${slotId} AND s.status = 'available' AND s.card_type = 'REGULAR'
           AND b.bankd_connected IS NOT FALSE`,
  );
  return (r?.n ?? 0) > 0;
}

/** A remsim-server: reachable, maps stalled on its last pass, and whether a pass succeeded since a moment. */
export async function serverNow(db: Sql, serverId: number, since: string) {
  const [r] = await rowsOf(
    db,
    Type.Object({ id: Int, url: Str, reachable: Nullable(Type.Boolean()), stalled: Int, passed_since: Type.Boolean() }),
    sql`SELECT id, url, reachable, jsonb_array_length(stalled)::int AS stalled,
               coalesce(last_success_at > ${since}::timestamptz, false) AS passed_since
          FROM inventory_remsim_servers WHERE id = ${serverId}`,
  );
  return r ?? null;
}

/** A client's assignment now: its RSPRO identity (unchanged by a move) and the card and bankd serving it. */
export async function assignmentOf(db: Sql, clientId: string, tenantId: number) {
  const [r] = await rowsOf(
    db,
    Type.Object({
      rspro_client_id: Int,
      rspro_slot_nr: Int,
      bank_id: Int,
      slot_id: Int,
      iccid: Nullable(Str),
      imsi: Nullable(Str),
      bankd_endpoint: Nullable(Str),
    }),
    sql`SELECT p.rspro_client_id, p.rspro_slot_nr, p.bank_id, p.slot_id, s.iccid, s.imsi, bi.endpoint AS bankd_endpoint
          FROM clients_profiles p
          JOIN inventory_slots s ON s.bank_id = p.bank_id AND s.slot_id = p.slot_id
          JOIN inventory_banks b ON b.bank_id = p.bank_id
          LEFT JOIN inventory_bankds bi ON bi.id = b.bankd_instance_id
         WHERE p.client_id = ${clientId} AND p.tenant_id = ${tenantId} AND p.status = 'ACTIVE'`,
  );
  if (!r) throw new Error(`${clientId} has no active profile right after its move`);
  return r;
}
