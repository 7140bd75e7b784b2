/**
 * Demand over a period is a count: its uncertainty is a negative binomial around
 * the forecast mean, variance μ + α·μ², with α fitted by maximum likelihood to
 * what the backtest saw (forecast sums against actual sums over the same kind
 * of period). Quantiles come from that distribution, not from μ + zσ, so
 * small and intermittent demand gets the right skew.
 */

export const QUANTILE_LEVELS = [0.5, 0.9, 0.95] as const;

function lgamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9).
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** log P(Y = y) for NB with mean μ and dispersion α (α → 0 is Poisson). */
export function nbLogPmf(y: number, mu: number, alpha: number): number {
  const m = Math.max(mu, 1e-9);
  if (alpha < 1e-8) return y * Math.log(m) - m - lgamma(y + 1);
  const r = 1 / alpha;
  return lgamma(y + r) - lgamma(r) - lgamma(y + 1) + r * Math.log(r / (r + m)) + y * Math.log(m / (r + m));
}

/** P(Y = 0) of the NB (Poisson when α → 0). */
function pmfAtZero(mu: number, alpha: number): number {
  if (alpha < 1e-8) return Math.exp(-mu);
  const r = 1 / alpha;
  return Math.exp(r * Math.log(r / (r + mu)));
}

/** P(Y = k + 1) ÷ P(Y = k), to walk the pmf upward from zero. */
function pmfStep(mu: number, alpha: number): (k: number) => number {
  if (alpha < 1e-8) return (k) => mu / (k + 1);
  const r = 1 / alpha;
  return (k) => ((k + r) / (k + 1)) * (mu / (r + mu));
}

/** Smallest integer q with P(Y ≤ q) ≥ level. */
export function nbQuantile(mu: number, alpha: number, level: number): number {
  if (!(mu > 0)) return 0;
  if (mu > 5000) {
    // Far from zero the count is as good as normal with the same variance.
    const sd = Math.sqrt(mu + alpha * mu * mu);
    return Math.max(0, Math.ceil(mu + sd * normalQuantile(level)));
  }
  const step = pmfStep(mu, alpha);
  let p = pmfAtZero(mu, alpha);
  let cdf = p;
  let k = 0;
  const limit = mu * 50 + 1000;
  while (cdf < level && k < limit) {
    p *= step(k);
    k++;
    cdf += p;
  }
  return k;
}

/** P(Y ≤ x) for the same NB (x may be fractional: the count up to floor(x)). */
export function nbCdf(x: number, mu: number, alpha: number): number {
  if (x < 0) return 0;
  if (!(mu > 0)) return 1;
  const top = Math.floor(x);
  if (mu > 5000) {
    const sd = Math.sqrt(mu + alpha * mu * mu);
    const z = (top + 0.5 - mu) / sd;
    return 0.5 * (1 + erf(z / Math.SQRT2));
  }
  const step = pmfStep(mu, alpha);
  let p = pmfAtZero(mu, alpha);
  let cdf = p;
  for (let k = 0; k < top && cdf < 1 - 1e-12; k++) {
    p *= step(k);
    cdf += p;
  }
  return Math.min(1, cdf);
}

function erf(x: number): number {
  // Abramowitz–Stegun 7.1.26.
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return x >= 0 ? y : -y;
}

/** Acklam's rational approximation of the standard normal quantile. */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

export interface Observation {
  /** Forecast mean over the period. */
  mu: number;
  /** What happened (rounded to a count). */
  actual: number;
}

/** α maximising the NB likelihood of the observations (golden-section on log α). */
export function fitDispersion(observations: Observation[]): number {
  const obs = observations.filter((o) => o.mu > 0 && Number.isFinite(o.actual));
  if (obs.length < 10) return 0.3;
  const loglik = (alpha: number) => {
    let s = 0;
    for (const o of obs) s += nbLogPmf(Math.max(0, Math.round(o.actual)), o.mu, alpha);
    return s;
  };
  let lo = Math.log(1e-4);
  let hi = Math.log(10);
  const phi = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - phi * (hi - lo);
  let x2 = lo + phi * (hi - lo);
  let f1 = loglik(Math.exp(x1));
  let f2 = loglik(Math.exp(x2));
  for (let i = 0; i < 40; i++) {
    if (f1 > f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - phi * (hi - lo);
      f1 = loglik(Math.exp(x1));
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + phi * (hi - lo);
      f2 = loglik(Math.exp(x2));
    }
  }
  return Math.exp((lo + hi) / 2);
}

/** Pinball (quantile) loss of one prediction. */
export function pinball(actual: number, predicted: number, level: number): number {
  const diff = actual - predicted;
  return diff >= 0 ? level * diff : (level - 1) * diff;
}
