// Labelled faults for fault prediction: routers whose heartbeat history the simulator writes
// minute by minute, each with the truth — whether and when it loses its connection. Failing
// routers follow what makes modems drop in the field: a signal that sinks to the receiver's
// limit (a weak site, an antenna knocked, congestion) and the connection drops when it gets
// there; a card whose TPDU error rate climbs until authentication fails; a modem that flaps
// more and more often until it stays down. Healthy routers are the hard part: signals that
// wander with the weather and the load, weak but steady sites near the limit, dips that recover,
// the odd disconnect — none of them fail. Everything follows from the seed.
import { type ClientHistory, NOMINAL_LIMITS, type SignalSample } from '../domain/fault-features.js';

export type FaultScenario =
  | 'healthy'
  | 'healthy_weak'
  | 'healthy_dip'
  | 'healthy_blips'
  | 'signal_degrade'
  | 'card_errors'
  | 'modem_flap';

export const FAILING: readonly FaultScenario[] = ['signal_degrade', 'card_errors', 'modem_flap'];

export interface FaultRouter {
  client_id: string;
  scenario: FaultScenario;
  /** When it lost its connection for good (ms); null: it never did. */
  failure_at: number | null;
  samples: SignalSample[];
  /** When it went offline (short drops included; the failure last). */
  disconnects: number[];
}

export interface FaultOptions {
  seed: number;
  routers: number;
  hours: number;
  /** Start of the history (ms); each router starts within the day after. */
  start?: number;
  /** A heartbeat every … seconds. */
  sampleSec?: number;
  /** Share of routers that fail (the rest: healthy of four kinds). */
  failingShare?: number;
}

