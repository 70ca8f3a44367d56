// The usage module's public surface: its services, owner and routes (the composition root).
export { CardActions } from './card-actions.js';
export { lockRoutes } from './locks.routes.js';
export { planRoutes } from './plans.routes.js';
export { PlansService } from './plans.usecases.js';
export { protectionRoutes } from './protection.routes.js';
export { ProtectionService } from './protection.usecases.js';
export { ThresholdsEngine } from './thresholds.js';
export { planOwner } from './usage.owners.js';
export { usageRoutes } from './usage.routes.js';
export { UsageService } from './usage.usecases.js';
