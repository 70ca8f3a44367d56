// The prediction module's public surface: the service and routes (the composition root); the
// model, its trainer and evaluator (the CLI and the benchmark train with the simulator's faults).
export {
  evaluate,
  examplesOf,
  FailureModel,
  type LabelledRouter,
  type ModelJson,
  type ModelQuality,
  train,
} from './prediction.model.js';
export { predictionRoutes } from './prediction.routes.js';
export { PredictionService, SHIPPED_MODEL, type Upload } from './prediction.usecases.js';