/** mulberry32: a small seeded PRNG (uniform in [0, 1)). */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function simulateFaults(o: FaultOptions): FaultRouter[] {
  const rnd = prng(o.seed);
  const gauss = () => {
    const u = Math.max(rnd(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
  };
  const between = (a: number, b: number) => a + (b - a) * rnd();
  const first = o.start ?? Date.UTC(2026, 10, 1, 0, 0, 0);
  const step = (o.sampleSec ?? 60) * 1000;
  const steps = Math.floor((o.hours * 3_600_000) / step);
  const failingShare = o.failingShare ?? 0.3;
  const routers: FaultRouter[] = [];
  for (let r = 0; r < o.routers; r++) {
    // Each router's history starts at its own time of day (failures keep no hour).
    const start = first + Math.floor(rnd() * 86_400) * 1000;
    const fails = rnd() < failingShare;
    const scenario: FaultScenario = fails
      ? (FAILING[Math.floor(rnd() * FAILING.length)] as FaultScenario)
      : ((['healthy', 'healthy', 'healthy_weak', 'healthy_dip', 'healthy_blips'] as const)[
          Math.floor(rnd() * 5)
        ] as FaultScenario);
    // The site: a mean level, how much it wanders, and how fast it comes back.
    const base = scenario === 'healthy_weak' ? between(-101, -96) : between(-92, -62);
    const wander = scenario === 'healthy_weak' ? between(1, 2.2) : between(1.5, 5);
    const sinrBase = scenario === 'healthy_weak' ? between(-2, 3) : between(2, 20);
    const failAt = fails ? Math.floor(between(0.35, 0.95) * steps) : null;
    // Failing routers: the decline starts between 40 min and 3 h before the failure, at its own pace.
    const onset = failAt === null ? null : failAt - Math.floor((between(40, 180) * 60_000) / step);
    // Where this modem loses the network: near the nominal limits, each modem its own.
    const rssiLimit = NOMINAL_LIMITS.rssi + between(-4, 4);
    const sinrLimit = NOMINAL_LIMITS.sinr + between(-2, 2);
    const errorLimit = between(0.4, 0.7);
    const dipAt = scenario === 'healthy_dip' ? Math.floor(between(0.2, 0.8) * steps) : null;
    const dipLen = Math.floor((between(15, 50) * 60_000) / step);
    const dipDepth = between(8, 20);
    const errorBase = between(0, 0.02);
    const tpduPerMin = between(20, 120);
    const blipTimes = new Set<number>();
    if (scenario === 'healthy_blips' || rnd() < 0.15)
      for (let b = 0, n = 1 + Math.floor(rnd() * 3); b < n; b++) blipTimes.add(Math.floor(rnd() * steps));
    let ou = 0;
    let sinrOu = 0;
    let tpdus = Math.floor(rnd() * 1e5);
    let errors = Math.floor(tpdus * errorBase);
    let uptime = Math.floor(between(600, 30 * 86_400));
    let offlineUntil = -1;
    const samples: SignalSample[] = [];
    const disconnects: number[] = [];
    const end = failAt ?? steps;
    for (let i = 0; i < end; i++) {
      const t = start + i * step;
      ou += -0.08 * ou + wander * 0.4 * gauss();
      sinrOu += -0.1 * sinrOu + 0.8 * gauss();
      let rssi = base + ou + gauss() * 1.5;
      let sinr = sinrBase + sinrOu + gauss();
      let errorRate = errorBase;
      let flapRate = 0;
      const progress = onset !== null && failAt !== null && i >= onset ? (i - onset) / (failAt - onset) : 0;
      if (scenario === 'signal_degrade' && progress > 0) {
        // Down to the receiver's limit at the failure, with its noise on the way.
        rssi = base + ou * (1 - progress) + (rssiLimit - base) * progress ** between(0.9, 1.3) + gauss() * 2;
        sinr = sinrBase + (sinrLimit - sinrBase) * progress + gauss() * 1.5;
      }
      if (scenario === 'card_errors' && progress > 0) errorRate = errorBase + (errorLimit - errorBase) * progress ** 1.5;
      if (scenario === 'modem_flap' && progress > 0) flapRate = 0.01 + 0.12 * progress ** 1.5;
      if (dipAt !== null && i >= dipAt && i < dipAt + dipLen) {
        const x = (i - dipAt) / dipLen;
        rssi -= dipDepth * Math.sin(Math.PI * x);
        sinr -= (dipDepth / 3) * Math.sin(Math.PI * x);
      }
      if (i <= offlineUntil) continue; // down: no heartbeat
      if (blipTimes.has(i) || (flapRate > 0 && rnd() < flapRate)) {
        disconnects.push(t);
        offlineUntil = i + 1 + Math.floor(rnd() * 3);
        uptime = 0; // the modem restarts after a drop
        continue;
      }
      const n = Math.round(tpduPerMin * (step / 60_000) * between(0.7, 1.3));
      tpdus += n;
      errors += Math.round(n * Math.min(1, Math.max(0, errorRate + gauss() * 0.01)));
      uptime += step / 1000;
      samples.push({
        t,
        rssi: Math.round(rssi),
        rsrq: Math.round(Math.max(-20, Math.min(-3, -8 + (rssi - base) / 4 + gauss() * 1.2))),
        sinr: Math.round(sinr * 10) / 10,
        tpdu_count: tpdus,
        tpdu_errors: errors,
        uptime_sec: uptime,
      });
    }
    const failureAt = failAt === null ? null : start + failAt * step;
    if (failureAt !== null) disconnects.push(failureAt);
    routers.push({ client_id: `sim-${o.seed}-${r}`, scenario, failure_at: failureAt, samples, disconnects });
  }
  return routers;
}

/** A router's history as the server would read it at `at`: the hour of samples, the day of disconnects. */
export function historyAt(r: FaultRouter, at: number): ClientHistory {
  const day = r.samples.filter((s) => s.t > at - 86_400_000 && s.t <= at);
  const failures = day.filter((s, i) => {
    const prev = day[i - 1];
    if (!prev || s.tpdu_count === null || prev.tpdu_count === null || s.tpdu_errors === null || prev.tpdu_errors === null)
      return false;
    const dt = s.tpdu_count - prev.tpdu_count;
    return dt >= 20 && (s.tpdu_errors - prev.tpdu_errors) / dt >= 0.2; // the auto-lock's failure rule (defaults)
  }).length;
  return {
    samples: day.filter((s) => s.t > at - 3 * 3_600_000),
    disconnects: r.disconnects.filter((t) => t <= at && t > at - 86_400_000),
    failovers24h: 0,
    cardFailures24h: failures,
  };
}

/** The routers as the model's trainer and evaluator read them. */
export function labelled(routers: FaultRouter[]) {
  return routers.map((r) => ({
    client_id: r.client_id,
    failure_at: r.failure_at,
    historyAt: (at: number) => historyAt(r, at),
    from: r.samples[0]?.t ?? 0,
    to: r.failure_at ?? r.samples[r.samples.length - 1]?.t ?? 0,
  }));
}

export interface PredictionRun {
  seed: number;
  testSeed: number;
  routers: number;
  testRouters: number;
  hours: number;
  horizonMin: number;
  trees: number;
}

export const PREDICTION_DEFAULTS: PredictionRun = {
  seed: 1,
  testSeed: 2,
  routers: 600,
  testRouters: 300,
  hours: 12,
  horizonMin: 60,
  trees: 150,
};

/** What a moment is judged on, in training and measurement alike: every 5 minutes after an hour of history. */
export const JUDGED = { everyMin: 5, warmupMin: 60 } as const;
