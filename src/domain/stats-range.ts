// Which table answers a stats query, and at what step: pure, so the choice is unit-tested.
// Raw samples answer while the window lies within raw retention; older windows read the 5-minute
// rollups. The step is never finer than the source's own resolution and gives at most `points`
// buckets, on round boundaries so that two requests line up.

export const STATS_RANGES = { '1h': 3600, '24h': 86_400, '7d': 7 * 86_400, '30d': 30 * 86_400 } as const;
export type StatsRange = keyof typeof STATS_RANGES;

export const ROLLUP_SEC = 300;
/** The finest step of a raw query (heartbeats come about once a minute; denser agents average). */
export const RAW_MIN_STEP_SEC = 10;

const NICE_STEPS = [10, 15, 20, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400];

export interface StatsWindow {
  from: Date;
  to: Date;
  stepSec: number;
  source: 'raw' | 'rollup';
}

export function statsWindow(range: StatsRange, now: Date, rawRetentionSec: number, points = 720): StatsWindow {
  const span = STATS_RANGES[range];
  const source = span <= rawRetentionSec ? 'raw' : 'rollup';
  const finest = source === 'raw' ? RAW_MIN_STEP_SEC : ROLLUP_SEC;
  const wanted = Math.max(finest, Math.ceil(span / Math.max(1, points)));
  const stepSec = NICE_STEPS.find((s) => s >= wanted) ?? 86_400;
  // The window ends at the next step boundary so that the newest bucket holds the newest sample.
  const end = Math.ceil(now.getTime() / 1000 / stepSec) * stepSec;
  return { from: new Date((end - span) * 1000), to: new Date(end * 1000), stepSec, source };
}

/** Per-bucket increase of a counter that only grows, except when the router restarted (reset). */
export function counterDeltas(values: Array<number | null>): Array<number | null> {
  let previous: number | null = null;
  return values.map((v) => {
    if (v === null) return null;
    const delta = previous === null ? null : v >= previous ? v - previous : v;
    previous = v;
    return delta;
  });
}
