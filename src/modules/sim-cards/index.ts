// The SIM cards module's public surface: its service and routes (the composition root).
export { simCardRoutes } from './sim-cards.routes.js';
export { SimCardsService } from './sim-cards.usecases.js';
