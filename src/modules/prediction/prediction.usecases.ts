// Fault prediction for the fleet: the prediction job judges every client that heartbeats with the
// active model (features from its stats history, src/domain/fault-features.ts), keeps its latest
// prediction and writes prediction.connection_failure once when a warning begins (rules and
// webhooks act on it). Models are uploaded (ionmesh predict train trains them, from the
// simulator's labelled faults) with their measured quality, kept by version, one active; a model
// ships with IonMesh and is installed when the database has none.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../app/database.js';
import type { WorkEngine } from '../../app/work/index.js';
import type { Actor } from '../../domain/actor.js';
import { type ClientHistory, FEATURE_NAMES, featuresOf } from '../../domain/fault-features.js';
import { readTenant, type TenantScope } from '../../domain/tenant-scope.js';
import { recordAudit } from '../audit/index.js';
import { insertEvent } from '../events/index.js';
import { gbdtProblem } from './gbdt.js';
import { modelInvalid, modelNotFound } from './prediction.errors.js';
import { FailureModel, type ModelJson } from './prediction.model.js';
import * as repo from './prediction.repository.js';

const Num = Type.Number();
const Nums = Type.Array(Num, { maxItems: 10_000 });
const Gbdt = Type.Object(
  {
    objective: Type.Union([Type.Literal('binary'), Type.Literal('regression')]),
    base: Num,
    trees: Type.Array(Type.Object({ f: Nums, t: Nums, l: Nums, r: Nums, v: Nums }, { additionalProperties: false }), {
      maxItems: 2000,
    }),
    importance: Nums,
  },
  { additionalProperties: false },
);
export const ModelSchema = Type.Object(
  {
    algorithm: Type.Literal('gradient_boosting'),
    features: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 200 }),
    horizon_min: Type.Integer({ minimum: 1, maximum: 1440 }),
    threshold: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }),
    classifier: Gbdt,
    regressor: Type.Union([Gbdt, Type.Null()]),
  },
  { additionalProperties: false },
);
export const UploadSchema = Type.Object(
  {
    model: ModelSchema,
    quality: Type.Record(Type.String(), Type.Unknown(), { description: 'As measured on a test set the model never saw' }),
    training: Type.Record(Type.String(), Type.Unknown(), { description: 'How it was trained (seeds, routers, hours)' }),
    activate: Type.Optional(Type.Boolean({ description: 'Make it the active model (default true)' })),
  },
  { additionalProperties: false },
);
export type Upload = Static<typeof UploadSchema>;

/** The model that ships with IonMesh (trained by `ionmesh predict train`; its quality is in it). */
export const SHIPPED_MODEL = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'models', 'fault-prediction.json');

/** What is wrong with a model's trees (none: every node's children and features are in range). */
const treeProblem = (m: ModelJson) =>
  [m.classifier, m.regressor].reduce<string | null>(
    (found, g) => found ?? (g ? gbdtProblem(g, FEATURE_NAMES.length) : null),
    null,
  );

export class PredictionService {
  private cached: { version: number; model: FailureModel } | null = null;
  /** The pass as claimed work: once per interval across every replica, retried, on record. */
  private readonly passes;

  constructor(
    private readonly db: Database,
    work: WorkEngine,
    private readonly log?: FastifyBaseLogger,
    private readonly settings: { batch?: number; shippedModel?: string | null } = {},
  ) {
    this.passes = work.define<Record<string, never>>({
      owner: 'prediction',
      kind: 'prediction.pass',
      maxAttempts: 3,
      backoff: { base: 30, max: 300, jitter: 0.2 },
      // A pass over a large fleet takes a while: its claim holds a minute between renewals.
      leaseSec: 60,
      run: async () => ({ detail: await this.run() }),
    });
  }

  /**
   * The prediction job of every replica: this interval's pass is enqueued once (whichever replica
   * asks first) and run by the replica that claims it, so a fleet is judged once per interval
   * however many replicas run, and a pass whose replica stopped is taken over.
   */
  async scheduled(everySec: number, now = Date.now()) {
    await this.passes.schedule(everySec, { object: 'fleet', tenantId: null, payload: {} }, now);
    return this.passes.drain(1);
  }

