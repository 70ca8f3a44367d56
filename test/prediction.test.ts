// Fault prediction, as an operator meets it: IonMesh ships a model and installs it; the
// prediction job reads each heartbeating client's history from the database and judges it the
// way the model was trained (the same features as the simulator's labelled routers), records the
// prediction and writes prediction.connection_failure once per warning, which a rule acts on.
// Models are trained from a seed (the same seed, the same model), uploaded as the next version,
// refused when they cannot run here, and switched.
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_NAMES, featuresOf } from '../src/domain/fault-features.js';
import { FailureModel, type ModelJson, SHIPPED_MODEL } from '../src/modules/prediction/index.js';
import { type FaultRouter, historyAt, simulateFaults } from '../src/sim/faults.js';
import { trainAndMeasure, uploadOf } from '../src/sim/prediction-run.js';
import { type Harness, json, onPostgres, settledTick, startIonMesh, startReplica } from './support/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field
type Doc = Record<string, any>;

async function answer(res: Response | Promise<Response>, status = 200) {
  const r = await res;
  const body = await r.json();
  expect(r.status, JSON.stringify(body)).toBe(status);
  return body as Doc;
}

const shipped = JSON.parse(readFileSync(SHIPPED_MODEL, 'utf8'));
const model = new FailureModel(shipped.model as ModelJson);

/** A simulated router and a moment of its history the shipped model judges as `expect`. */
function pick(routers: FaultRouter[], scenario: string, failing: boolean) {
  for (const r of routers.filter((x) => x.scenario === scenario && x.disconnects.length === (failing ? 1 : 0))) {
    const moment = failing ? (r.failure_at as number) - 15 * 60_000 : (r.samples[r.samples.length - 1] as { t: number }).t;
    const [p] = model.predict([featuresOf(historyAt(r, moment), moment)]);
    if (p?.failure_predicted === failing) return { router: r, moment };
  }
  throw new Error(`no ${scenario} router the shipped model judges ${failing}`);
}

