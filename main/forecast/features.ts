import { mulberry32 } from '../domain/random';
import type { Calendar } from './calendar';
import { type DemandPanel, firstKnown, type PanelItem } from './panel';

/**
 * Feature rows for the global demand model. A row answers "demand of this
 * product on day d, forecast at origin o" (data known up to o − 1, d ≥ o,
 * h = d − o + 1): history features are taken as of the origin — lags and rolling
 * means shifted by the horizon, so the model never sees what it could not know —
 * and calendar and price features of the target day. Unknown values are −1 (the
 * trees split them off); nothing is NaN.
 */
export const FEATURE_NAMES = [
  'level', // multiplicative base: blend of the 28- and 91-day means (offset of the model)
  'horizon',
  'mean7_rel',
  'mean28_rel',
  'mean91_rel',
  'weekday_ratio365', // the product's demand on the target's weekday ÷ its mean, last year, shrunk toward 1
  'last_rel',
  'mean364_rel',
  'zero_share91',
  'days_since_sale',
  'history_days',
  'weekday',
  'day_of_month',
  'payday',
  'holiday',
  'long_weekend',
  'day_before_holiday',
  'aguinaldo',
  'season',
  'category',
  'price_rel',
  'discount_share28', // share of the last 28 known days sold below the recent median price
  'discount_lift365', // demand on discounted days ÷ demand on regular days, over the last year
  'regular_mean91_rel', // mean demand on days at the regular price, last 91 days, relative to the level
  'price_vs_max91', // target day's price ÷ the highest price of the last 91 days (1 = regular, < 1 = on offer)
] as const;

export const FEATURE_COUNT = FEATURE_NAMES.length;
export const LEVEL_FEATURE = 0;
export const MAX_HORIZON = 28;
export const MAX_TRAINING_ROWS = 750_000;

/** Per-product running sums so every window mean is O(1). */
export interface ItemHistory {
  item: PanelItem;
  first: number;
  /** Prefix sums over known days: sum[i] = Σ demand[0..i). */
  sum: Float64Array;
  known: Int32Array;
  zeros: Int32Array;
  /** Last index < i with demand > 0, or −1. */
  lastSale: Int32Array;
  /** Median of the known prices in [i − 91, i), NaN when none. */
  medianPrice: Float32Array;
  /** Highest known price in [i − 91, i). */
  maxPrice: Float32Array;
  /** Prefix sums over known days split by whether the day's price was under 95 % of its median: demand and day counts. */
  discountedSum: Float64Array;
  discountedDays: Int32Array;
  regularSum: Float64Array;
  regularDays: Int32Array;
  category: number;
}

export function itemHistory(item: PanelItem, categoryIndex: number): ItemHistory {
  const n = item.demand.length;
  const sum = new Float64Array(n + 1);
  const known = new Int32Array(n + 1);
  const zeros = new Int32Array(n + 1);
  const lastSale = new Int32Array(n + 1);
  lastSale[0] = -1;
  for (let i = 0; i < n; i++) {
    const v = item.demand[i]!;
    const ok = !Number.isNaN(v);
    sum[i + 1] = sum[i]! + (ok ? v : 0);
    known[i + 1] = known[i]! + (ok ? 1 : 0);
    zeros[i + 1] = zeros[i]! + (ok && v === 0 ? 1 : 0);
    lastSale[i + 1] = ok && v > 0 ? i : lastSale[i]!;
  }
  const maxPrice = new Float32Array(n + 1);
  const medianPrice = rollingMedian(item.price, 91, maxPrice);
  const discountedSum = new Float64Array(n + 1);
  const discountedDays = new Int32Array(n + 1);
  const regularSum = new Float64Array(n + 1);
  const regularDays = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const v = item.demand[i]!;
    const ok = !Number.isNaN(v);
    const discounted = ok && item.price[i]! < 0.95 * medianPrice[i]!;
    const regular = ok && !discounted && !Number.isNaN(medianPrice[i]!);
    discountedSum[i + 1] = discountedSum[i]! + (discounted ? v : 0);
    discountedDays[i + 1] = discountedDays[i]! + (discounted ? 1 : 0);
    regularSum[i + 1] = regularSum[i]! + (regular ? v : 0);
    regularDays[i + 1] = regularDays[i]! + (regular ? 1 : 0);
  }
  return { item, first: firstKnown(item.demand), sum, known, zeros, lastSale, medianPrice, discountedSum, discountedDays, regularSum, regularDays, maxPrice, category: categoryIndex };
}

