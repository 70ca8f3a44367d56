// Fault prediction, trained and measured the way the issue asks: labelled histories from one
// seed to learn from, another seed's to measure on (never the same routers), the model's quality
// on the second. Used by `ionmesh predict train` and `npm run bench:prediction`.
import { evaluate, type FailureModel, type ModelQuality, train, type Upload } from '../modules/prediction/index.js';
import { JUDGED, labelled, PREDICTION_DEFAULTS, type PredictionRun, simulateFaults } from './faults.js';

export interface PredictionReport {
  run: PredictionRun;
  model: FailureModel;
  quality: ModelQuality;
  seconds: { simulate: number; train: number; measure: number };
}

export function trainAndMeasure(
  run: Partial<PredictionRun> = {},
  onProgress?: (phase: 'train', done: number, total: number) => void,
): PredictionReport {
  const r = { ...PREDICTION_DEFAULTS, ...run };
  if (r.seed === r.testSeed) throw new Error('the test set must come from another seed than the training set');
  const o = { horizonMin: r.horizonMin, ...JUDGED };
  let t = performance.now();
  const learn = labelled(simulateFaults({ seed: r.seed, routers: r.routers, hours: r.hours }));
  const test = labelled(simulateFaults({ seed: r.testSeed, routers: r.testRouters, hours: r.hours }));
  const simulate = (performance.now() - t) / 1000;
  t = performance.now();
  const model = train(learn, { ...o, seed: r.seed, trees: r.trees, onProgress: (d, n) => onProgress?.('train', d, n) });
  const trainSec = (performance.now() - t) / 1000;
  t = performance.now();
  const quality = evaluate(model, test, o);
  const measure = (performance.now() - t) / 1000;
  return { run: r, model, quality, seconds: { simulate, train: trainSec, measure } };
}

/** The report as the server stores a model (POST /prediction-models, the shipped model). */
export function uploadOf(report: PredictionReport): Upload {
  return {
    model: { ...report.model.json, features: [...report.model.json.features] },
    quality: { ...report.quality, measured_on: `simulator seed ${report.run.testSeed}, ${report.run.testRouters} routers` },
    training: { source: 'simulator', ...report.run, seconds: report.seconds },
  };
}
