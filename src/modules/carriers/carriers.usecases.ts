// Carriers: the MCC+MNC list operators route by, seeded from a maintained data set.
import { all as mobileNetworks } from 'mcc-mnc-list';
import type { Database } from '../../app/database.js';
import { notFound } from '../../domain/errors.js';
import * as repo from './carriers.repository.js';

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
  seed() {
    const data = carrierDataset().map((n) => ({
      mcc: n.mcc as string,
      mnc: n.mnc as string,
      brand: n.brand ?? '',
      operator: n.operator ?? '',
      countryName: n.countryName ?? '',
      countryCode: n.countryCode ?? '',
      status: n.status ?? '',
    }));
    return this.db.run((db) => repo.insertMissing(db, data, CARRIER_SOURCE));
  }

  list(f: CarrierFilter) {
    const limit = f.limit ?? 50;
    const offset = f.offset ?? 0;
    return this.db.run(async (db) => ({
      ...(await repo.listCarriers(db, { mcc: f.mcc, countryCode: f.country_code, text: f.q }, limit, offset)),
      limit,
      offset,
    }));
  }

  async get(mccMnc: string) {
    const c = await this.db.run((db) => repo.getCarrier(db, mccMnc));
    if (!c) throw notFound('CARRIER_NOT_FOUND', `No carrier with MCC+MNC ${mccMnc}`);
    return c;
  }
}
