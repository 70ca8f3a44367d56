// The remsim module's public surface: the reconciler, its service and routes (the composition root).
export { RemsimReconciler } from './reconciler.js';
export { remsimRoutes } from './remsim.routes.js';
export { RemsimService } from './remsim.usecases.js';
