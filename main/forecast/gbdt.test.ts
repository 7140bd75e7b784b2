import { describe, expect, it } from 'vitest';
import { binThresholds, predictMean, rawScore, train } from './gbdt';

const dataset = (xs: number[][], ys: number[]) => ({
  features: Float32Array.from(xs.flat()),
  rows: xs.length,
  cols: xs[0]!.length,
  target: Float32Array.from(ys),
});

// One split, no shrinkage, no penalty: every number below is worked out by hand.
const exact = { trees: 1, maxLeaves: 2, learningRate: 1, lambda: 0, maxDeltaStep: 0, minRows: 1, rowSample: 1 };

describe('histogram GBDT', () => {
  it('grows the tree a Poisson gradient step gives by hand', () => {
    // Start: log(mean y) = log 2.5. Gradients μ − y = [1.5, 1.5, −1.5, −1.5], hessians μ = 2.5.
    // Best split x ≤ 2.5: left G = 3, H = 5 → leaf −0.6; right G = −3, H = 5 → +0.6.
    const model = train(dataset([[1], [2], [3], [4]], [1, 1, 4, 4]), exact);
    expect(model.baseScore).toBeCloseTo(Math.log(2.5), 12);
    const [tree] = model.trees;
    expect(tree!.feature[0]).toBe(0);
    expect(tree!.threshold[0]).toBe(2.5);
    expect(tree!.value[tree!.left[0]!]).toBeCloseTo(-0.6, 12);
    expect(tree!.value[tree!.right[0]!]).toBeCloseTo(0.6, 12);
    expect(Math.exp(rawScore(model, [2]))).toBeCloseTo(2.5 * Math.exp(-0.6), 10);
    expect(Math.exp(rawScore(model, [3]))).toBeCloseTo(2.5 * Math.exp(0.6), 10);
  });

  it('applies λ and the max delta step the way the formulas say', () => {
    // λ = 1: −3 / (5 + 1) = −0.5; a cap of 0.4 then clips it; learning rate 0.5 halves it.
    const model = train(dataset([[1], [2], [3], [4]], [1, 1, 4, 4]), { ...exact, lambda: 1, maxDeltaStep: 0.4, learningRate: 0.5 });
    const [tree] = model.trees;
    expect(tree!.value[tree!.left[0]!]).toBeCloseTo(-0.2, 12);
    expect(tree!.value[tree!.right[0]!]).toBeCloseTo(0.2, 12);
  });

  it('picks the feature that separates the targets and ignores noise', () => {
    const model = train(dataset([[5, 1], [1, 2], [4, 3], [2, 4]], [0, 0, 6, 6]), exact);
    expect(model.trees[0]!.feature[0]).toBe(1);
    expect(model.trees[0]!.threshold[0]).toBe(2.5);
  });

  it('uses the offset feature as a multiplicative base', () => {
    // y = 2 × base exactly: with the base as offset the start is log 2 and nothing is left to learn.
    const xs = [[1], [2], [4], [8]];
    const model = train(dataset(xs, [2, 4, 8, 16]), { ...exact, offsetFeature: 0 });
    expect(model.baseScore).toBeCloseTo(Math.log(2), 12);
    const means = predictMean(model, Float32Array.from(xs.flat()), 4);
    [2, 4, 8, 16].forEach((y, i) => expect(means[i]).toBeCloseTo(y, 6));
  });

  it('takes a Tweedie step whose gradient matches the loss numerically', () => {
    const p = 1.5;
    const loss = (y: number, f: number) => (-y * Math.exp((1 - p) * f)) / (1 - p) + Math.exp((2 - p) * f) / (2 - p);
    // One leaf over all rows: the step is −G/H of the Tweedie gradient at the start.
    const ys = [0, 1, 3];
    const model = train(dataset([[0], [0], [0]], ys), { ...exact, loss: { kind: 'tweedie', power: p }, maxLeaves: 2, minRows: 2 });
    const f0 = model.baseScore;
    const h = 1e-6;
    const G = ys.reduce((s, y) => s + (loss(y, f0 + h) - loss(y, f0 - h)) / (2 * h), 0);
    const H = ys.reduce((s, y) => s + (loss(y, f0 + h) - 2 * loss(y, f0) + loss(y, f0 - h)) / (h * h), 0);
    expect(model.trees[0]!.feature[0]).toBe(-1);
    expect(model.trees[0]!.value[0]).toBeCloseTo(-G / H, 4);
  });

  it('cuts thresholds between distinct float32 values, never on one', () => {
    const cuts = binThresholds(dataset([[0.1], [0.2], [0.2], [0.3]], [0, 0, 0, 0]), 255)[0]!;
    expect([...cuts]).toEqual([Math.fround(0.15), Math.fround(0.25)]);
    expect(() => binThresholds(dataset([[Number.NaN]], [0]), 255)).toThrow(/NaN/);
  });

  it('learns a weekday effect and a level from Poisson data', () => {
    let seed = 3;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const poisson = (mu: number) => {
      let k = 0;
      let p = 1;
      const l = Math.exp(-mu);
      do {
        k++;
        p *= random();
      } while (p > l);
      return k - 1;
    };
    const xs: number[][] = [];
    const ys: number[] = [];
    for (let i = 0; i < 6000; i++) {
      const level = 0.5 + random() * 8;
      const saturday = i % 7 === 6 ? 1 : 0;
      xs.push([level, saturday]);
      ys.push(poisson(level * (saturday ? 1.6 : 0.9)));
    }
    const model = train(dataset(xs, ys), { offsetFeature: 0, trees: 80 });
    const ratio = Math.exp(rawScore(model, [4, 1]) - rawScore(model, [4, 0]));
    expect(ratio).toBeGreaterThan(1.5);
    expect(ratio).toBeLessThan(2.0);
  });
});
