// The fault prediction model: gradient-boosted trees (gbdt.ts) that answer, from a client's
// features (src/domain/fault-features.ts), the probability that it loses its connection within
// the horizon, and a second boosted model, trained on the failing moments, that estimates the
// minutes left. Trained on labelled histories, measured on others (never the ones it learnt
// from), kept as JSON with its version and quality.
import type { ClientHistory } from '../../domain/fault-features.js';
import { FEATURE_NAMES, featuresOf, recommendedAction } from '../../domain/fault-features.js';
import { type GbdtJson, predictGbdt, trainGbdt } from './gbdt.js';

export interface LabelledRouter {
  client_id: string;
  /** When it lost its connection for good (ms); null: never. */
  failure_at: number | null;
  /** Its history as the server reads it at a moment. */
  historyAt: (at: number) => ClientHistory;
  /** The moments it can be judged at (it was reporting): first and last sample. */
  from: number;
  to: number;
}

export interface ExampleOptions {
  horizonMin: number;
  /** A moment to judge every … minutes. */
  everyMin: number;
  /** Not before this much history. */
  warmupMin: number;
}

export interface Examples {
  X: number[][];
  /** 1: it fails within the horizon after the moment. */
  y: number[];
  /** Minutes to the failure (failing routers), else -1. */
  ttf: number[];
  /** Which router and moment each row is. */
  at: { router: number; t: number }[];
}

/** The moments every router is judged at, with their features and labels. */
export function examplesOf(routers: LabelledRouter[], o: ExampleOptions): Examples {
  const out: Examples = { X: [], y: [], ttf: [], at: [] };
  const every = o.everyMin * 60_000;
  routers.forEach((r, i) => {
    for (let t = r.from + o.warmupMin * 60_000; t < r.to; t += every) {
      if (r.failure_at !== null && t >= r.failure_at) break;
      const left = r.failure_at === null ? -1 : (r.failure_at - t) / 60_000;
      out.X.push(featuresOf(r.historyAt(t), t));
      out.y.push(left >= 0 && left <= o.horizonMin ? 1 : 0);
      out.ttf.push(left);
      out.at.push({ router: i, t });
    }
  });
  return out;
}

export interface TrainOptions {
  seed: number;
  trees?: number;
  depth?: number;
  horizonMin: number;
  /** Told as trees are grown: the draft (threshold), then the final models. */
  onProgress?: (done: number, total: number) => void;
}

export interface ModelQuality {
  /** Each judged moment: fails within the horizon or not. */
  windows: number;
  positives: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  /** Failing routers warned before their failure, and the warning's lead time (minutes). */
  routers: { failing: number; warned: number; healthy: number; false_alarms: number };
  /** The same per router: a failing one warned before it failed, a healthy one never warned. */
  per_router: { accuracy: number; precision: number; recall: number };
  lead_p50_min: number | null;
  lead_p10_min: number | null;
  /** Estimated against true minutes to failure, over the warned moments. */
  ttf_mae_min: number | null;
}

export interface ModelJson {
  algorithm: 'gradient_boosting';
  features: readonly string[];
  horizon_min: number;
  threshold: number;
  classifier: GbdtJson;
  regressor: GbdtJson | null;
}

export interface Prediction {
  probability: number;
  /** How sure the model is of its answer: the probability of the answer it gives. */
  confidence: number;
  failure_predicted: boolean;
  ttf_min: number | null;
  recommended_action: ReturnType<typeof recommendedAction>;
}

export class FailureModel {
  readonly threshold: number;
  readonly horizonMin: number;

  constructor(readonly json: ModelJson) {
    if (json.features.join(',') !== FEATURE_NAMES.join(','))
      throw new Error('the model was trained on other features than this IonMesh computes: retrain it');
    this.threshold = json.threshold;
    this.horizonMin = json.horizon_min;
  }

  /** The probability that each row fails within the horizon. */
  probabilities(X: number[][]): number[] {
    return X.map((x) => predictGbdt(this.json.classifier, x));
  }

  predict(X: number[][]): Prediction[] {
    return X.map((x) => {
      const prob = predictGbdt(this.json.classifier, x);
      const yes = prob >= this.threshold;
      const ttf = yes && this.json.regressor ? predictGbdt(this.json.regressor, x) : yes ? this.horizonMin / 2 : null;
      return {
        probability: Math.round(prob * 1000) / 1000,
        confidence: Math.round((yes ? prob : 1 - prob) * 1000) / 1000,
        failure_predicted: yes,
        ttf_min: ttf === null ? null : Math.round(Math.max(0, Math.min(this.horizonMin, ttf)) * 10) / 10,
        recommended_action: yes ? recommendedAction(x) : 'watch',
      };
    });
  }

  /** What the model leans on: each feature's share of the splits' gain. */
  importance() {
    const imp = this.json.classifier.importance;
    const total = imp.reduce((a, b) => a + b, 0) || 1;
    return Object.fromEntries(FEATURE_NAMES.map((n, i) => [n, Math.round(((imp[i] ?? 0) / total) * 1000) / 1000]));
  }
}

