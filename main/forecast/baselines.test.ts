import { describe, expect, it } from 'vitest';
import { adida, crostonSba, movingAverage, seasonalNaive, ses, tsb } from './baselines';

const NaN_ = Number.NaN;

describe('baselines', () => {
  it('seasonal naive repeats last week, skipping unknown days to the week before', () => {
    const history = [1, 2, 3, 4, 5, 6, 7, 10, 20, NaN_, 40, 50, 60, 70];
    expect(seasonalNaive(history, 8)).toEqual([10, 20, 3, 40, 50, 60, 70, 10]);
  });

  it('moving average and SES skip unknown days', () => {
    expect(movingAverage([2, NaN_, 4], 2)).toEqual([3, 3]);
    // SES(0.5): 4 → 4 + 0.5(8 − 4) = 6.
    expect(ses([4, NaN_, 8], 1, 0.5)).toEqual([6]);
  });

  it('Croston-SBA by hand', () => {
    // Demands 4 (after 2 days) and 2 (after 3 days), α = 0.5:
    // size 4 → 3; interval 2 → 2.5; forecast (1 − 0.25) × 3 / 2.5 = 0.9.
    expect(crostonSba([0, 4, 0, 0, 2], 1, 0.5)[0]).toBeCloseTo(0.9, 12);
    expect(crostonSba([0, 0, 0], 2)).toEqual([0, 0]);
  });

  it('TSB by hand', () => {
    // First sale on day 2: p = 1/2, size 4. Day 3 (0): p = 0.5 + 0.5(0 − 0.5) = 0.25.
    // Day 4 (2): p = 0.25 + 0.5(1 − 0.25) = 0.625, size = 4 + 0.5(2 − 4) = 3. Forecast 1.875.
    expect(tsb([0, 4, 0, 2], 1, 0.5, 0.5)[0]).toBeCloseTo(1.875, 12);
  });

  it('ADIDA sums whole weeks back from the origin, smooths and spreads them', () => {
    // Weeks (ending at the origin): [7 × 1] = 7 and [7 × 3] = 21; SES(0.5) → 14; per day 2.
    const history = [9, 9, ...new Array(7).fill(1), ...new Array(7).fill(3)];
    expect(adida(history, 2, 7, 0.5)).toEqual([2, 2]);
  });
});