  /** The active model (the shipped one is installed when the database has none). */
  async model() {
    let row = await this.db.run((h) => repo.activeModel(h));
    if (!row && this.settings.shippedModel !== null) {
      await this.installShipped();
      row = await this.db.run((h) => repo.activeModel(h));
    }
    if (!row) return null;
    if (this.cached?.version !== row.version)
      this.cached = { version: row.version, model: new FailureModel(row.model as ModelJson) };
    return this.cached;
  }

  private async installShipped() {
    const path = this.settings.shippedModel ?? SHIPPED_MODEL;
    let file: Upload;
    try {
      file = JSON.parse(readFileSync(path, 'utf8')) as Upload;
    } catch (err) {
      this.log?.warn({ err, path }, 'no prediction model: the shipped one cannot be read');
      return;
    }
    await this.db.transaction(async (tx) => {
      if (await repo.activeModel(tx)) return;
      await repo.activate(tx, await repo.insertModel(tx, this.values(file, 'shipped')));
    });
  }

  private values(u: Upload, by: string): repo.NewModel {
    if (!Value.Check(UploadSchema, u)) throw modelInvalid('not a model of this IonMesh');
    if (u.model.features.join(',') !== FEATURE_NAMES.join(','))
      throw modelInvalid(
        `it was trained on other features (${u.model.features.length}) than this IonMesh computes (${FEATURE_NAMES.length})`,
      );
    const broken = treeProblem(u.model as ModelJson);
    if (broken) throw modelInvalid(broken);
    return {
      algorithm: u.model.algorithm,
      horizonMin: u.model.horizon_min,
      threshold: u.model.threshold,
      features: u.model.features,
      model: u.model,
      quality: u.quality,
      training: u.training,
      createdBy: by,
    };
  }

  /** One pass: every client that heartbeats judged, in pages; answers how many and how many warned. */
  async run() {
    const active = await this.model();
    if (!active) return { judged: 0, warned: 0 };
    const batch = this.settings.batch ?? 500;
    const now = await this.db.run((h) => repo.dbNow(h));
    let after: repo.Target | null = null;
    let judged = 0;
    let warned = 0;
    for (let page = 0; page < 10_000; page++) {
      const cursor = after;
      const targets = await this.db.run((h) => repo.targetsAfter(h, cursor, batch));
      if (!targets.length) break;
      after = targets[targets.length - 1] as repo.Target;
      const histories = await this.histories(targets);
      const X = targets.map((_, i) => featuresOf(histories[i] as ClientHistory, now.ms));
      const predictions = active.model.predict(X);
      const rows: repo.PredictionValues[] = targets.map((t, i) => {
        const p = predictions[i] as (typeof predictions)[number];
        return {
          tenantId: t.tenant_id,
          clientId: t.client_id,
          bankId: t.bank_id,
          slotId: t.slot_id,
          modelVersion: active.version,
          probability: p.probability,
          confidence: p.confidence,
          failurePredicted: p.failure_predicted,
          ttfMin: p.ttf_min,
          recommendedAction: p.recommended_action,
          features: Object.fromEntries(
            FEATURE_NAMES.map((n, k) => [n, Math.round(((X[i] as number[])[k] as number) * 1000) / 1000]),
          ),
        };
      });
      await this.db.transaction(async (tx) => {
        const fresh = await repo.recordPredictions(tx, rows, now.now);
        for (const f of fresh) {
          const r = rows.find((x) => x.tenantId === f.tenant_id && x.clientId === f.client_id) as repo.PredictionValues;
          await insertEvent(tx, 'prediction.connection_failure', r.tenantId, {
            client_id: r.clientId,
            bank_id: r.bankId,
            slot_id: r.slotId,
            probability: r.probability,
            confidence: r.confidence,
            ttf_min: r.ttfMin,
            predicted_failure_at: f.predicted_failure_at,
            horizon_min: active.model.horizonMin,
            recommended_action: r.recommendedAction,
            model_version: active.version,
          });
        }
        warned += fresh.length;
      });
      judged += targets.length;
      if (targets.length < batch) break;
    }
    await this.db.run((h) => repo.pruneStale(h));
    if (warned) this.log?.info({ judged, warned, model: active.version }, 'fault prediction: clients expected to fail');
    return { judged, warned };
  }

