// Carriers by MCC+MNC, seeded from the mcc-mnc-list package (ITU/Wikipedia list of mobile
// network codes, MIT); operators may add their own.
import { index, pgTable, text } from 'drizzle-orm/pg-core';

export const carriers = pgTable(
  'carriers',
  {
    mccMnc: text('mcc_mnc').primaryKey(),
    mcc: text('mcc').notNull(),
    mnc: text('mnc').notNull(),
    brand: text('brand'),
    operator: text('operator'),
    countryName: text('country_name'),
    countryCode: text('country_code'),
    status: text('status'),
    source: text('source').notNull(),
  },
  (t) => [index('carriers_country_idx').on(t.countryCode), index('carriers_mcc_idx').on(t.mcc)],
);
