import type { ItemHistory } from './features';
import { movingAverage } from './baselines';
import { nbQuantile } from './quantiles';

/**
 * Replays the backtest period's real demand against two ordering policies and
 * reports what a shopper would feel (fill rate) and what the owner pays for
 * (average stock). Weekly review, delivery two days after ordering, unmet
 * demand lost; both policies start the period stocked to their own level and
 * aim at the same service level with their own fitted dispersion:
 *
 * - model: order up to the NB quantile of the forecast (made at the latest
 *   origin) over review + lead time;
 * - moving average: order up to the NB quantile of the 28-day moving average
 *   times review + lead time (what store systems do today, with safety stock).
 */
export interface PolicyResult {
  /** Units sold ÷ units demanded on known days. */
  fillRate: number;
  /** Mean end-of-day stock, in units, per product. */
  averageStock: number;
}

export interface SimulationResult {
  reviewDays: number;
  leadDays: number;
  serviceLevel: number;
  model: PolicyResult;
  movingAverage: PolicyResult;
  /**
   * The model's policy at the highest service level whose average stock is
   * still no more than the moving average's: the fill rate the model buys with
   * the same money on the shelf (null when even 90 % needs more stock).
   */
  modelAtSameStock: (PolicyResult & { serviceLevel: number }) | null;
}

const LEVELS = [0.9, 0.92, 0.94, 0.95, 0.96, 0.97, 0.98, 0.99];

export interface SimulationInput {
  histories: ItemHistory[];
  /** Test origins in order and, per origin, per product, the daily means from it. */
  origins: number[];
  forecasts: Float64Array[][];
  from: number;
  to: number;
  alphaModel: number;
  alphaMovingAverage: number;
  reviewDays?: number;
  leadDays?: number;
  serviceLevel?: number;
}

export function simulatePolicies(input: SimulationInput): SimulationResult {
  const R = input.reviewDays ?? 7;
  const L = input.leadDays ?? 2;
  const level = input.serviceLevel ?? 0.9;
  const cover = R + L;
  const modelLevelAt = (target: number) => (p: number, day: number): number => {
    let o = 0;
    while (o + 1 < input.origins.length && input.origins[o + 1]! <= day) o++;
    const means = input.forecasts[o]![p]!;
    let mu = 0;
    for (let k = day - input.origins[o]!; k < day - input.origins[o]! + cover; k++) mu += means[Math.min(k, means.length - 1)]!;
    return nbQuantile(mu, input.alphaModel, target);
  };
  const movingAverageLevel = (p: number, day: number): number => {
    const daily = movingAverage(input.histories[p]!.item.demand.subarray(0, day), 1)[0]!;
    return nbQuantile(daily * cover, input.alphaMovingAverage, level);
  };
  const averagePolicy = replay(input, movingAverageLevel, R, L);
  let modelAtSameStock: SimulationResult['modelAtSameStock'] = null;
  for (const candidate of LEVELS) {
    const result = replay(input, modelLevelAt(candidate), R, L);
    if (result.averageStock > averagePolicy.averageStock) break;
    modelAtSameStock = { ...result, serviceLevel: candidate };
  }
  return {
    reviewDays: R,
    leadDays: L,
    serviceLevel: level,
    model: replay(input, modelLevelAt(level), R, L),
    movingAverage: averagePolicy,
    modelAtSameStock,
  };
}

function replay(input: SimulationInput, orderUpTo: (p: number, day: number) => number, R: number, L: number): PolicyResult {
  let demanded = 0;
  let sold = 0;
  let stockDays = 0;
  let stockSum = 0;
  input.histories.forEach((h, p) => {
    if (h.first < 0 || h.first >= input.from) return;
    let onHand = orderUpTo(p, input.from);
    const arriving = new Map<number, number>();
    for (let day = input.from; day < input.to; day++) {
      onHand += arriving.get(day) ?? 0;
      arriving.delete(day);
      if ((day - input.from) % R === 0) {
        let pipeline = 0;
        for (const q of arriving.values()) pipeline += q;
        const order = Math.max(0, Math.ceil(orderUpTo(p, day) - onHand - pipeline));
        if (order > 0) arriving.set(day + L, (arriving.get(day + L) ?? 0) + order);
      }
      const y = h.item.demand[day]!;
      if (!Number.isNaN(y)) {
        const s = Math.min(onHand, y);
        demanded += y;
        sold += s;
        onHand -= s;
      }
      stockSum += onHand;
      stockDays++;
    }
  });
  return { fillRate: demanded > 0 ? sold / demanded : 1, averageStock: stockDays > 0 ? stockSum / stockDays : 0 };
}
