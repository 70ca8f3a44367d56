// The carriers module's public surface: its service and routes (the composition root).
export { carrierRoutes } from './carriers.routes.js';
export { CarriersService } from './carriers.usecases.js';
