// The boosted trees learn what a feature says (an interaction no single split shows, a line),
// answer the same for the same seed, and route rows by their raw values.
import { describe, expect, it } from 'vitest';
import { prng } from '../../sim/faults.js';
import { predictGbdt, trainGbdt } from './gbdt.js';

const data = (seed: number, n: number) => {
  const rnd = prng(seed);
  const X = Array.from({ length: n }, () => [rnd() * 2 - 1, rnd() * 2 - 1, rnd()]);
  // XOR of the signs of the first two features; the third is noise.
  const y = X.map(([a, b]) => ((a as number) > 0 !== (b as number) > 0 ? 1 : 0));
  return { X, y };
};

describe('gradient-boosted trees', () => {
  it('learn an interaction no single split shows, and ignore noise', () => {
    const train = data(1, 2000);
    const test = data(2, 500);
    const m = trainGbdt(train.X, train.y, { objective: 'binary', trees: 60, depth: 3, learningRate: 0.3, seed: 7 });
    const right = test.X.filter((x, i) => (predictGbdt(m, x) >= 0.5 ? 1 : 0) === test.y[i]).length;
    expect(right / test.X.length).toBeGreaterThan(0.95);
    // The noise feature carries (almost) none of the gain.
    const [a, b, noise] = m.importance as [number, number, number];
    expect(noise).toBeLessThan(0.05 * (a + b));
  });

  it('fits a number (squared error) and answers the same for the same seed', () => {
    const rnd = prng(3);
    const X = Array.from({ length: 1000 }, () => [rnd() * 100]);
    const y = X.map(([x]) => 2 * (x as number) + 5);
    const o = { objective: 'regression' as const, trees: 80, depth: 4, learningRate: 0.2, subsample: 0.8, seed: 11 };
    const m = trainGbdt(X, y, o);
    for (const x of [10, 50, 90]) expect(Math.abs(predictGbdt(m, [x]) - (2 * x + 5))).toBeLessThan(6);
    expect(JSON.stringify(trainGbdt(X, y, o))).toBe(JSON.stringify(m));
    expect(JSON.stringify(trainGbdt(X, y, { ...o, seed: 12 }))).not.toBe(JSON.stringify(m));
  });
});
