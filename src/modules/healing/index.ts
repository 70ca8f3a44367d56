// The self-healing module's public surface: the engine and the service, the owner of incidents and
// the routes (the composition root).
export { HealingEngine, type HealingObserver, type HealingSettings } from './healing.engine.js';
export { incidentOwner } from './healing.owners.js';
export { healingClientRoutes, healingRoutes } from './healing.routes.js';
export { HealingService } from './healing.usecases.js';
