// The features fault prediction reads of a client at a moment, from its stats history: the last
// hour of heartbeat samples (signal, TPDU counters, uptime) and the last day of disconnects,
// failovers (moves to another card) and card failures. One function for both sides: the server
// computes them from the database (stats_raw_samples, the health log, the usage module's card
// failures) and the simulator from its labelled fault scenarios, so the model is trained and run
// on the same numbers. Pure: no I/O.

export interface SignalSample {
  /** Milliseconds since the epoch. */
  t: number;
  rssi: number | null;
  rsrq: number | null;
  sinr: number | null;
  /** Counters as the modem reports them (they only grow, until a restart). */
  tpdu_count: number | null;
  tpdu_errors: number | null;
  uptime_sec: number | null;
}

export interface ClientHistory {
  /** The samples of the three hours before the moment, oldest first. */
  samples: SignalSample[];
  /** When the client went offline in the day before the moment (ms). */
  disconnects: number[];
  /** Moves to another card in the day before. */
  failovers24h: number;
  /** Failures recorded against its card in the day before (TPDU errors, missing presence). */
  cardFailures24h: number;
}

export const FEATURE_NAMES = [
  'rssi_mean',
  'rssi_std',
  'rssi_trend',
  'rssi_recent',
  'rsrq_mean',
  'rsrq_std',
  'rsrq_trend',
  'sinr_mean',
  'sinr_std',
  'sinr_trend',
  'sinr_recent',
  'rssi_trend_3h',
  'sinr_trend_3h',
  'rssi_eta_min',
  'sinr_eta_min',
  'tpdu_error_rate_1h',
  'tpdu_error_rate_15m',
  'tpdu_error_trend',
  'tpdu_error_eta_min',
  'disconnects_1h',
  'disconnects_3h',
  'disconnects_24h',
  'failovers_24h',
  'card_failures_24h',
  'samples_1h',
  'uptime_h',
  'hour_sin',
  'hour_cos',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** What a missing measure reads as (trees split it off; no sample means no signal to judge). */
const MISSING = -200;
const HOUR = 3_600_000;
/**
 * Where modems lose the network, nominally: RSSI near the receiver's sensitivity, SINR where
 * LTE can no longer hold a link, and a card that fails every other TPDU. The "eta" features
 * extrapolate the recent trend to these levels (minutes, capped): how a field engineer reads a
 * falling curve.
 */
export const NOMINAL_LIMITS = { rssi: -107, sinr: -6, tpdu_error_rate: 0.5 } as const;
const ETA_CAP = 600;
/** Minutes until `level` reaches `limit` going down at `perHour` (capped; not going down: the cap). */
const eta = (level: number, limit: number, perHour: number) =>
  level === MISSING ? ETA_CAP : perHour >= -1e-6 ? ETA_CAP : Math.min(ETA_CAP, Math.max(0, ((level - limit) / -perHour) * 60));

const values = (samples: SignalSample[], key: 'rssi' | 'rsrq' | 'sinr') =>
  samples.flatMap((s) => (s[key] === null || !Number.isFinite(s[key]) ? [] : [{ t: s.t, v: s[key] as number }]));

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : MISSING);
const std = (xs: number[]) => {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
};
/** Least-squares slope, per hour. */
function slope(points: { t: number; v: number }[]) {
  if (points.length < 3) return 0;
  const t0 = points[0]?.t ?? 0;
  const xs = points.map((p) => (p.t - t0) / HOUR);
  const mx = mean(xs);
  const my = mean(points.map((p) => p.v));
  let num = 0;
  let den = 0;
  points.forEach((p, i) => {
    const dx = (xs[i] as number) - mx;
    num += dx * (p.v - my);
    den += dx * dx;
  });
  return den > 0 ? num / den : 0;
}

