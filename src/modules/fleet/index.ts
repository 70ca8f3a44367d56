// The fleet module's public surface: the overview service and its route (the composition root).
export { fleetRoutes } from './fleet.routes.js';
export { FleetService } from './fleet.usecases.js';