/** out[i] = median of the non-NaN values in [i − window, i); max[i] their largest. */
function rollingMedian(values: Float32Array, window: number, max?: Float32Array): Float32Array {
  const out = new Float32Array(values.length + 1).fill(Number.NaN);
  max?.fill(Number.NaN);
  const sorted: number[] = [];
  const insert = (v: number) => sorted.splice(lowerBound(sorted, v), 0, v);
  const remove = (v: number) => sorted.splice(lowerBound(sorted, v), 1);
  for (let i = 0; i <= values.length; i++) {
    if (sorted.length > 0) {
      const m = sorted.length >> 1;
      out[i] = sorted.length % 2 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
      if (max) max[i] = sorted[sorted.length - 1]!;
    }
    if (i === values.length) break;
    if (!Number.isNaN(values[i]!)) insert(values[i]!);
    const leaving = i - window;
    if (leaving >= 0 && !Number.isNaN(values[leaving]!)) remove(values[leaving]!);
  }
  return out;
}

function lowerBound(sorted: number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function panelHistories(panel: DemandPanel): ItemHistory[] {
  const categories = new Map<string, number>();
  for (const item of panel.items) if (item.category && !categories.has(item.category)) categories.set(item.category, categories.size);
  return panel.items.map((item) => itemHistory(item, item.category ? categories.get(item.category)! : -1));
}

/** Mean of the known demand in [a, b) (clipped at 0), or −1 when no day there is known. */
export function windowMean(h: ItemHistory, a: number, b: number): number {
  const lo = Math.max(0, a);
  const hi = Math.min(b, h.known.length - 1);
  if (hi <= lo) return -1;
  const k = h.known[hi]! - h.known[lo]!;
  return k === 0 ? -1 : (h.sum[hi]! - h.sum[lo]!) / k;
}

/** The product's level at an origin: what the trees' multipliers apply to. */
export function levelAt(h: ItemHistory, origin: number): number {
  const m28 = windowMean(h, origin - 28, origin);
  const m91 = windowMean(h, origin - 91, origin);
  if (m28 < 0 && m91 < 0) return -1;
  if (m28 < 0) return m91;
  if (m91 < 0) return m28;
  return 0.5 * m28 + 0.5 * m91;
}

const rel = (v: number, level: number) => (v < 0 || level <= 0 ? (v === 0 ? 0 : -1) : v / level);

/**
 * Writes one row into `out` at `offset`. `origin` and `target` are panel
 * indexes (target may lie past the panel's end); `price` is the price on the
 * target day (NaN: unknown).
 */
export function writeFeatures(out: Float32Array, offset: number, h: ItemHistory, origin: number, target: number, startDay: number, calendar: Calendar, price: number): void {
  const level = levelAt(h, origin);
  const last = origin - 1 >= 0 && origin - 1 < h.item.demand.length ? h.item.demand[origin - 1]! : Number.NaN;
  // Same weekday over the last year: 52 days, not 8, and shrunk toward "no weekday effect"
  // (10 pseudo-days at the mean), so one promotion Saturday does not become a pattern.
  let wdSum = 0;
  let wdCount = 0;
  const back = Math.ceil((target - origin + 1) / 7) * 7;
  for (let i = target - back; i >= 0 && i >= origin - 365; i -= 7) {
    const v = h.item.demand[i]!;
    if (!Number.isNaN(v)) {
      wdSum += v;
      wdCount++;
    }
  }
  const yearMean = windowMean(h, origin - 365, origin);
  const weekdayRatio = yearMean <= 0 || wdCount === 0 ? -1 : (wdSum + 10 * yearMean) / (wdCount + 10) / yearMean;
  const k91lo = Math.max(0, origin - 91);
  const known91 = h.known[origin]! - h.known[k91lo]!;
  const zeros91 = h.zeros[origin]! - h.zeros[k91lo]!;
  const lastSale = h.lastSale[Math.min(origin, h.lastSale.length - 1)]!;
  const median = h.medianPrice[Math.min(origin, h.medianPrice.length - 1)]!;
  const facts = calendar.facts(startDay + target);
  const o = offset;
  out[o] = level;
  out[o + 1] = target - origin + 1;
  out[o + 2] = rel(windowMean(h, origin - 7, origin), level);
  out[o + 3] = rel(windowMean(h, origin - 28, origin), level);
  out[o + 4] = rel(windowMean(h, origin - 91, origin), level);
  out[o + 5] = weekdayRatio;
  out[o + 6] = Number.isNaN(last) ? -1 : rel(last, level);
  out[o + 7] = rel(windowMean(h, target - 364 - 3, target - 364 + 4 > origin ? origin : target - 364 + 4), level);
  out[o + 8] = known91 === 0 ? -1 : zeros91 / known91;
  out[o + 9] = lastSale < 0 ? 400 : Math.min(400, origin - 1 - lastSale);
  // Capped: past a quarter the age of a product says nothing, and uncapped it stands in for the calendar (a store whose products all started on its first day).
  out[o + 10] = h.first < 0 ? 0 : Math.min(91, Math.max(0, origin - h.first));
  out[o + 11] = facts.weekday;
  out[o + 12] = facts.dayOfMonth;
  out[o + 13] = facts.payday;
  out[o + 14] = facts.holiday;
  out[o + 15] = facts.longWeekend;
  out[o + 16] = facts.dayBeforeHoliday;
  out[o + 17] = facts.aguinaldo;
  out[o + 18] = facts.season;
  out[o + 19] = h.category;
  out[o + 20] = Number.isNaN(price) || Number.isNaN(median) || median <= 0 ? -1 : price / median;
  const a28 = Math.max(0, origin - 28);
  const known28 = h.known[origin]! - h.known[a28]!;
  out[o + 21] = known28 === 0 ? -1 : (h.discountedDays[origin]! - h.discountedDays[a28]!) / known28;
  const a365 = Math.max(0, origin - 365);
  const dDays = h.discountedDays[origin]! - h.discountedDays[a365]!;
  const rDays = h.regularDays[origin]! - h.regularDays[a365]!;
  const rMean = rDays === 0 ? 0 : (h.regularSum[origin]! - h.regularSum[a365]!) / rDays;
  out[o + 22] = dDays < 5 || rDays < 5 || rMean <= 0 ? -1 : (h.discountedSum[origin]! - h.discountedSum[a365]!) / dDays / rMean;
  const a91 = Math.max(0, origin - 91);
  const r91 = h.regularDays[origin]! - h.regularDays[a91]!;
  out[o + 23] = r91 < 5 ? -1 : rel((h.regularSum[origin]! - h.regularSum[a91]!) / r91, level);
  const top = h.maxPrice[Math.min(origin, h.maxPrice.length - 1)]!;
  out[o + 24] = Number.isNaN(price) || Number.isNaN(top) || top <= 0 ? -1 : price / top;
}

/** Price on a panel day: the recorded one inside the panel, the current one after. */
export function priceOn(item: PanelItem, day: number): number {
  if (day < item.price.length) return item.price[day]!;
  return Number.isNaN(item.currentPrice) ? item.price[item.price.length - 1] ?? Number.NaN : item.currentPrice;
}

export interface TrainingRows {
  features: Float32Array;
  target: Float32Array;
  rows: number;
  cols: number;
}


/**
 * Training rows from days [end − window, end): each known target day once per
 * sample, at a random horizon 1..28 (so one model serves every horizon without
 * 28 copies of the data).
 */
export function trainingRows(panel: DemandPanel, histories: ItemHistory[], calendar: Calendar, options: { end: number; window: number; samplesPerDay?: number; seed?: number; maxRows?: number }): TrainingRows {
  const random = mulberry32(options.seed ?? 7);
  const from = Math.max(0, options.end - options.window);
  let known = 0;
  for (const h of histories) for (let d = from; d < options.end; d++) if (!Number.isNaN(h.item.demand[d]!)) known++;
  // A large store's history is sampled down to maxRows (uniformly over product-days): past
  // ~a million rows more data changes the trees little and costs linear time.
  const maxRows = options.maxRows ?? MAX_TRAINING_ROWS;
  const samples = options.samplesPerDay ?? 1;
  const keep = Math.min(1, maxRows / Math.max(1, known * samples));
  const capacity = Math.ceil(known * samples * keep * 1.05) + 1000;
  const features = new Float32Array(capacity * FEATURE_COUNT);
  const target = new Float32Array(capacity);
  let rows = 0;
  for (const h of histories) {
    if (h.first < 0) continue;
    for (let d = Math.max(from, h.first + 7); d < options.end; d++) {
      const y = h.item.demand[d]!;
      if (Number.isNaN(y)) continue;
      for (let s = 0; s < samples; s++) {
        if (keep < 1 && random() >= keep) continue;
        if (rows >= capacity) break;
        const horizon = 1 + Math.floor(random() * MAX_HORIZON);
        const origin = d - horizon + 1;
        if (origin - h.first < 7) continue;
        writeFeatures(features, rows * FEATURE_COUNT, h, origin, d, panel.startDay, calendar, h.item.price[d]!);
        target[rows] = y;
        rows++;
      }
    }
  }
  return { features: features.subarray(0, rows * FEATURE_COUNT), target: target.subarray(0, rows), rows, cols: FEATURE_COUNT };
}

/** Rows for every product × horizon 1..H at an origin: row (p, h) = p·H + h − 1. */
export function forecastRows(panel: DemandPanel, histories: ItemHistory[], calendar: Calendar, origin: number, horizon: number): Float32Array {
  const out = new Float32Array(histories.length * horizon * FEATURE_COUNT);
  histories.forEach((h, p) => {
    for (let k = 0; k < horizon; k++) {
      const day = origin + k;
      writeFeatures(out, (p * horizon + k) * FEATURE_COUNT, h, origin, day, panel.startDay, calendar, priceOn(h.item, day));
    }
  });
  return out;
}
