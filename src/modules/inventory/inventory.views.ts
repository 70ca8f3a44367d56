// The inventory's published views (db/functions/80-inventory-views.sql) as Drizzle sees them, for
// the modules that read them with the query builder (decision 0010). Columns here are a subset of
// the view's; drizzle-kit never creates them (existing()).
import { integer, pgView, text } from 'drizzle-orm/pg-core';

/** A slot with its card, as other modules may read it. */
export const inventorySlots = pgView('inventory_slots', {
  bankId: integer('bank_id').notNull(),
  slotId: integer('slot_id').notNull(),
  iccid: text('iccid'),
  imsi: text('imsi'),
  carrier: text('carrier'),
  mccMnc: text('mcc_mnc'),
  cardType: text('card_type').notNull(),
  status: text('status').notNull(),
}).existing();
