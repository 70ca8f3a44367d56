// The living demo of `npm start`: an in-process osmo-remsim-server emulator that the demo
// inventory's remsim-server points at, its bankds connected, and a small simulated fleet that
// registers, heartbeats, reboots and flaps against this IonMesh. Everything it touches is
// labelled simulated in the API (the remsim-server, and the clients served through it).
import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../app/config.js';
import { type Database, rowsOf } from '../app/database.js';
import { DEMO_REMSIM_URL } from '../modules/inventory/index.js';
import { Fleet } from '../sim/fleet.js';
import { RemsimServerDouble } from '../sim/remsim-server.js';

export interface DemoFleet {
  remsim: RemsimServerDouble;
  fleet: Fleet | null;
  stop: () => Promise<void>;
}

export async function startDemoEmulator(
  db: Database,
  config: Config,
  log: FastifyBaseLogger,
): Promise<RemsimServerDouble | null> {
  const remsim = new RemsimServerDouble({ host: '127.0.0.1', port: config.demoRemsimPort, bankdAckMs: 50 });
  try {
    await remsim.start();
  } catch (err) {
    log.warn({ err, port: config.demoRemsimPort }, 'demo: cannot start the remsim-server emulator (port taken?); no simulation');
    return null;
  }
  // The demo's remsim-server is the emulator: point it there (its name too, which names its URL,
  // unless an operator renamed it) and label it simulated.
  const banks = await db.run(async (h) => {
    await h.execute(
      sql`UPDATE remsim_servers SET url = ${remsim.url}, simulated = true, enabled = true, reachable = NULL, failures = 0,
                 next_attempt_at = NULL, name = CASE WHEN name = url OR name = ${DEMO_REMSIM_URL} THEN ${remsim.url} ELSE name END
          WHERE url = ${DEMO_REMSIM_URL} OR simulated`,
    );
    return rowsOf(
      h,
      Type.Object({ bank_id: Type.Integer(), slots: Type.Integer() }),
      sql`SELECT b.bank_id, (SELECT count(*)::int FROM slots s WHERE s.bank_id = b.bank_id) AS slots
          FROM sim_banks b JOIN bankd_instances bi ON bi.id = b.bankd_instance_id
          JOIN remsim_servers rs ON rs.id = bi.remsim_server_id
          WHERE rs.simulated`,
    );
  });
  for (const b of banks) remsim.connectBankd(b.bank_id, b.slots);
  log.info({ url: remsim.url, banks: banks.map((b) => b.bank_id) }, 'demo: remsim-server emulator running (simulated)');
  return remsim;
}

/** The demo without its emulator (--no-simulation, --demo-fleet 0, --demo-remsim-port 0, or the
 * port taken): the demo's simulated remsim-server is disabled, so nothing polls an address where
 * no server runs; the next start with the emulator enables it again. */
export async function parkDemoServer(db: Database, log: FastifyBaseLogger) {
  const parked = await db.run((h) =>
    rowsOf(
      h,
      Type.Object({ id: Type.Integer(), url: Type.String() }),
      sql`UPDATE remsim_servers SET enabled = false WHERE simulated AND enabled RETURNING id, url`,
    ),
  );
  if (parked.length)
    log.info(
      { servers: parked.map((s) => s.url) },
      'demo: no remsim-server emulator runs; its simulated remsim-server is disabled',
    );
}

export function startDemoFleet(ionmeshUrl: string, remsim: RemsimServerDouble, count: number, log: FastifyBaseLogger) {
  const fleet = new Fleet({
    url: ionmeshUrl,
    count,
    deployedShare: 0.5,
    heartbeatIntervalSec: 5,
    rate: 10,
    concurrency: 8,
    scenario: 'living',
    durationSec: Number.POSITIVE_INFINITY,
    prefix: 'sim',
    remsim,
    seed: Date.now() % 2 ** 31,
  });
  fleet.start();
  log.info(
    { routers: count },
    'demo: simulated fleet started (half deployed OpenWRT clients, half rich agents); --no-simulation turns it off',
  );
  return fleet;
}
