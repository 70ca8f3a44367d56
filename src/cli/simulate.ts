// `ionmesh simulate`: drives an emulated fleet against any IonMesh URL and prints a summary.
import { Fleet, type FleetOptions, type FleetProgress, type FleetSummary } from '../sim/fleet.js';
import { RemsimServerDouble } from '../sim/remsim-server.js';

export interface SimulateOptions extends Omit<FleetOptions, 'remsim' | 'onProgress'> {
  /** Start a remsim-server emulator on this port (IonMesh's remsim-server URL must point at it). */
  remsimPort?: number;
  /** bankds to connect on the emulator: "bank:slots,bank:slots". */
  remsimBanks?: Array<{ bankId: number; slots: number }>;
  json?: boolean;
}

const line = (p: FleetProgress) =>
  `${p.elapsed_s.toFixed(1)}s  registered ${p.registered}/${p.routers}  failed ${p.failed}  heartbeats ${p.heartbeats} (${p.heartbeat_failures} failed)  dark ${p.dark}`;

export function formatSummary(s: FleetSummary) {
  const pct = (l: FleetSummary['registrations']['latency']) =>
    `p50 ${l.p50_ms.toFixed(1)} ms, p95 ${l.p95_ms.toFixed(1)} ms, p99 ${l.p99_ms.toFixed(1)} ms, max ${l.max_ms.toFixed(1)} ms`;
  const failures = Object.entries(s.failures)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `    ${k}: ${v}`);
  return [
    `Fleet: ${s.routers} routers (${s.deployed} deployed clients, ${s.rich} rich agents), scenario ${s.scenario}, ${s.duration_s} s`,
    `  registrations: ${s.registrations.succeeded}/${s.registrations.attempted} succeeded, ${s.registrations.per_s}/s; ${pct(s.registrations.latency)}`,
    `  heartbeats: ${s.heartbeats.sent} sent, ${s.heartbeats.failed} failed, ${s.heartbeats.per_s}/s; ${pct(s.heartbeats.latency)}`,
    ...(failures.length ? ['  failures by reason:', ...failures] : ['  failures: none']),
    ...(s.rspro_connected ? [`  RSPRO connections on the emulator: ${s.rspro_connected}`] : []),
    ...(s.events.length ? ['  scenario events:', ...s.events.slice(0, 20).map((e) => `    ${e}`)] : []),
  ].join('\n');
}

/** Runs the simulation; exit code 0 when every registration and heartbeat succeeded, else 1. */
export async function simulate(o: SimulateOptions): Promise<number> {
  let remsim: RemsimServerDouble | undefined;
  if (o.remsimPort !== undefined) {
    remsim = await new RemsimServerDouble({ port: o.remsimPort }).start();
    for (const b of o.remsimBanks ?? []) remsim.connectBankd(b.bankId, b.slots);
    process.stderr.write(`remsim-server emulator on ${remsim.url}\n`);
  }
  const tty = process.stderr.isTTY;
  const fleet = new Fleet({
    ...o,
    remsim,
    progressEveryMs: tty ? 500 : 5000,
    onProgress: (p) => process.stderr.write(tty ? `\r\x1b[2K${line(p)}` : `${line(p)}\n`),
  });
  const stop = () => void fleet.stop();
  process.once('SIGINT', stop);
  try {
    const summary = await fleet.run();
    // The last progress line, so that even a short or non-interactive run shows one.
    process.stderr.write(tty ? `\r\x1b[2K${line(fleet.progress())}\n` : `${line(fleet.progress())}\n`);
    process.stdout.write(o.json ? `${JSON.stringify(summary, null, 2)}\n` : `${formatSummary(summary)}\n`);
    return summary.registrations.succeeded === summary.registrations.attempted && summary.heartbeats.failed === 0 ? 0 : 1;
  } finally {
    process.off('SIGINT', stop);
    await remsim?.close();
  }
}
