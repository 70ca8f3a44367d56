// The engine for claimed work: a platform part every module that must make something happen to
// an object uses (decision 0020).

export type { AttemptRow, ItemFilter, ItemRow } from './work.repository.js';
export { workRoutes } from './work.routes.js';
export {
  ClaimLost,
  type Enqueue,
  type WorkAnswer,
  type WorkContext,
  type WorkCount,
  WorkEngine,
  type WorkItem,
  type WorkKind,
} from './work-engine.js';
