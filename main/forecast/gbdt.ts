/**
 * A compact histogram gradient-boosted tree trainer for count data (Poisson or
 * Tweedie loss, log link), the kind LightGBM grows: features cut into at most
 * 256 bins, trees grown leaf-wise (best split first) from gradient/hessian
 * histograms, the larger child's histogram by subtraction. No usable trainer of
 * this kind exists on npm, and the model must end up as an ONNX
 * TreeEnsembleRegressor (see onnx.ts), so the trees are kept in exactly that
 * shape: `x[feature] <= threshold` goes left, thresholds are float32.
 *
 * A row may carry a multiplicative base (one of its features, `offsetFeature`):
 * the model predicts exp(log(max(base, floor)) + baseScore + Σ trees), so the trees
 * learn how a product's demand departs from its own recent level instead of
 * re-learning every level from scratch.
 */

import { mulberry32 } from '../domain/random';

export type Loss = { kind: 'poisson' } | { kind: 'tweedie'; power: number };

export interface GbdtOptions {
  loss: Loss;
  trees: number;
  learningRate: number;
  maxLeaves: number;
  maxDepth: number;
  /** Smallest number of rows in a leaf. */
  minRows: number;
  /** Smallest sum of hessians in a leaf. */
  minHessian: number;
  /** L2 penalty on leaf values. */
  lambda: number;
  /** Largest step a leaf may take on the log scale before shrinkage (Poisson needs it: XGBoost uses 0.7). */
  maxDeltaStep: number;
  /** Share of rows each tree sees (bagging). */
  rowSample: number;
  maxBins: number;
  seed: number;
  /** Feature whose value is the row's multiplicative base, or -1. */
  offsetFeature: number;
  offsetFloor: number;
}

export const DEFAULT_GBDT: GbdtOptions = {
  loss: { kind: 'poisson' },
  trees: 200,
  learningRate: 0.08,
  maxLeaves: 31,
  maxDepth: 8,
  minRows: 40,
  minHessian: 1e-3,
  lambda: 1,
  maxDeltaStep: 0.7,
  rowSample: 0.7,
  maxBins: 255,
  seed: 1,
  offsetFeature: -1,
  offsetFloor: 0.01,
};

/** Row-major float32 features, one target per row. Values must not be NaN. */
export interface Dataset {
  features: Float32Array;
  rows: number;
  cols: number;
  target: Float32Array;
}

/** One tree in arrays; node 0 is the root, `feature[i] === -1` marks a leaf. */
export interface Tree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  /** Leaf value on the log scale (already multiplied by the learning rate). */
  value: number[];
}

export interface GbdtModel {
  loss: Loss;
  featureCount: number;
  baseScore: number;
  offsetFeature: number;
  offsetFloor: number;
  trees: Tree[];
}

export interface TrainHooks {
  onTree?: (done: number, total: number) => void;
}

/** Float32 cut points per feature: bin b holds values v with thresholds[b-1] < v <= thresholds[b]. */
export function binThresholds(data: Dataset, maxBins: number): Float32Array[] {
  const sampleStep = Math.max(1, Math.floor(data.rows / 60_000));
  const out: Float32Array[] = [];
  for (let f = 0; f < data.cols; f++) {
    const values: number[] = [];
    for (let r = 0; r < data.rows; r += sampleStep) {
      const v = data.features[r * data.cols + f]!;
      if (Number.isNaN(v)) throw new Error(`feature ${f} is NaN at row ${r}`);
      values.push(v);
    }
    values.sort((a, b) => a - b);
    const distinct: number[] = [];
    for (const v of values) if (distinct.length === 0 || distinct[distinct.length - 1] !== v) distinct.push(v);
    let cuts: number[];
    if (distinct.length <= maxBins) cuts = distinct.slice(0, -1).map((v, i) => midpoint(v, distinct[i + 1]!));
    else {
      // Quantile cuts over the sample, snapped to gaps between distinct values.
      const set = new Set<number>();
      for (let q = 1; q < maxBins; q++) {
        const v = values[Math.floor((q * values.length) / maxBins)]!;
        const i = upperIndex(distinct, v);
        if (i < distinct.length) set.add(midpoint(distinct[i - 1]!, distinct[i]!));
      }
      cuts = [...set].sort((a, b) => a - b);
    }
    out.push(Float32Array.from(cuts));
  }
  return out;
}

/** A float32 strictly between a and b when there is one, else a (so b never goes left). */
function midpoint(a: number, b: number): number {
  const m = Math.fround((a + b) / 2);
  return m >= b || m < a ? a : m;
}