/** TPDU errors per TPDU between the first and last sample of a span (counter resets skipped). */
function errorRate(samples: SignalSample[]) {
  let tpdus = 0;
  let errors = 0;
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1] as SignalSample;
    const b = samples[i] as SignalSample;
    if (a.tpdu_count === null || b.tpdu_count === null || a.tpdu_errors === null || b.tpdu_errors === null) continue;
    const dt = b.tpdu_count - a.tpdu_count;
    const de = b.tpdu_errors - a.tpdu_errors;
    if (dt < 0 || de < 0) continue; // a restart reset the counters
    tpdus += dt;
    errors += de;
  }
  return tpdus > 0 ? errors / tpdus : 0;
}

/** The features of a client at `at` (ms), in FEATURE_NAMES order. */
export function featuresOf(h: ClientHistory, at: number): number[] {
  const three = h.samples.filter((s) => s.t > at - 3 * HOUR && s.t <= at);
  const hour = three.filter((s) => s.t > at - HOUR);
  const recent = hour.filter((s) => s.t > at - 15 * 60_000);
  const signal = (key: 'rssi' | 'rsrq' | 'sinr') => {
    const pts = values(hour, key);
    const vs = pts.map((p) => p.v);
    const last = values(recent, key).map((p) => p.v);
    return {
      mean: mean(vs),
      std: std(vs),
      trend: slope(pts),
      trend3h: slope(values(three, key)),
      level: last.length ? mean(last) : mean(vs),
      recent: last.length && vs.length ? mean(last) - mean(vs) : 0,
    };
  };
  const rssi = signal('rssi');
  const rsrq = signal('rsrq');
  const sinr = signal('sinr');
  const rate1h = errorRate(hour);
  const rate15 = errorRate(recent);
  // The error rate's rise per hour, from the hour's rate to the last quarter's.
  const errorTrend = (rate15 - rate1h) * (60 / 22.5);
  const lastUptime = [...hour].reverse().find((s) => s.uptime_sec !== null)?.uptime_sec ?? null;
  const hourOfDay = new Date(at).getUTCHours() + new Date(at).getUTCMinutes() / 60;
  const within = (span: number) => h.disconnects.filter((t) => t > at - span && t <= at).length;
  return [
    rssi.mean,
    rssi.std,
    rssi.trend,
    rssi.recent,
    rsrq.mean,
    rsrq.std,
    rsrq.trend,
    sinr.mean,
    sinr.std,
    sinr.trend,
    sinr.recent,
    rssi.trend3h,
    sinr.trend3h,
    eta(rssi.level, NOMINAL_LIMITS.rssi, rssi.trend),
    eta(sinr.level, NOMINAL_LIMITS.sinr, sinr.trend),
    rate1h,
    rate15,
    rate15 - rate1h,
    errorTrend > 1e-6 ? Math.min(ETA_CAP, Math.max(0, ((NOMINAL_LIMITS.tpdu_error_rate - rate15) / errorTrend) * 60)) : ETA_CAP,
    within(HOUR),
    within(3 * HOUR),
    within(24 * HOUR),
    h.failovers24h,
    h.cardFailures24h,
    hour.length,
    lastUptime === null ? MISSING : lastUptime / 3600,
    Math.sin((2 * Math.PI * hourOfDay) / 24),
    Math.cos((2 * Math.PI * hourOfDay) / 24),
  ];
}

export type RecommendedAction = 'move_to_other_card' | 'queue_restart' | 'check_site_signal' | 'watch';

/**
 * What an operator (or a rule) should do about a predicted failure, from the evidence behind it:
 * a card in error → another card; a modem that flaps → a restart; a signal going down → the site
 * (antenna, position, carrier coverage); else keep watching.
 */
export function recommendedAction(f: number[]): RecommendedAction {
  const at = (n: FeatureName) => f[FEATURE_NAMES.indexOf(n)] as number;
  if (at('tpdu_error_rate_15m') >= 0.1 || at('card_failures_24h') >= 3) return 'move_to_other_card';
  if (at('disconnects_1h') >= 2) return 'queue_restart';
  if (at('rssi_trend') <= -5 || at('sinr_trend') <= -3 || at('rssi_mean') <= -100) return 'check_site_signal';
  return 'watch';
}
