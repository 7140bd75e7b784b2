/**
 * The few statistics the pattern rules lean on, written out so each rule says
 * which test it applies: robust z-scores (median and MAD, so the outlier cannot
 * hide by inflating the spread), a binomial z against the peers' pooled rate,
 * the Poisson upper tail, and Benford's first-digit law.
 */
export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Robust z-score of each value: 0.6745 (x − median) / MAD. When more than half
 * the values are equal the MAD is 0; then the mean absolute deviation stands in
 * (scaled to the normal's σ), and a set with no spread at all scores 0.
 */
export function robustZ(values: number[]): number[] {
  const med = median(values);
  const mad = median(values.map((v) => Math.abs(v - med)));
  if (mad > 0) return values.map((v) => (0.6745 * (v - med)) / mad);
  const meanAd = values.reduce((s, v) => s + Math.abs(v - med), 0) / Math.max(values.length, 1);
  if (meanAd === 0) return values.map(() => 0);
  return values.map((v) => (v - med) / (1.2533 * meanAd));
}

/** z of k successes in n trials against rate p0 (normal approximation). */
export function binomialZ(k: number, n: number, p0: number): number {
  if (n === 0) return 0;
  const p = Math.min(Math.max(p0, 1e-4), 1 - 1e-4);
  return (k / n - p) / Math.sqrt((p * (1 - p)) / n);
}

/** P(X ≥ k) for X ~ Poisson(lambda). */
export function poissonTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  let term = Math.exp(-lambda);
  let below = term;
  for (let i = 1; i < k; i++) {
    term *= lambda / i;
    below += term;
  }
  return Math.max(0, 1 - below);
}

/** Benford's expected share of first digit d (1–9). */
export const BENFORD = Array.from({ length: 9 }, (_, i) => Math.log10(1 + 1 / (i + 1)));

export function firstDigit(value: number): number | null {
  const v = Math.abs(value);
  if (!Number.isFinite(v) || v < 1) return null;
  return Number(String(Math.floor(v))[0]);
}

export interface BenfordTest {
  n: number;
  counts: number[];
  /** Mean absolute deviation between observed and expected shares (Nigrini). */
  mad: number;
}

export function benfordTest(values: number[]): BenfordTest {
  const counts = Array<number>(9).fill(0);
  let n = 0;
  for (const v of values) {
    const d = firstDigit(v);
    if (d === null) continue;
    counts[d - 1]!++;
    n++;
  }
  const mad = n === 0 ? 0 : counts.reduce((s, c, i) => s + Math.abs(c / n - BENFORD[i]!), 0) / 9;
  return { n, counts, mad };
}

/** Nigrini's first-digit MAD bands: above 0.015 the data does not conform. */
export const BENFORD_NONCONFORMITY = 0.015;
