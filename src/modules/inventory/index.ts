// What other modules may use of the inventory (decision 0010): its errors for objects they name;
// the writes others make to its tables (a slot's status when a client takes or leaves it, the KI
// cards of a pool, what the reconciler sees of banks and of the remsim-servers it drives); the
// Drizzle shape of its published slots view. Reads go through its views (80-inventory-views.sql).
// For the composition root and the CLI: its services, owners, routes and the demo seed.
export { cardColumnFields } from './card-columns.js';
export { DEMO_REMSIM_URL, seedDemo } from './demo.js';
export { bankdNotFound, bankNotFound, remsimServerNotFound, slotNotFound } from './inventory.errors.js';
export { bankdOwner, bankOwner, remsimServerOwner, slotOwner, tenantOwner } from './inventory.owners.js';
export {
  applyBankPresence,
  applySlotService,
  type CardRange,
  type CardValues,
  clearCard,
  type ForeignHold,
  markKiCards,
  releaseKiCards,
  setSlotStatus,
  tenantExists,
  writeCard,
} from './inventory.repository.js';
export { inventoryRoutes } from './inventory.routes.js';
export { InventoryService } from './inventory.usecases.js';
export { inventorySlots } from './inventory.views.js';
export type { PassRecord, ServerRow } from './remsim-servers.repository.js';
export * as remsimServersRepo from './remsim-servers.repository.js';
