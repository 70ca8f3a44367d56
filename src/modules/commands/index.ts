// The commands module's public surface: handing commands over and acknowledging them (clients),
// its service, expiry and routes (the composition root).
export { acknowledge, type DeliveredCommand, deliverPending } from './commands.repository.js';
export { commandAdminRoutes } from './commands.routes.js';
export { COMMAND_TYPES } from './commands.schemas.js';
export { CommandsService, type CommandTarget, expireCommands } from './commands.usecases.js';