  /** What the features need of each client, read for a page of clients at once. */
  private async histories(targets: repo.Target[]): Promise<ClientHistory[]> {
    const samples = await this.db.run((h) => repo.samplesOf(h, targets));
    const drops = await this.db.run((h) => repo.disconnectsOf(h, targets));
    const moves = await this.db.run((h) => repo.failoversOf(h, targets));
    const failures = await this.db.run((h) => repo.cardFailuresOf(h, targets));
    const key = (t: number, c: string) => `${t}/${c}`;
    const byClient = new Map<string, ClientHistory>(
      targets.map((t) => [key(t.tenant_id, t.client_id), { samples: [], disconnects: [], failovers24h: 0, cardFailures24h: 0 }]),
    );
    for (const s of samples) byClient.get(key(s.tenant_id, s.client_id))?.samples.push(s);
    for (const d of drops) byClient.get(key(d.tenant_id, d.client_id))?.disconnects.push(d.t);
    for (const m of moves) {
      const h = byClient.get(key(m.tenant_id, m.client_id));
      if (h) h.failovers24h = m.n;
    }
    return targets.map((t) => {
      const h = byClient.get(key(t.tenant_id, t.client_id)) as ClientHistory;
      h.cardFailures24h = failures.find((f) => f.bank_id === t.bank_id && f.slot_id === t.slot_id)?.n ?? 0;
      return h;
    });
  }

  list(q: { tenant_id?: number; client_id?: string; at_risk?: boolean; limit?: number; offset?: number }, scope: TenantScope) {
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    return this.db.run(async (h) => ({
      ...(await repo.listPredictions(
        h,
        {
          tenantId: readTenant(scope, q.tenant_id),
          ...(q.client_id ? { clientId: q.client_id } : {}),
          ...(q.at_risk ? { atRisk: true } : {}),
        },
        limit,
        offset,
      )),
      limit,
      offset,
    }));
  }

  async models(page: { limit?: number; offset?: number }) {
    await this.model(); // the shipped one, on a first look
    const limit = page.limit ?? 50;
    const offset = page.offset ?? 0;
    return { ...(await this.db.run((h) => repo.listModels(h, limit, offset))), limit, offset };
  }

  async getModel(version: number) {
    const m = await this.db.run((h) => repo.getModel(h, version));
    if (!m) throw modelNotFound(version);
    return m;
  }

  /** Stores a trained model as the next version (active unless asked otherwise); audited. */
  async upload(u: Upload, actor: Actor) {
    const values = this.values(u, actor.actor);
    const version = await this.db.transaction(async (tx) => {
      const v = await repo.insertModel(tx, values);
      if (u.activate ?? true) await repo.activate(tx, v);
      await recordAudit(tx, actor, {
        tenantId: null,
        action: 'prediction_model.create',
        entityType: 'prediction_model',
        entityId: `v${v}`,
        after: {
          algorithm: values.algorithm,
          horizon_min: values.horizonMin,
          quality: values.quality,
          training: values.training,
        },
      });
      return v;
    });
    return this.getModel(version);
  }

  async activate(version: number, actor: Actor) {
    await this.db.transaction(async (tx) => {
      if (!(await repo.getModel(tx, version))) throw modelNotFound(version);
      await repo.activate(tx, version);
      await recordAudit(tx, actor, {
        tenantId: null,
        action: 'prediction_model.activate',
        entityType: 'prediction_model',
        entityId: `v${version}`,
      });
    });
    return this.getModel(version);
  }
}
