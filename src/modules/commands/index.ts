// What other modules may use of the commands module: handing commands over and acknowledging them.
export { acknowledge, type DeliveredCommand, deliverPending } from './commands.repository.js';
export { CommandsService, type CommandTarget } from './commands.usecases.js';
