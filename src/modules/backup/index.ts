// The backup module's public surface: its route (the composition root).
export { backupRoutes } from './backup.routes.js';