/** Trains both models; the threshold is the one that maximises F1 on a share of the training routers held out. */
export function train(routers: LabelledRouter[], o: TrainOptions & ExampleOptions) {
  const held = routers.filter((_, i) => i % 5 === 0);
  const fit = routers.filter((_, i) => i % 5 !== 0);
  const trees = o.trees ?? 150;
  const total = 2 * trees;
  const draft = new FailureModel({
    ...fitModels(examplesOf(fit, o), { ...o, onProgress: (d) => o.onProgress?.(d, total) }),
    threshold: 0.5,
  });
  const validation = examplesOf(held, o);
  const p = draft.probabilities(validation.X);
  let best = { threshold: 0.5, f1: -1 };
  for (let th = 0.2; th <= 0.9001; th += 0.05) {
    const q = confusion(
      validation.y,
      p.map((x) => (x >= th ? 1 : 0)),
    );
    if (q.f1 > best.f1) best = { threshold: Math.round(th * 100) / 100, f1: q.f1 };
  }
  // The final models learn from every training router.
  return new FailureModel({
    ...fitModels(examplesOf(routers, o), { ...o, onProgress: (d) => o.onProgress?.(trees + d, total) }),
    threshold: best.threshold,
  });
}

function fitModels(ex: Examples, o: TrainOptions & ExampleOptions): Omit<ModelJson, 'threshold'> {
  const classifier = trainGbdt(ex.X, ex.y, {
    objective: 'binary',
    trees: o.trees ?? 150,
    depth: o.depth ?? 5,
    learningRate: 0.1,
    subsample: 0.8,
    minLeaf: 2,
    seed: o.seed,
    ...(o.onProgress ? { onTree: o.onProgress } : {}),
  });
  // Minutes to the failure, learnt where it matters: the moments within (a little past) the horizon.
  const failing = ex.ttf.flatMap((t, i) => (t >= 0 && t <= o.horizonMin * 1.5 ? [i] : []));
  const regressor =
    failing.length >= 20
      ? trainGbdt(
          failing.map((i) => ex.X[i] as number[]),
          failing.map((i) => ex.ttf[i] as number),
          { objective: 'regression', trees: 100, depth: 4, learningRate: 0.1, subsample: 0.8, minLeaf: 5, seed: o.seed + 1 },
        )
      : null;
  return { algorithm: 'gradient_boosting', features: FEATURE_NAMES, horizon_min: o.horizonMin, classifier, regressor };
}

function confusion(y: number[], yhat: number[]) {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  y.forEach((v, i) => {
    const p = yhat[i];
    if (v === 1 && p === 1) tp++;
    else if (v === 0 && p === 1) fp++;
    else if (v === 0) tn++;
    else fn++;
  });
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return {
    tp,
    fp,
    tn,
    fn,
    accuracy: y.length ? (tp + tn) / y.length : 0,
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
  };
}

const quantile = (xs: number[], q: number) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (s[lo] as number) + ((s[hi] as number) - (s[lo] as number)) * (pos - lo);
};
const round = (x: number | null, d = 3) => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);

/** The model measured on routers it never saw. */
export function evaluate(model: FailureModel, routers: LabelledRouter[], o: ExampleOptions): ModelQuality {
  const ex = examplesOf(routers, o);
  const preds = model.predict(ex.X);
  const q = confusion(
    ex.y,
    preds.map((p) => (p.failure_predicted ? 1 : 0)),
  );
  // Per router: the first warning before its failure (lead time), or a warning it never earned.
  const firstWarning = new Map<number, number>();
  preds.forEach((p, i) => {
    const at = ex.at[i] as { router: number; t: number };
    if (p.failure_predicted && !firstWarning.has(at.router)) firstWarning.set(at.router, at.t);
  });
  const leads: number[] = [];
  let failing = 0;
  let falseAlarms = 0;
  routers.forEach((r, i) => {
    const w = firstWarning.get(i);
    if (r.failure_at !== null) {
      failing++;
      if (w !== undefined) leads.push((r.failure_at - w) / 60_000);
    } else if (w !== undefined) falseAlarms++;
  });
  const errors = preds.flatMap((p, i) => {
    const left = ex.ttf[i] as number;
    return p.failure_predicted && p.ttf_min !== null && left >= 0 && left <= o.horizonMin ? [Math.abs(p.ttf_min - left)] : [];
  });
  return {
    windows: ex.y.length,
    positives: ex.y.filter((y) => y === 1).length,
    accuracy: round(q.accuracy) as number,
    precision: round(q.precision) as number,
    recall: round(q.recall) as number,
    f1: round(q.f1) as number,
    routers: { failing, warned: leads.length, healthy: routers.length - failing, false_alarms: falseAlarms },
    per_router: {
      accuracy: round(routers.length ? (leads.length + (routers.length - failing - falseAlarms)) / routers.length : 0) as number,
      precision: round(leads.length + falseAlarms ? leads.length / (leads.length + falseAlarms) : 0) as number,
      recall: round(failing ? leads.length / failing : 0) as number,
    },
    lead_p50_min: round(quantile(leads, 0.5), 1),
    lead_p10_min: round(quantile(leads, 0.1), 1),
    ttf_mae_min: round(errors.length ? errors.reduce((a, b) => a + b, 0) / errors.length : null, 1),
  };
}
