import { describe, expect, it } from 'vitest';
import { nbQuantile } from './quantiles';
import { abcClasses, applyBudget, nextOrderDay, reachMinimum, reorderLine, roundUpToPack, type OrderLine } from './reorder';

const base = {
  dailyMeans: new Array(28).fill(2),
  windowDays: 10,
  alpha: 0.2,
  serviceLevel: 0.95,
  onHand: 5,
  onOrder: 3,
  expiring: 0,
  packSize: 6,
  countScale: 1,
  shelfLifeDays: null,
  daysToArrival: 3,
  movingAverageDaily: 1.5,
};

describe('reorder maths', () => {
  it('orders up to the demand quantile over the window, less what is available, in whole packs', () => {
    const line = reorderLine(base);
    const upTo = nbQuantile(20, 0.2, 0.95);
    expect(line.expected).toBe(20);
    expect(line.orderUpTo).toBe(upTo);
    expect(line.need).toBe(upTo - 8);
    expect(line.qty).toBe(roundUpToPack(upTo - 8, 6));
    expect(line.qty % 6).toBe(0);
    // Moving average: 1.5 × 10 − 8 = 7 → 12 in packs of 6.
    expect(line.movingAverageQty).toBe(12);
    expect(line.notes.some((n) => n.includes('bultos de 6'))).toBe(true);
  });

  it('does not count lots that expire before the delivery', () => {
    const withExpiring = reorderLine({ ...base, expiring: 4 });
    expect(withExpiring.available).toBe(4);
    expect(withExpiring.qty).toBeGreaterThanOrEqual(reorderLine(base).qty);
  });

  it('caps perishables at what sells within their shelf life', () => {
    // 2 a day for 4 days after arrival = 8 sellable; 8 − (8 − 6 sold before arrival = 2 left) = 6.
    const line = reorderLine({ ...base, shelfLifeDays: 4, packSize: 1 });
    expect(line.qty).toBe(6);
    expect(line.notes.some((n) => n.includes('Vence a los 4 días'))).toBe(true);
  });

  it('orders nothing when stock covers the window', () => {
    expect(reorderLine({ ...base, onHand: 100 }).qty).toBe(0);
  });

  it('finds the next order day and the review period', () => {
    // Today Wednesday (3); orders Monday (1) and Thursday (4): tomorrow, then 4 days to Monday.
    expect(nextOrderDay(3, [1, 4])).toEqual({ inDays: 1, reviewDays: 4 });
    expect(nextOrderDay(4, [1, 4])).toEqual({ inDays: 0, reviewDays: 4 });
    expect(nextOrderDay(2, [])).toEqual({ inDays: 0, reviewDays: 7 });
  });

  it('classes products A/B/C by revenue share', () => {
    const classes = abcClasses(new Map([['a', 700], ['b', 150], ['c', 100], ['d', 50], ['e', 0]]));
    expect(Object.fromEntries(classes)).toEqual({ a: 'A', b: 'A', c: 'B', d: 'C', e: 'C' });
  });

  it('tops an order up to the supplier minimum with the fastest sellers, and cuts to a budget by risk × margin', () => {
    const line = (qty: number, dailyDemand: number, stockoutRisk: number, margin: number): OrderLine => ({ qty, unitCost: 100, packSize: 2, dailyDemand, stockoutRisk, margin, notes: [] });
    const lines = [line(2, 5, 0.5, 10), line(2, 1, 0.9, 50)];
    reachMinimum(lines, 1000);
    expect(lines.reduce((s, l) => s + l.qty * l.unitCost, 0)).toBeGreaterThanOrEqual(1000);
    expect(lines[0]!.qty).toBeGreaterThanOrEqual(lines[1]!.qty);
    expect(lines[0]!.notes[0]).toMatch(/mínimo/);

    const budgeted = [line(4, 5, 0.2, 10), line(4, 1, 0.9, 50)];
    applyBudget(budgeted, 500);
    expect(budgeted.map((l) => l.qty)).toEqual([0, 4]);
  });
});
