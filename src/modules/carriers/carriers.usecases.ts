// Carriers: the MCC+MNC list operators route by, seeded from a maintained data set.

import { sql } from 'drizzle-orm';
import { all as mobileNetworks } from 'mcc-mnc-list';
import { type Database, rows } from '../../app/database.js';
import { notFound } from '../../domain/errors.js';
import { likeContaining } from '../../domain/like-pattern.js';

export const CARRIER_SOURCE = 'mcc-mnc-list 1.1.11';

export interface CarrierFilter {
  mcc?: string;
  country_code?: string;
  q?: string;
  limit?: number;
  offset?: number;
}

/** The data set, one row per valid MCC+MNC (an operational entry wins over others). */
export function carrierDataset() {
  const byCode = new Map<string, ReturnType<typeof mobileNetworks>[number]>();
  for (const n of mobileNetworks()) {
    if (!/^[0-9]{3}$/.test(n.mcc ?? '') || !/^[0-9]{2,3}$/.test(n.mnc ?? '')) continue;
    const key = n.mcc + n.mnc;
    const seen = byCode.get(key);
    if (!seen || (seen.status !== 'Operational' && n.status === 'Operational')) byCode.set(key, n);
  }
  return [...byCode.values()];
}

export class CarriersService {
  constructor(private readonly db: Database) {}

  /** Adds the data set's carriers that are missing; never overwrites a row. Returns rows added. */
  async seed() {
    const data = carrierDataset();
    const col = <T>(pick: (n: (typeof data)[number]) => T) => sql.param(data.map(pick));
    const added = await this.db.run((db) =>
      rows<{ n: number }>(
        db,
        sql`WITH ins AS (
              INSERT INTO carriers (mcc_mnc, mcc, mnc, brand, operator, country_name, country_code, status, source)
              SELECT u.mcc || u.mnc, u.mcc, u.mnc, NULLIF(u.brand, ''), NULLIF(u.operator, ''), NULLIF(u.country, ''),
                     NULLIF(u.cc, ''), NULLIF(u.status, ''), ${CARRIER_SOURCE}
              FROM unnest(${col((n) => n.mcc)}::text[], ${col((n) => n.mnc)}::text[], ${col((n) => n.brand ?? '')}::text[],
                          ${col((n) => n.operator ?? '')}::text[], ${col((n) => n.countryName ?? '')}::text[],
                          ${col((n) => n.countryCode ?? '')}::text[], ${col((n) => n.status ?? '')}::text[])
                   AS u(mcc, mnc, brand, operator, country, cc, status)
              ON CONFLICT (mcc_mnc) DO NOTHING
              RETURNING 1)
            SELECT count(*)::int AS n FROM ins`,
      ),
    );
    return added[0]?.n ?? 0;
  }

  list(f: CarrierFilter) {
    const limit = f.limit ?? 50;
    const offset = f.offset ?? 0;
    const like = f.q ? likeContaining(f.q) : null;
    const cond = sql`WHERE (${f.mcc ?? null}::text IS NULL OR mcc = ${f.mcc ?? null}::text)
      AND (${f.country_code ?? null}::text IS NULL OR upper(country_code) = upper(${f.country_code ?? null}::text))
      AND (${like}::text IS NULL OR brand ILIKE ${like}::text OR operator ILIKE ${like}::text OR country_name ILIKE ${like}::text)`;
    return this.db.run(async (db) => {
      const items = await rows<Record<string, unknown>>(
        db,
        sql`SELECT * FROM carriers ${cond} ORDER BY mcc_mnc LIMIT ${limit} OFFSET ${offset}`,
      );
      const [t] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM carriers ${cond}`);
      return { items, total: t?.n ?? 0, limit, offset };
    });
  }

  async get(mccMnc: string) {
    const [c] = await this.db.run((db) =>
      rows<Record<string, unknown>>(db, sql`SELECT * FROM carriers WHERE mcc_mnc = ${mccMnc}`),
    );
    if (!c) throw notFound('CARRIER_NOT_FOUND', `No carrier with MCC+MNC ${mccMnc}`);
    return c;
  }
}
