// The usage module's public surface: its services, owner and routes (the composition root).
export { CardActions } from './card-actions.js';
export { lockRoutes } from './locks.routes.js';
export { planNotFound } from './plans.errors.js';
export {
  dropThresholds,
  groupsThresholds,
  replaceThresholds,
  type ThresholdTarget,
  type ThresholdValues,
  thresholdsOf,
} from './plans.repository.js';
export { planRoutes } from './plans.routes.js';
export { ThresholdBody, ThresholdView } from './plans.schemas.js';
export { PlansService } from './plans.usecases.js';
export { protectionRoutes } from './protection.routes.js';
export { ProtectionService } from './protection.usecases.js';
export { ThresholdsEngine } from './thresholds.js';
export { recheckAll } from './thresholds.repository.js';
export { planOwner } from './usage.owners.js';
export { usageRoutes } from './usage.routes.js';
export { UsageService } from './usage.usecases.js';
