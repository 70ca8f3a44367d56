// The one exponential back-off: base · 2^step, at most max, spread by ± jitter so that many
// waiters (replicas, routers, deliveries) do not retry in step. Pure: randomness is passed in.

export interface BackoffShape {
  /** The wait at step 0 (any unit). */
  base: number;
  /** The longest wait. */
  max: number;
  /** The spread: 0.2 is ±20 %. */
  jitter?: number;
  random?: () => number;
}

export function backoff(step: number, shape: BackoffShape): number {
  const plain = Math.min(shape.max, shape.base * 2 ** Math.max(0, step));
  const jitter = shape.jitter ?? 0;
  if (jitter === 0) return plain;
  return plain * (1 - jitter + (shape.random ?? Math.random)() * 2 * jitter);
}
