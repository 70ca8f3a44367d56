// The demo inventory (--demo): seeded into an empty database only, never over existing data.
import { count, sql } from 'drizzle-orm';
import type { Database } from '../../app/database.js';
import { withLuhn } from '../../domain/iccid.js';
import * as repo from './inventory.repository.js';
import { bankdInstances, simBanks, slots, tenants } from './inventory.table.js';
import { ensureServer } from './remsim-servers.repository.js';

export const DEMO_CARRIERS = [
  { bankId: 1, mccMnc: '310410', carrier: 'AT&T', iccidIssuer: '8901410' },
  { bankId: 2, mccMnc: '311480', carrier: 'Verizon', iccidIssuer: '8914800' },
] as const;
export const DEMO_SLOTS_PER_BANK = 32;
/** The demo's remsim-server: the in-process emulator `npm start` runs (simulated). */
export const DEMO_REMSIM_URL = 'http://127.0.0.1:9997';

export function demoCard(bankId: number, slotId: number, c: (typeof DEMO_CARRIERS)[number]) {
  const bb = String(bankId).padStart(2, '0');
  const sss = String(slotId).padStart(3, '0');
  return {
    iccid: withLuhn(`${c.iccidIssuer}000000${bb}${sss}`),
    imsi: `${c.mccMnc}0000${bb}${sss}`,
  };
}

/** Seeds tenant 1, one bankd and two banks of 32 cards; returns false when data already exists. */
// An arbitrary constant naming the demo seed among PostgreSQL advisory locks.
const DEMO_SEED_LOCK = 0x10_4e_5e_02;

export async function seedDemo(db: Database): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Replicas started together with --demo: one seeds, the others wait here and then find it done.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${DEMO_SEED_LOCK})`);
    const [existing] = await tx.select({ n: count() }).from(tenants);
    if ((existing?.n ?? 0) > 0) return false;
    // The demo tenant enrolls any caller (open), as a lab does; real tenants start closed.
    await tx.insert(tenants).values({ id: 1, name: 'demo', enrollmentMode: 'open' });
    await repo.syncTenantSequence(tx);
    const remsimServerId = await ensureServer(tx, DEMO_REMSIM_URL, true);
    const [bankd] = await tx
      .insert(bankdInstances)
      .values({ name: 'demo-bankd', endpoint: '127.0.0.1:9998', remsimServerId })
      .returning();
    for (const c of DEMO_CARRIERS) {
      await tx
        .insert(simBanks)
        .values({ bankId: c.bankId, name: `demo bank ${c.bankId} (${c.carrier})`, tenantId: 1, bankdInstanceId: bankd?.id });
      await tx.insert(slots).values(
        Array.from({ length: DEMO_SLOTS_PER_BANK }, (_, slotId) => ({
          bankId: c.bankId,
          slotId,
          ...demoCard(c.bankId, slotId, c),
          carrier: c.carrier,
          mccMnc: c.mccMnc,
          cardType: 'REGULAR',
          readerName: `Demo Reader ${c.bankId}`,
        })),
      );
    }
    return true;
  });
}
