import { describe, expect, it } from 'vitest';
import { itemHistory } from './features';
import { simulatePolicies } from './simulate';

describe('inventory simulation', () => {
  it('replays real demand: an exact forecast of a weekly spike fills more with less stock than the 28-day average', () => {
    // 5 units on every seventh day, nothing else; the forecast knows the pattern.
    const days = 140;
    const demand = Float32Array.from({ length: days }, (_, d) => (d % 7 === 6 ? 5 : 0));
    const history = itemHistory({ id: 'p', sku: 'P', name: 'P', category: null, demand, price: new Float32Array(days).fill(100), currentPrice: 100 }, -1);
    const from = 84;
    const forecast = Float64Array.from({ length: 56 }, (_, k) => ((from + k) % 7 === 6 ? 5 : 0));
    const result = simulatePolicies({ histories: [history], origins: [from], forecasts: [[forecast]], from, to: days, alphaModel: 0.01, alphaMovingAverage: 0.01 });
    expect(result.model.fillRate).toBe(1);
    expect(result.model.fillRate).toBeGreaterThanOrEqual(result.movingAverage.fillRate);
    expect(result.model.averageStock).toBeLessThanOrEqual(result.movingAverage.averageStock);
    expect(result.modelAtSameStock?.fillRate).toBe(1);
  });

  it('loses sales when stock runs out and counts only known days', () => {
    const days = 60;
    const demand = Float32Array.from({ length: days }, (_, d) => (d === 40 ? Number.NaN : 2));
    const history = itemHistory({ id: 'p', sku: 'P', name: 'P', category: null, demand, price: new Float32Array(days).fill(100), currentPrice: 100 }, -1);
    // A forecast of half the demand: it orders up to Poisson(9)'s P90 = 13 for 14 units a week, so sales are lost;
    // the moving average knows 2 a day and orders up to P90 of 18 = 24.
    const forecast = new Float64Array(28).fill(1);
    const result = simulatePolicies({ histories: [history], origins: [32], forecasts: [[forecast]], from: 32, to: days, alphaModel: 0.0001, alphaMovingAverage: 0.0001 });
    expect(result.model.fillRate).toBeLessThan(0.9);
    expect(result.movingAverage.fillRate).toBeGreaterThan(0.97);
  });
});