describe('fault prediction', () => {
  let h: Harness;
  const client = (path: string, body: unknown) =>
    fetch(`${h.url}/api/backend/v1/remsim${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const routers = simulateFaults({ seed: 5, routers: 120, hours: 12 });
  const sick = pick(routers, 'signal_degrade', true);
  const well = pick(routers, 'healthy', false);
  /** Each picked router's history, written as heartbeat samples that end now (what the stats keep). */
  let shift = 0;

  beforeAll(async () => {
    h = await startIonMesh();
    for (const id of ['sick-1', 'well-1']) {
      await answer(client('/register-client', { client_id: id, tenant_id: 1 }));
      await answer(client('/heartbeat', { client_id: id, tenant_id: 1 }));
    }
    const [now] = await h.query<{ ms: number }>(sql`SELECT (extract(epoch FROM now()) * 1000)::float8 AS ms`);
    shift = (now?.ms as number) - sick.moment;
    const wellShift = (now?.ms as number) - well.moment;
    for (const [id, r, s, moment] of [
      ['sick-1', sick.router, shift, sick.moment],
      ['well-1', well.router, wellShift, well.moment],
    ] as const) {
      const samples = r.samples.filter((x) => x.t > moment - 3 * 3_600_000 && x.t <= moment);
      for (const x of samples)
        await h.query(
          sql`INSERT INTO client_stats_raw (tenant_id, client_id, ts, rssi, rsrq, sinr, tpdu_count, tpdu_errors, uptime_sec)
              VALUES (1, ${id}, to_timestamp(${(x.t + s) / 1000}), ${x.rssi}, ${x.rsrq}, ${x.sinr}, ${x.tpdu_count}, ${x.tpdu_errors}, ${x.uptime_sec})`,
        );
    }
  });
  afterAll(async () => {
    await h?.close();
  });

  it('installs the shipped model with its measured quality', async () => {
    const models = await answer(h.admin('/prediction-models'));
    expect(models.items).toEqual([
      expect.objectContaining({
        version: 1,
        active: true,
        created_by: 'shipped',
        algorithm: 'gradient_boosting',
        horizon_min: shipped.model.horizon_min,
        features: [...FEATURE_NAMES],
      }),
    ]);
    // As trained (stored as a real, answered without float noise).
    expect(models.items[0].threshold).toBe(shipped.model.threshold);
    const q = models.items[0].quality;
    expect(q).toMatchObject({ precision: expect.any(Number), recall: expect.any(Number), lead_p50_min: expect.any(Number) });
    expect(q.per_router.recall).toBeGreaterThan(0.8);
  });

  it('warns of the client heading for a failure, once, from the history in the database — as the model judged it', async () => {
    const first = await h.services.prediction.run();
    expect(first).toEqual({ judged: 2, warned: 1 });
    const page = await answer(h.admin('/predictions?at_risk=true'));
    expect(page.items).toHaveLength(1);
    const p = page.items[0];
    expect(p).toMatchObject({
      client_id: 'sick-1',
      failure_predicted: true,
      model_version: 1,
      recommended_action: expect.any(String),
    });
    expect(p.ttf_min).toBeGreaterThanOrEqual(0);
    expect(p.ttf_min).toBeLessThanOrEqual(shipped.model.horizon_min);
    // The server read the same numbers the simulator's router had at that moment.
    const at = Date.parse(p.at) - shift;
    const expected = featuresOf(historyAt(sick.router, at), at);
    FEATURE_NAMES.forEach((n, i) => {
      if (n === 'hour_sin' || n === 'hour_cos') return; // the server judges now; the router's clock is another day
      expect(p.features[n], n).toBeCloseTo(expected[i] as number, 1);
    });
    const all = await answer(h.admin('/predictions'));
    expect(all.items.find((x: Doc) => x.client_id === 'well-1')).toMatchObject({ failure_predicted: false });

    const events = await h.query<{ data: Doc }>(sql`SELECT data FROM events WHERE type = 'prediction.connection_failure'`);
    expect(events.map((e) => e.data)).toEqual([
      expect.objectContaining({ client_id: 'sick-1', model_version: 1, horizon_min: shipped.model.horizon_min }),
    ]);
    // The next pass: the warning goes on, no second event.
    expect(await h.services.prediction.run()).toEqual({ judged: 2, warned: 0 });
    expect(await h.query(sql`SELECT id FROM events WHERE type = 'prediction.connection_failure'`)).toHaveLength(1);
  });

  it('judges the fleet once per interval however many replicas run the job, and keeps each pass on record', async () => {
    const replica = onPostgres ? await startReplica(h) : null;
    try {
      const at = Date.UTC(2026, 11, 7, 12, 0, 30);
      const runs = await Promise.all([
        h.services.prediction.scheduled(3600, at),
        (replica ?? h).services.prediction.scheduled(3600, at + 1000),
      ]);
      expect(runs.reduce((a, b) => a + b, 0)).toBe(1);
      // The same interval again: nothing new to run.
      expect(await h.services.prediction.scheduled(3600, at + 60_000)).toBe(0);
      const passes = await answer(h.admin('/work-items?kind=prediction.pass'));
      expect(passes.items).toEqual([
        expect.objectContaining({
          object: 'fleet',
          owner: 'prediction',
          state: 'done',
          tenant_id: null,
          result: { judged: 2, warned: 0 },
          attempt_log: [expect.objectContaining({ attempt: 1, outcome: 'done' })],
        }),
      ]);
      // The next interval has a pass of its own.
      expect(await h.services.prediction.scheduled(3600, at + 3_600_000)).toBe(1);
    } finally {
      await replica?.close();
    }
  });

  it('lets a rule act on a predicted failure', async () => {
    await answer(
      h.admin(
        '/rules',
        json({
          tenant_id: 1,
          name: 'act on predictions',
          trigger: { kind: 'event', event_type: 'prediction.connection_failure' },
          conditions: { expression: 'data.probability >= 0.3' },
          actions: [{ type: 'notify' }],
        }),
      ),
    );
    // The rule is new: the warning event comes again after a pass without it.
    await h.query(sql`UPDATE client_predictions SET warned_since = NULL`);
    await h.services.prediction.run();
    // (The engine waits out a gap younger than 5 s in the outbox: polled.)
    const fired = async () => {
      await settledTick(h, h.services.rulesEngine);
      return (await h.query<{ data: Doc }>(sql`SELECT data FROM events WHERE type = 'rule.fired'`)).map((e) => e.data);
    };
    await expect
      .poll(fired, { timeout: 8000, interval: 200 })
      .toEqual([expect.objectContaining({ client_id: 'sick-1', rule_name: 'act on predictions' })]);
  });

  it('trains the same model from the same seed, and another from another', () => {
    const small = { routers: 60, testRouters: 30, hours: 8, trees: 15 };
    const a = trainAndMeasure({ ...small, seed: 3, testSeed: 4 });
    const b = trainAndMeasure({ ...small, seed: 3, testSeed: 4 });
    const c = trainAndMeasure({ ...small, seed: 5, testSeed: 4 });
    expect(JSON.stringify(a.model.json)).toBe(JSON.stringify(b.model.json));
    expect(a.quality).toEqual(b.quality);
    expect(JSON.stringify(c.model.json)).not.toBe(JSON.stringify(a.model.json));
    expect(() => trainAndMeasure({ ...small, seed: 4, testSeed: 4 })).toThrow(/another seed/);
    expect(JSON.stringify(simulateFaults({ seed: 9, routers: 5, hours: 2 }))).toBe(
      JSON.stringify(simulateFaults({ seed: 9, routers: 5, hours: 2 })),
    );
  });

  it('takes an uploaded model as the next version, refuses one that cannot run here, and switches back', async () => {
    const report = trainAndMeasure({ routers: 60, testRouters: 30, hours: 8, trees: 15, seed: 21, testSeed: 22 });
    const upload = uploadOf(report);
    const count = async () => (await h.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM prediction_models`))[0]?.n;
    const wrongFeatures = { ...upload, model: { ...upload.model, features: upload.model.features.slice(1) } };
    expect((await answer(h.admin('/prediction-models', json(wrongFeatures)), 400)).code).toBe('MODEL_INVALID');
    const tree = upload.model.classifier.trees[0] as { l: number[] };
    const broken = structuredClone(upload);
    (broken.model.classifier.trees[0] as { l: number[] }).l = tree.l.map((x) => Math.min(x, 0));
    expect((await answer(h.admin('/prediction-models', json(broken)), 400)).code).toBe('MODEL_INVALID');
    expect((await answer(h.admin('/prediction-models', json({ ...upload, model: { algorithm: 'magic' } })), 400)).code).toBe(
      'VALIDATION_ERROR',
    );
    expect(await count()).toBe(1);

    const v2 = await answer(h.admin('/prediction-models', json(upload)));
    expect(v2).toMatchObject({
      version: 2,
      active: true,
      quality: expect.objectContaining({ precision: report.quality.precision }),
    });
    expect((await answer(h.admin('/prediction-models/1'))).active).toBe(false);
    await h.services.prediction.run();
    expect((await answer(h.admin('/predictions?client_id=sick-1'))).items[0].model_version).toBe(2);
    expect((await answer(h.admin('/prediction-models/1/activate', { method: 'POST' }))).active).toBe(true);
    expect((await answer(h.admin('/prediction-models/2'))).active).toBe(false);
    expect((await answer(h.admin('/prediction-models/9/activate', { method: 'POST' }), 404)).code).toBe('MODEL_NOT_FOUND');
    const audit = await answer(h.admin('/audit-log?action=prediction_model.create'));
    expect(audit.items).toHaveLength(1);
  });
});
