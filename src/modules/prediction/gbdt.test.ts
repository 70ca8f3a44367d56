// The boosted trees learn what a feature says (an interaction no single split shows, a line),
// answer the same for the same seed, and route rows by their raw values; small problems have the
// answers worked out by hand, each tree lowers the training loss, a model survives JSON, and a
// broken one is named before it can run.
import { describe, expect, it } from 'vitest';
import { prng } from '../../sim/faults.js';
import { type GbdtJson, gbdtProblem, predictGbdt, trainGbdt } from './gbdt.js';

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

  it('answers a one-split problem exactly as worked out by hand', () => {
    // Squared error: the base is the mean (5); one tree of depth 1 splits between 1 and 2, its
    // leaves the mean residual on each side (−5, +5), taken whole (rate 1, no penalty).
    const X = [[0], [1], [2], [3]];
    const y = [0, 0, 10, 10];
    const m = trainGbdt(X, y, { objective: 'regression', trees: 1, depth: 1, learningRate: 1, lambda: 0, minLeaf: 1, seed: 1 });
    expect(m.base).toBeCloseTo(5);
    expect(m.trees).toHaveLength(1);
    expect(X.map((x) => predictGbdt(m, x))).toEqual([0, 0, 10, 10].map((v) => expect.closeTo(v, 6)));
    const tree = m.trees[0] as { f: number[]; t: number[] };
    expect(tree.f[0]).toBe(0);
    expect(tree.t[0]).toBeGreaterThanOrEqual(1);
    expect(tree.t[0]).toBeLessThan(2);
    // Log loss: a pure split drives each side's probability towards its label, never past it.
    const b = trainGbdt(X, [0, 0, 1, 1], { objective: 'binary', trees: 20, depth: 1, learningRate: 0.5, minLeaf: 0.1, seed: 1 });
    expect(predictGbdt(b, [0])).toBeLessThan(0.1);
    expect(predictGbdt(b, [3])).toBeGreaterThan(0.9);
    for (const x of X) expect(predictGbdt(b, x)).toBeGreaterThan(0);
  });

  it('lowers the training loss with every tree', () => {
    const { X, y } = data(4, 800);
    const m = trainGbdt(X, y, { objective: 'binary', trees: 40, depth: 3, learningRate: 0.3, seed: 5 });
    const logLoss = (model: GbdtJson) =>
      X.reduce((sum, x, i) => {
        const p = Math.min(1 - 1e-12, Math.max(1e-12, predictGbdt(model, x)));
        return sum - (y[i] === 1 ? Math.log(p) : Math.log(1 - p));
      }, 0) / X.length;
    // Without row sampling the first k trees are the model of k trees: the loss after each.
    const losses = Array.from({ length: m.trees.length + 1 }, (_, k) => logLoss({ ...m, trees: m.trees.slice(0, k) }));
    for (let k = 1; k < losses.length; k++)
      expect(losses[k], `after tree ${k}`).toBeLessThanOrEqual((losses[k - 1] as number) + 1e-12);
    expect(losses.at(-1)).toBeLessThan((losses[0] as number) / 3);
  });

  it('answers the same after a trip through JSON', () => {
    const { X, y } = data(6, 400);
    const m = trainGbdt(X, y, { objective: 'binary', trees: 15, depth: 4, learningRate: 0.3, seed: 2 });
    const back = JSON.parse(JSON.stringify(m)) as GbdtJson;
    for (const x of data(7, 100).X) expect(predictGbdt(back, x)).toBe(predictGbdt(m, x));
    expect(gbdtProblem(back, 3)).toBeNull();
  });

  it('names what is broken in a model before it runs: lengths, features, children out of order, non-numbers', () => {
    const m = trainGbdt(data(8, 300).X, data(8, 300).y, { objective: 'binary', trees: 3, depth: 2, learningRate: 0.3, seed: 3 });
    const broken = (change: (t: GbdtJson['trees'][number]) => void) => {
      const copy = structuredClone(m);
      change(copy.trees[1] as GbdtJson['trees'][number]);
      return gbdtProblem(copy, 3);
    };
    const split = (t: GbdtJson['trees'][number]) => t.f.findIndex((f) => f >= 0);
    const leaf = (t: GbdtJson['trees'][number]) => t.f.indexOf(-1);
    expect(broken((t) => t.v.pop())).toBe('tree 1: arrays of different lengths');
    expect(broken((t) => (t.f[split(t)] = 3))).toBe('tree 1: feature 3 out of range');
    expect(broken((t) => (t.f[split(t)] = 0.5))).toBe('tree 1: feature 0.5 out of range');
    expect(broken((t) => (t.l[split(t)] = 0))).toMatch(/^tree 1: node \d+ has a child out of order$/); // a loop
    expect(broken((t) => (t.r[split(t)] = t.f.length))).toMatch(/has a child out of order$/);
    expect(broken((t) => (t.v[leaf(t)] = Number.NaN))).toMatch(/^tree 1: leaf \d+ is not a number$/);
    expect(broken((t) => (t.t[split(t)] = Number.POSITIVE_INFINITY))).toMatch(/has no threshold$/);
    expect(gbdtProblem({ trees: [{ f: [], t: [], l: [], r: [], v: [] }] }, 3)).toBe('tree 0: arrays of different lengths');
  });
});
