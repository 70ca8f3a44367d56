// The usage module's public surface: its service and routes (the composition root).
export { usageRoutes } from './usage.routes.js';
export { UsageService } from './usage.usecases.js';
