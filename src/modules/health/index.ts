// The health module's public surface: its routes (the composition root).
export { healthRoutes } from './health.routes.js';
