// SQL of fault prediction: the models, the clients to judge (those that heartbeat), what the
// features need of each (samples of three hours, disconnects, moves to another card and failures of
// its card in a day), and each client's latest prediction.
import { type Static, Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { CountRow, rowsOf, type Sql, SqlTime } from '../../app/database.js';
import { Nullable } from '../../app/schemas.js';

const Int = Type.Integer();
const Str = Type.String();
const Num = Type.Number();

export const ModelRow = Type.Object({
  id: Int,
  version: Int,
  algorithm: Str,
  horizon_min: Int,
  threshold: Num,
  features: Type.Array(Str),
  quality: Type.Record(Str, Type.Unknown()),
  training: Type.Record(Str, Type.Unknown()),
  active: Type.Boolean(),
  created_by: Str,
  created_at: SqlTime,
});
export type ModelRow = Static<typeof ModelRow>;
const MODEL_COLUMNS = sql`id, version, algorithm, horizon_min, round(threshold::numeric, 4)::float8 AS threshold, features, quality, training, active,
  created_by, created_at::text AS created_at`;

export async function activeModel(db: Sql) {
  const [r] = await rowsOf(
    db,
    Type.Composite([ModelRow, Type.Object({ model: Type.Unknown() })]),
    sql`SELECT ${MODEL_COLUMNS}, model FROM prediction_models WHERE active`,
  );
  return r ?? null;
}

export async function listModels(db: Sql, limit: number, offset: number) {
  const items = await rowsOf(
    db,
    ModelRow,
    sql`SELECT ${MODEL_COLUMNS} FROM prediction_models ORDER BY version DESC LIMIT ${limit} OFFSET ${offset}`,
  );
  const [total] = await rowsOf(db, CountRow, sql`SELECT count(*)::int AS n FROM prediction_models`);
  return { items, total: total?.n ?? 0 };
}

export async function getModel(db: Sql, version: number) {
  const [r] = await rowsOf(db, ModelRow, sql`SELECT ${MODEL_COLUMNS} FROM prediction_models WHERE version = ${version}`);
  return r ?? null;
}

export interface NewModel {
  algorithm: string;
  horizonMin: number;
  threshold: number;
  features: readonly string[];
  model: unknown;
  quality: unknown;
  training: unknown;
  createdBy: string;
}

/** Stores a model as the next version (serialised: versions never collide); answers the version. */
export async function insertModel(tx: Sql, m: NewModel) {
  await tx.execute(sql`LOCK TABLE prediction_models IN SHARE ROW EXCLUSIVE MODE`);
  const [r] = await rowsOf(
    tx,
    Type.Object({ version: Int }),
    sql`INSERT INTO prediction_models (version, algorithm, horizon_min, threshold, features, model, quality, training, created_by)
        VALUES ((SELECT coalesce(max(version), 0) + 1 FROM prediction_models), ${m.algorithm}, ${m.horizonMin}, ${m.threshold},
                ${JSON.stringify(m.features)}::jsonb, ${JSON.stringify(m.model)}::jsonb, ${JSON.stringify(m.quality)}::jsonb,
                ${JSON.stringify(m.training)}::jsonb, ${m.createdBy})
        RETURNING version`,
  );
  return (r as { version: number }).version;
}

/** Makes one model (by version) the active one; the one before steps down first. */
export async function activate(tx: Sql, version: number) {
  await tx.execute(sql`UPDATE prediction_models SET active = false WHERE active AND version <> ${version}`);
  await tx.execute(sql`UPDATE prediction_models SET active = true WHERE version = ${version}`);
}

export const Target = Type.Object({
  tenant_id: Int,
  client_id: Str,
  bank_id: Nullable(Int),
  slot_id: Nullable(Int),
});
export type Target = Static<typeof Target>;

/** Clients that heartbeat (samples to judge), in pages after a (tenant, client) cursor. */
export const targetsAfter = (db: Sql, after: { tenant_id: number; client_id: string } | null, limit: number) =>
  rowsOf(
    db,
    Target,
    sql`SELECT p.tenant_id, p.client_id, p.bank_id, p.slot_id FROM clients_profiles p
         WHERE p.status = 'ACTIVE' AND p.last_heartbeat > now() - interval '3 hours'
           ${after ? sql`AND (p.tenant_id, p.client_id) > (${after.tenant_id}, ${after.client_id})` : sql``}
         ORDER BY p.tenant_id, p.client_id LIMIT ${limit}`,
  );

const keys = (targets: Target[]) => ({
  tenants: `{${targets.map((t) => t.tenant_id).join(',')}}`,
  clients: sql.param(targets.map((t) => t.client_id)),
});

export const SampleRow = Type.Object({
  tenant_id: Int,
  client_id: Str,
  t: Num,
  rssi: Nullable(Num),
  rsrq: Nullable(Num),
  sinr: Nullable(Num),
  tpdu_count: Nullable(Num),
  tpdu_errors: Nullable(Num),
  uptime_sec: Nullable(Num),
});

/** The last three hours of samples of these clients, oldest first. */
export function samplesOf(db: Sql, targets: Target[]) {
  const k = keys(targets);
  return rowsOf(
    db,
    SampleRow,
    sql`SELECT s.tenant_id, s.client_id, (extract(epoch FROM s.ts) * 1000)::float8 AS t, s.rssi::float8 AS rssi,
               s.rsrq::float8 AS rsrq, s.sinr::float8 AS sinr, s.tpdu_count::float8 AS tpdu_count,
               s.tpdu_errors::float8 AS tpdu_errors, s.uptime_sec::float8 AS uptime_sec
          FROM stats_raw_samples s
          JOIN unnest(${k.tenants}::int[], ${k.clients}::text[]) AS c(tenant_id, client_id)
            ON s.tenant_id = c.tenant_id AND s.client_id = c.client_id
         WHERE s.ts > now() - interval '3 hours'
         ORDER BY s.tenant_id, s.client_id, s.ts`,
  );
}

/** When these clients went offline in the last day. */
export function disconnectsOf(db: Sql, targets: Target[]) {
  const k = keys(targets);
  return rowsOf(
    db,
    Type.Object({ tenant_id: Int, client_id: Str, t: Num }),
    sql`SELECT h.tenant_id, h.client_id, (extract(epoch FROM h.created_at) * 1000)::float8 AS t
          FROM clients_health_log h
          JOIN unnest(${k.tenants}::int[], ${k.clients}::text[]) AS c(tenant_id, client_id)
            ON h.tenant_id = c.tenant_id AND h.client_id = c.client_id
         WHERE h.kind = 'client_liveness' AND h.new_status = 'offline' AND h.created_at > now() - interval '1 day'`,
  );
}

/** Moves of these clients to another card in the last day (reassign, rotation, self-healing). */
export function failoversOf(db: Sql, targets: Target[]) {
  const k = keys(targets);
  return rowsOf(
    db,
    Type.Object({ tenant_id: Int, client_id: Str, n: Int }),
    sql`SELECT e.tenant_id, e.data->>'client_id' AS client_id, count(*)::int AS n
          FROM events_outbox e
          JOIN unnest(${k.tenants}::int[], ${k.clients}::text[]) AS c(tenant_id, client_id)
            ON e.tenant_id = c.tenant_id AND e.data->>'client_id' = c.client_id
         WHERE e.type IN ('client.reassigned', 'client.rotated') AND e.created_at > now() - interval '1 day'
         GROUP BY 1, 2`,
  );
}

/** Failures recorded against these cards in the last day. */
export function cardFailuresOf(db: Sql, targets: Target[]) {
  const cards = targets.filter((t) => t.bank_id !== null && t.slot_id !== null);
  if (!cards.length) return Promise.resolve([]);
  return rowsOf(
    db,
    Type.Object({ bank_id: Int, slot_id: Int, n: Int }),
    sql`SELECT f.bank_id, f.slot_id, count(*)::int AS n FROM usage_card_failures f
          JOIN unnest(${`{${cards.map((c) => c.bank_id).join(',')}}`}::int[], ${`{${cards.map((c) => c.slot_id).join(',')}}`}::int[])
            AS c(bank_id, slot_id) ON f.bank_id = c.bank_id AND f.slot_id = c.slot_id
         WHERE f.at > now() - interval '1 day'
         GROUP BY 1, 2`,
  );
}

export interface PredictionValues {
  tenantId: number;
  clientId: string;
  bankId: number | null;
  slotId: number | null;
  modelVersion: number;
  probability: number;
  confidence: number;
  failurePredicted: boolean;
  ttfMin: number | null;
  recommendedAction: string;
  features: Record<string, number>;
}

/** Records the latest predictions; answers those that begin a warning now (one event each). */
export async function recordPredictions(tx: Sql, rows: PredictionValues[], atIso: string) {
  if (!rows.length) return [];
  const values = sql.join(
    rows.map(
      (r) =>
        sql`(${r.tenantId}::int, ${r.clientId}::text, ${r.bankId}::int, ${r.slotId}::int, ${r.modelVersion}::int, ${atIso}::timestamptz,
             ${r.probability}::real, ${r.confidence}::real, ${r.failurePredicted}::boolean, ${r.ttfMin}::real,
             ${r.ttfMin === null ? sql`NULL::timestamptz` : sql`${atIso}::timestamptz + make_interval(secs => ${r.ttfMin * 60})`},
             ${r.recommendedAction}::text, ${JSON.stringify(r.features)}::jsonb)`,
    ),
    sql`, `,
  );
  return rowsOf(
    tx,
    Type.Object({ tenant_id: Int, client_id: Str, predicted_failure_at: Nullable(SqlTime), fresh: Type.Boolean() }),
    sql`INSERT INTO client_predictions AS cp (tenant_id, client_id, bank_id, slot_id, model_version, at, probability, confidence,
                                              failure_predicted, ttf_min, predicted_failure_at, recommended_action, features, warned_since)
        SELECT v.*, CASE WHEN v.failure_predicted THEN v.at END
          FROM (VALUES ${values}) AS v(tenant_id, client_id, bank_id, slot_id, model_version, at, probability, confidence,
                                       failure_predicted, ttf_min, predicted_failure_at, recommended_action, features)
        ON CONFLICT (tenant_id, client_id) DO UPDATE SET
          bank_id = EXCLUDED.bank_id, slot_id = EXCLUDED.slot_id, model_version = EXCLUDED.model_version, at = EXCLUDED.at,
          probability = EXCLUDED.probability, confidence = EXCLUDED.confidence, failure_predicted = EXCLUDED.failure_predicted,
          ttf_min = EXCLUDED.ttf_min, predicted_failure_at = EXCLUDED.predicted_failure_at,
          recommended_action = EXCLUDED.recommended_action, features = EXCLUDED.features,
          warned_since = CASE WHEN EXCLUDED.failure_predicted THEN coalesce(cp.warned_since, EXCLUDED.at) END
        RETURNING cp.tenant_id, cp.client_id, cp.predicted_failure_at::text AS predicted_failure_at,
                  coalesce(cp.warned_since = cp.at, false) AS fresh`,
  ).then((r) => r.filter((x) => x.fresh));
}

/** Predictions of clients that no longer heartbeat (or left) go. */
export const pruneStale = (db: Sql) => db.execute(sql`DELETE FROM client_predictions WHERE at < now() - interval '3 hours'`);

export const PredictionRow = Type.Object({
  tenant_id: Int,
  client_id: Str,
  bank_id: Nullable(Int),
  slot_id: Nullable(Int),
  model_version: Int,
  at: SqlTime,
  probability: Num,
  confidence: Num,
  failure_predicted: Type.Boolean(),
  ttf_min: Nullable(Num),
  predicted_failure_at: Nullable(SqlTime),
  recommended_action: Str,
  features: Type.Record(Str, Num),
  warned_since: Nullable(SqlTime),
});

export async function listPredictions(
  db: Sql,
  f: { tenantId: number | undefined; clientId?: string; atRisk?: boolean },
  limit: number,
  offset: number,
) {
  const where = sql.join(
    [
      sql`true`,
      f.tenantId === undefined ? sql`` : sql`AND tenant_id = ${f.tenantId}`,
      f.clientId ? sql`AND client_id = ${f.clientId}` : sql``,
      f.atRisk ? sql`AND failure_predicted` : sql``,
    ],
    sql` `,
  );
  const items = await rowsOf(
    db,
    PredictionRow,
    sql`SELECT tenant_id, client_id, bank_id, slot_id, model_version, at::text AS at,
               round(probability::numeric, 3)::float8 AS probability, round(confidence::numeric, 3)::float8 AS confidence,
               failure_predicted, round(ttf_min::numeric, 1)::float8 AS ttf_min,
               predicted_failure_at::text AS predicted_failure_at, recommended_action, features, warned_since::text AS warned_since
          FROM client_predictions WHERE ${where}
         ORDER BY probability DESC, tenant_id, client_id LIMIT ${limit} OFFSET ${offset}`,
  );
  const [total] = await rowsOf(db, CountRow, sql`SELECT count(*)::int AS n FROM client_predictions WHERE ${where}`);
  return { items, total: total?.n ?? 0 };
}

export const dbNow = async (db: Sql) =>
  (
    await rowsOf(
      db,
      Type.Object({ now: SqlTime, ms: Num }),
      sql`SELECT now()::text AS now, (extract(epoch FROM now()) * 1000)::float8 AS ms`,
    )
  )[0] as {
    now: string;
    ms: number;
  };
