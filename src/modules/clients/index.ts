// The clients module's public surface. For other modules: its lifecycle service and observer,
// the heartbeat schemas (the health check's self-test), the command target, the profile slices
// (metrics), RSPRO presence (the reconciler). For the composition root: its services, tokens,
// enrollment rules and routes (the client API, operator actions, the admin views of clients).
export { assertDocumentSizes, CommandResult } from './client-documents.js';
export { ClientTokens } from './client-token.js';
export { clientViewRoutes } from './client-views.routes.js';
export { ClientViews } from './client-views.usecases.js';
export { clientNotFound } from './clients.errors.js';
export { applyRsproPresence, identityFields as profileIdentityFields, inSlice, PROFILE_SLICES } from './clients.repository.js';
export { callerOf, clientAdminRoutes, clientRoutes, HeartbeatAnswer, HeartbeatBody } from './clients.routes.js';
export {
  type ClientCaller,
  type ClientObserver,
  ClientsService,
  commandTarget,
  type HeartbeatStats,
  type ImeiLocked,
} from './clients.usecases.js';
export { enrollmentRules } from './enrollment-rules.js';
