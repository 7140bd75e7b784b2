/**
 * The classic per-product forecasts: the baselines the model is measured
 * against, and the fallbacks for sparse products. Each takes the known history
 * before the origin (NaN days — censored or closed — are skipped, not zeros)
 * and returns one value per day of the horizon.
 */

export type BaselineName = 'seasonal_naive' | 'ma28' | 'ses' | 'croston_sba' | 'tsb' | 'adida';

export const BASELINES: readonly BaselineName[] = ['seasonal_naive', 'ma28', 'ses', 'croston_sba', 'tsb', 'adida'];

const ALPHA = 0.1;

function known(history: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < history.length; i++) if (!Number.isNaN(history[i]!)) out.push(history[i]!);
  return out;
}

const flat = (value: number, horizon: number) => new Array<number>(horizon).fill(Math.max(0, value));

/** Same weekday last week; an unknown day falls back to the week before, then to the 28-day mean. */
export function seasonalNaive(history: ArrayLike<number>, horizon: number): number[] {
  const n = history.length;
  const fallback = movingAverage(history, 1)[0]!;
  const out: number[] = [];
  for (let k = 0; k < horizon; k++) {
    let value = Number.NaN;
    for (let back = 7 - (k % 7); back <= 28 && Number.isNaN(value); back += 7) {
      const i = n - back;
      if (i >= 0) value = history[i]!;
    }
    out.push(Number.isNaN(value) ? fallback : value);
  }
  return out;
}

export function movingAverage(history: ArrayLike<number>, horizon: number, window = 28): number[] {
  let sum = 0;
  let count = 0;
  for (let i = history.length - 1; i >= 0 && count < window; i--) {
    if (Number.isNaN(history[i]!)) continue;
    sum += history[i]!;
    count++;
  }
  return flat(count ? sum / count : 0, horizon);
}

export function sesLevel(values: number[], alpha = ALPHA): number {
  if (values.length === 0) return 0;
  let level = values[0]!;
  for (let i = 1; i < values.length; i++) level += alpha * (values[i]! - level);
  return level;
}

export function ses(history: ArrayLike<number>, horizon: number, alpha = ALPHA): number[] {
  return flat(sesLevel(known(history), alpha), horizon);
}

/** Croston with the Syntetos–Boylan correction: size / interval × (1 − α/2). */
export function crostonSba(history: ArrayLike<number>, horizon: number, alpha = ALPHA): number[] {
  const values = known(history);
  let size = Number.NaN;
  let interval = Number.NaN;
  let gap = 1;
  for (const v of values) {
    if (v > 0) {
      if (Number.isNaN(size)) {
        size = v;
        interval = gap;
      } else {
        size += alpha * (v - size);
        interval += alpha * (gap - interval);
      }
      gap = 1;
    } else gap++;
  }
  if (Number.isNaN(size)) return flat(0, horizon);
  return flat((1 - alpha / 2) * (size / interval), horizon);
}

/** Teunter–Syntetos–Babai: demand probability updated every day, size on demand days. */
export function tsb(history: ArrayLike<number>, horizon: number, alpha = ALPHA, beta = ALPHA): number[] {
  const values = known(history);
  const firstSale = values.findIndex((v) => v > 0);
  if (firstSale < 0) return flat(0, horizon);
  let probability = 1 / (firstSale + 1);
  let size = values[firstSale]!;
  for (let i = firstSale + 1; i < values.length; i++) {
    const v = values[i]!;
    probability += beta * ((v > 0 ? 1 : 0) - probability);
    if (v > 0) size += alpha * (v - size);
  }
  return flat(probability * size, horizon);
}

/** ADIDA: sum into weeks ending at the origin, SES on the weekly totals, spread evenly. */
export function adida(history: ArrayLike<number>, horizon: number, bucket = 7, alpha = ALPHA): number[] {
  const values = known(history);
  const weeks: number[] = [];
  for (let end = values.length; end - bucket >= 0; end -= bucket) {
    let s = 0;
    for (let i = end - bucket; i < end; i++) s += values[i]!;
    weeks.unshift(s);
  }
  if (weeks.length === 0) return movingAverage(history, horizon);
  return flat(sesLevel(weeks, alpha) / bucket, horizon);
}

export function baselineForecast(name: BaselineName, history: ArrayLike<number>, horizon: number): number[] {
  switch (name) {
    case 'seasonal_naive':
      return seasonalNaive(history, horizon);
    case 'ma28':
      return movingAverage(history, horizon);
    case 'ses':
      return ses(history, horizon);
    case 'croston_sba':
      return crostonSba(history, horizon);
    case 'tsb':
      return tsb(history, horizon);
    case 'adida':
      return adida(history, horizon);
  }
}
