// What other modules may use of the clients module: its lifecycle service and observer, the
// heartbeat schemas (the health check's self-test), the command target, the profile slices
// (metrics), and, for the inventory's client listing, its tables and slot bookkeeping.
export { assertDocumentSizes, CommandResult } from './client-documents.js';
export { clientViewRoutes } from './client-views.routes.js';
export { ClientViews } from './client-views.usecases.js';
export { clientNotFound } from './clients.errors.js';
export { applyRsproPresence, identityFields as profileIdentityFields, inSlice, PROFILE_SLICES } from './clients.repository.js';
export { callerOf, HeartbeatAnswer, HeartbeatBody } from './clients.routes.js';
export {
  type ClientCaller,
  type ClientObserver,
  ClientsService,
  commandTarget,
  type HeartbeatStats,
} from './clients.usecases.js';