/** First index whose value is > v. */
function upperIndex(sorted: number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function binOf(cuts: Float32Array, v: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= cuts[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function binMatrix(data: Dataset, cuts: Float32Array[]): Uint8Array {
  const bins = new Uint8Array(data.rows * data.cols);
  for (let r = 0; r < data.rows; r++) {
    const base = r * data.cols;
    for (let f = 0; f < data.cols; f++) bins[base + f] = binOf(cuts[f]!, data.features[base + f]!);
  }
  return bins;
}

/** Log of the row's base (0 without an offset feature). */
export function rowOffset(features: ArrayLike<number>, base: number, offsetFeature: number, floor: number): number {
  return offsetFeature < 0 ? 0 : Math.log(Math.max(features[base + offsetFeature]!, floor));
}

function gradients(loss: Loss, y: number, f: number, out: Float64Array, i: number): void {
  if (loss.kind === 'poisson') {
    const mu = Math.exp(f);
    out[2 * i] = mu - y;
    out[2 * i + 1] = mu;
    return;
  }
  const p = loss.power;
  const a = Math.exp((1 - p) * f);
  const b = Math.exp((2 - p) * f);
  out[2 * i] = -y * a + b;
  out[2 * i + 1] = -(1 - p) * y * a + (2 - p) * b;
}

/** Per feature and bin: [Σ gradient, Σ hessian, row count], interleaved so one bin is one cache line. */
type Histogram = Float64Array;

interface Leaf {
  node: number;
  start: number;
  end: number;
  depth: number;
  G: number;
  H: number;
  hist: Histogram;
  split: { gain: number; feature: number; bin: number } | null;
}


export function train(data: Dataset, partial: Partial<GbdtOptions> = {}, hooks: TrainHooks = {}): GbdtModel {
  const o: GbdtOptions = { ...DEFAULT_GBDT, ...partial };
  const { rows, cols, target } = data;
  if (rows === 0) throw new Error('no rows to train on');
  const cuts = binThresholds(data, Math.min(o.maxBins, 255));
  const nb = 256;
  const bins = binMatrix(data, cuts);

  // Start from the mean ratio of target to base: exp(baseScore) × base is unbiased on the training set.
  const F = new Float64Array(rows);
  let sumY = 0;
  let sumBase = 0;
  for (let r = 0; r < rows; r++) {
    F[r] = rowOffset(data.features, r * cols, o.offsetFeature, o.offsetFloor);
    sumY += target[r]!;
    sumBase += Math.exp(F[r]!);
  }
  const baseScore = Math.log(Math.max(sumY, 1e-9) / sumBase);
  for (let r = 0; r < rows; r++) F[r]! += baseScore;

  const gh = new Float64Array(rows * 2);
  const perm = new Uint32Array(rows);
  const scratch = new Uint32Array(rows);
  const random = mulberry32(o.seed);
  const pool: Histogram[] = [];
  const newHist = (): Histogram => pool.pop() ?? new Float64Array(cols * nb * 3);
  const trees: Tree[] = [];

  for (let t = 0; t < o.trees; t++) {
    let n = 0;
    for (let r = 0; r < rows; r++) {
      if (o.rowSample >= 1 || random() < o.rowSample) perm[n++] = r;
    }
    if (n < o.minRows * 2) {
      n = 0;
      for (let r = 0; r < rows; r++) perm[n++] = r;
    }
    let G = 0;
    let H = 0;
    for (let i = 0; i < n; i++) {
      const r = perm[i]!;
      gradients(o.loss, target[r]!, F[r]!, gh, r);
      G += gh[2 * r]!;
      H += gh[2 * r + 1]!;
    }

    const tree: Tree = { feature: [-1], threshold: [0], left: [-1], right: [-1], value: [0] };
    const root: Leaf = { node: 0, start: 0, end: n, depth: 0, G, H, hist: newHist(), split: null };
    buildHistogram(root.hist, root.start, root.end);
    root.split = bestSplit(root);
    const leaves: Leaf[] = [root];

    while (leaves.length < o.maxLeaves) {
      let bestIndex = -1;
      for (let i = 0; i < leaves.length; i++) {
        const s = leaves[i]!.split;
        if (s && (bestIndex < 0 || s.gain > leaves[bestIndex]!.split!.gain)) bestIndex = i;
      }
      if (bestIndex < 0) break;
      const leaf = leaves[bestIndex]!;
      const { feature, bin } = leaf.split!;
      // Partition the leaf's rows: bin <= split bin to the left, stably.
      let l = leaf.start;
      let k = 0;
      for (let i = leaf.start; i < leaf.end; i++) {
        const r = perm[i]!;
        if (bins[r * cols + feature]! <= bin) perm[l++] = r;
        else scratch[k++] = r;
      }
      perm.set(scratch.subarray(0, k), l);
      let GL = 0;
      let HL = 0;
      for (let b = 0; b <= bin; b++) {
        GL += leaf.hist[(feature * nb + b) * 3]!;
        HL += leaf.hist[(feature * nb + b) * 3 + 1]!;
      }
      const leftLeaf: Leaf = { node: tree.feature.length, start: leaf.start, end: l, depth: leaf.depth + 1, G: GL, H: HL, hist: newHist(), split: null };
      const rightLeaf: Leaf = { node: tree.feature.length + 1, start: l, end: leaf.end, depth: leaf.depth + 1, G: leaf.G - GL, H: leaf.H - HL, hist: newHist(), split: null };
      const [small, large] = leftLeaf.end - leftLeaf.start <= rightLeaf.end - rightLeaf.start ? [leftLeaf, rightLeaf] : [rightLeaf, leftLeaf];
      buildHistogram(small.hist, small.start, small.end);
      const ph = leaf.hist;
      const sh = small.hist;
      const lh = large.hist;
      for (let i = 0; i < cols * nb * 3; i++) lh[i] = ph[i]! - sh[i]!;
      pool.push(ph);
      tree.feature[leaf.node] = feature;
      tree.threshold[leaf.node] = cuts[feature]![bin]!;
      tree.left[leaf.node] = leftLeaf.node;
      tree.right[leaf.node] = rightLeaf.node;
      for (const child of [leftLeaf, rightLeaf]) {
        tree.feature.push(-1);
        tree.threshold.push(0);
        tree.left.push(-1);
        tree.right.push(-1);
        tree.value.push(0);
        child.split = child.depth < o.maxDepth ? bestSplit(child) : null;
      }
      leaves.splice(bestIndex, 1, leftLeaf, rightLeaf);
    }

    // Leaf values, and the sampled rows' scores move by them.
    for (const leaf of leaves) {
      let w = -leaf.G / (leaf.H + o.lambda);
      if (o.maxDeltaStep > 0) w = Math.max(-o.maxDeltaStep, Math.min(o.maxDeltaStep, w));
      w *= o.learningRate;
      tree.value[leaf.node] = w;
      pool.push(leaf.hist);
    }
    // Every row's score moves by its leaf (rows outside the sample too).
    const binThreshold = tree.threshold.map((thr, i) => (tree.feature[i]! < 0 ? 0 : binOf(cuts[tree.feature[i]!]!, thr)));
    for (let r = 0; r < rows; r++) {
      let node = 0;
      const base = r * cols;
      while (tree.feature[node]! >= 0) node = bins[base + tree.feature[node]!]! <= binThreshold[node]! ? tree.left[node]! : tree.right[node]!;
      F[r]! += tree.value[node]!;
    }
    trees.push(tree);
    hooks.onTree?.(t + 1, o.trees);
  }

  return { loss: o.loss, featureCount: cols, baseScore, offsetFeature: o.offsetFeature, offsetFloor: o.offsetFloor, trees };

  function buildHistogram(hist: Histogram, start: number, end: number): void {
    hist.fill(0);
    for (let i = start; i < end; i++) {
      const r = perm[i]!;
      const gr = gh[2 * r]!;
      const hr = gh[2 * r + 1]!;
      const base = r * cols;
      for (let f = 0; f < cols; f++) {
        const k = (f * nb + bins[base + f]!) * 3;
        hist[k]! += gr;
        hist[k + 1]! += hr;
        hist[k + 2]! += 1;
      }
    }
  }

  function bestSplit(leaf: Leaf): Leaf['split'] {
    const count = leaf.end - leaf.start;
    if (count < 2 * o.minRows) return null;
    const parentScore = (leaf.G * leaf.G) / (leaf.H + o.lambda);
    let best: Leaf['split'] = null;
    for (let f = 0; f < cols; f++) {
      const last = cuts[f]!.length; // bins 0..last
      let GL = 0;
      let HL = 0;
      let CL = 0;
      for (let b = 0; b < last; b++) {
        const k = (f * nb + b) * 3;
        GL += leaf.hist[k]!;
        HL += leaf.hist[k + 1]!;
        CL += leaf.hist[k + 2]!;
        if (CL < o.minRows || HL < o.minHessian) continue;
        const CR = count - CL;
        const HR = leaf.H - HL;
        if (CR < o.minRows || HR < o.minHessian) break;
        const GR = leaf.G - GL;
        const gain = (GL * GL) / (HL + o.lambda) + (GR * GR) / (HR + o.lambda) - parentScore;
        if (gain > 1e-9 && (!best || gain > best.gain)) best = { gain, feature: f, bin: b };
      }
    }
    return best;
  }
}

/** The model's log-scale score for one row (before exp). */
export function rawScore(model: GbdtModel, features: ArrayLike<number>, base = 0): number {
  let s = model.baseScore + rowOffset(features, base, model.offsetFeature, model.offsetFloor);
  for (const tree of model.trees) {
    let node = 0;
    while (tree.feature[node]! >= 0) node = Math.fround(features[base + tree.feature[node]!]!) <= tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
    s += tree.value[node]!;
  }
  return s;
}

/** Expected value per row (exp of the score), in plain TypeScript: for tests against the ONNX run. */
export function predictMean(model: GbdtModel, features: Float32Array, rows: number): Float64Array {
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) out[r] = Math.exp(rawScore(model, features, r * model.featureCount));
  return out;
}
