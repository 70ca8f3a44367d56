// What other modules may use of the inventory: its errors for objects they name, and the
// remsim-servers it holds (the remsim module lists and edits them, and keeps their status).

export { cardColumnFields } from './card-columns.js';
export { bankdNotFound, bankNotFound, remsimServerNotFound, slotNotFound } from './inventory.errors.js';
export { remsimServers } from './inventory.table.js';
export * as remsimServersRepo from './remsim-servers.repository.js';
