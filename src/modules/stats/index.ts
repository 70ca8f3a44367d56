// The stats module's public surface: its service and routes (the composition root).
export { statsRoutes } from './stats.routes.js';
export { StatsService } from './stats.usecases.js';
