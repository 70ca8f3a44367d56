// The rules module's public surface: the engine, the service, the owner of rules and routes (the
// composition root).
export { type EngineSettings, RulesEngine } from './rules.engine.js';
export { ruleOwner } from './rules.owners.js';
export { ruleRoutes } from './rules.routes.js';
export { RulesService } from './rules.usecases.js';
