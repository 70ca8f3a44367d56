// What other modules may use of the inventory (decision 0010): its errors for objects they name;
// the writes others make to its tables (a slot's status when a client takes or leaves it, the KI
// cards of a pool, what the reconciler sees of banks and of the remsim-servers it drives); the
// Drizzle shape of its published slots view. Reads go through its views (80-inventory-views.sql).

export { cardColumnFields } from './card-columns.js';
export { bankdNotFound, bankNotFound, remsimServerNotFound, slotNotFound } from './inventory.errors.js';
export {
  applyBankPresence,
  type CardRange,
  type CardValues,
  clearCard,
  markKiCards,
  releaseKiCards,
  setSlotStatus,
  writeCard,
} from './inventory.repository.js';
export { inventorySlots } from './inventory.views.js';
export type { PassRecord, ServerRow } from './remsim-servers.repository.js';
export * as remsimServersRepo from './remsim-servers.repository.js';
