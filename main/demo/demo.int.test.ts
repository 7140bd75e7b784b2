import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../testing';
import { seedDemoStore } from './index';

let app: TestApp;
const DAYS = 90;
let rates: { name: string; unit: string; perDay: number; minStock: number }[];

beforeAll(async () => {
  app = await openTestApp();
  seedDemoStore(app, { days: DAYS, seed: 11 });
  rates = (
    app.core.sql.raw
      .prepare(
        `select p.name, p.unit, p.min_stock, coalesce(sum(case when l.voided = 0 then l.qty end), 0) / 1000.0 as sold
           from products p left join sale_lines l on l.product_id = p.id group by p.id order by sold desc`,
      )
      .all() as { name: string; unit: string; min_stock: number; sold: number }[]
  ).map((r) => ({ name: r.name, unit: r.unit, perDay: r.sold / DAYS, minStock: r.min_stock / 1000 }));
}, 120_000);
afterAll(() => app.dispose());

describe('the demo store looks like a real almacén', () => {
  it('sells a few staples by the dozen a day and the long tail less than weekly', () => {
    const units = rates.filter((r) => r.unit === 'un');
    // The leading gaseosa, milk and cigarettes: dozens a day.
    expect(units[0]!.perDay).toBeGreaterThanOrEqual(20);
    expect(units.filter((r) => r.perDay >= 10).length).toBeGreaterThanOrEqual(5);
    for (const staple of [/^Gaseosa cola Coca-Cola 2,25 l/, /^Leche entera sachet La Serenísima/, /^Cigarrillos Marlboro box 20/]) {
      expect(rates.find((r) => staple.test(r.name))!.perDay, String(staple)).toBeGreaterThanOrEqual(12);
    }
    expect(rates.find((r) => /^Pan francés/.test(r.name))!.perDay).toBeGreaterThanOrEqual(4); // kilos a day
    // Half the catalog sells less than once a week.
    const median = [...rates].sort((a, b) => a.perDay - b.perDay)[Math.floor(rates.length / 2)]!.perDay;
    expect(median).toBeLessThan(1 / 7);
  });

  it('keeps minimums in proportion: a staple\'s is about a day of its sales', () => {
    const coca = rates.find((r) => /^Gaseosa cola Coca-Cola 2,25 l/.test(r.name))!;
    expect(coca.minStock).toBeGreaterThanOrEqual(Math.max(10, coca.perDay * 0.5));
    const tail = rates.at(-1)!;
    expect(tail.minStock).toBeLessThanOrEqual(6);
  });
});
