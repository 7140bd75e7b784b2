import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoStore } from '../../demo';
import { openTestApp, TEST_PASSWORD, type TestApp } from '../../testing';
import { loadStorePanel } from '../demand-data';

type Clock = { set(iso: string): void; advance(ms: number): void };

describe('daily demand from the ledger', () => {
  it('censors days that closed out of stock, skips closed days and starts at the first movement', async () => {
    const app = await openTestApp();
    try {
      const clock = app.core.clock as unknown as Clock;
      const CUIT = '30-71234567-1';
      await app.ok('suppliers.create', { cuit: CUIT, name: 'Distribuidora Norte SA' });
      const yerba = (await app.ok('products.create', { sku: 'YER', name: 'Yerba 1 kg', price: 700_000, cost: 400_000 })).id;
      const jamon = (await app.ok('products.create', { sku: 'JAM', name: 'Jamón cocido', unit: 'kg', price: 2_400_000 })).id;
      // Goods arrive on the invoice's day: the clock is there when they are received.
      const receive = async (number: number, date: string, lines: object[]) => {
        clock.set(`${date}T11:00:00Z`);
        await app.call('auth.unlock', { secret: TEST_PASSWORD });
        return app.ok('receipts.post', { supplierCuit: CUIT, docType: 'A', pos: 1, number, date, lines });
      };
      const sell = async (iso: string, lines: object[]) => {
        clock.set(iso);
        // A day later the session has locked itself, as it would at the counter.
        await app.call('auth.unlock', { secret: TEST_PASSWORD });
        return app.ok('sales.close', { lines, payment: 'efectivo' });
      };
      await receive(1, '2026-11-01', [{ productId: yerba, qty: 5_000, unitCost: 400_000 }, { productId: jamon, qty: 10_000, unitCost: 900_000 }]);
      await sell('2026-11-01T15:00:00Z', [{ productId: yerba, qty: 2_000 }]); // 2 sold, 3 left
      await sell('2026-11-02T15:00:00Z', [{ productId: yerba, qty: 3_000 }]); // sold out: demand unknown
      await sell('2026-11-03T15:00:00Z', [{ productId: jamon, qty: 1_500 }]); // yerba still out
      await app.call('auth.unlock', { secret: TEST_PASSWORD });
      await receive(2, '2026-11-04', [{ productId: yerba, qty: 4_000, unitCost: 400_000 }]);
      await sell('2026-11-04T15:00:00Z', [{ productId: yerba, qty: 1_000 }]);
      // 11-05: nothing sold at all → closed.
      await sell('2026-11-06T15:00:00Z', [{ productId: jamon, qty: 250 }]);
      clock.set('2026-11-07T15:00:00Z');
      const loaded = loadStorePanel(app.core, 'America/Argentina/Buenos_Aires')!;
      expect(loaded.from).toBe('2026-11-01');
      expect(loaded.until).toBe('2026-11-07');
      const byId = new Map(loaded.panel.items.map((i) => [i.id, i]));
      expect([...byId.get(yerba)!.demand]).toEqual([2, Number.NaN, Number.NaN, 1, Number.NaN, 0]);
      expect([...byId.get(jamon)!.demand]).toEqual([0, 0, 1.5, 0, Number.NaN, 0.25]);
      expect(byId.get(yerba)!.price[0]).toBeCloseTo(7000, 6);
    } finally {
      app.dispose();
    }
  });
});

describe('the cached store forecast', () => {
  it('is kept through sales at the counter today, and computed again when the past or the catalog changes', async () => {
    const app = await openTestApp();
    try {
      const clock = app.core.clock as unknown as Clock;
      await app.ok('suppliers.create', { cuit: '30-71234567-1', name: 'Distribuidora Norte SA' });
      const yerba = (await app.ok('products.create', { sku: 'YER', name: 'Yerba 1 kg', price: 700_000, cost: 400_000 })).id;
      clock.set('2026-11-01T11:00:00Z');
      await app.call('auth.unlock', { secret: TEST_PASSWORD });
      await app.ok('receipts.post', { supplierCuit: '30-71234567-1', docType: 'A', pos: 1, number: 1, date: '2026-11-01', lines: [{ productId: yerba, qty: 100_000, unitCost: 400_000 }] });
      for (let d = 1; d <= 20; d++) {
        clock.set(`2026-11-${String(d).padStart(2, '0')}T15:00:00Z`);
        await app.call('auth.unlock', { secret: TEST_PASSWORD });
        await app.ok('sales.close', { lines: [{ productId: yerba, qty: 1_000 }] });
      }
      clock.set('2026-11-21T13:00:00Z');
      await app.call('auth.unlock', { secret: TEST_PASSWORD });
      const first = await app.services.forecasts.storeForecast();
      expect(first).not.toBeNull();
      // A sale at the counter today: today's sales are not in the forecast, it is not computed again.
      await app.ok('sales.close', { lines: [{ productId: yerba, qty: 1_000 }] });
      expect(await app.services.forecasts.storeForecast()).toBe(first);
      // A loss dated yesterday changes the past: computed again.
      await app.ok('stock.adjust', { productId: yerba, qty: -1_000, reason: 'merma', occurredAt: '2026-11-20T20:00:00Z' });
      const second = await app.services.forecasts.storeForecast();
      expect(second).not.toBe(first);
      // So does a price change (the model reads the current price).
      await app.ok('products.update', { id: yerba, changes: { price: 750_000 } });
      expect(await app.services.forecasts.storeForecast()).not.toBe(second);
    } finally {
      app.dispose();
    }
  });
});

describe('forecasts and purchase suggestions on the demo store', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await openTestApp();
    seedDemoStore(app, { days: 300, seed: 7 });
  }, 120_000);
  afterAll(() => app?.dispose());

  it('uses the default model until the store trains its own', async () => {
    const status = await app.ok('forecast.status', {});
    expect(status.model.source).toBe('default');
    expect(status.model.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(status.model.backtest.methods.map((m: { method: string }) => m.method)).toContain('adida');
    expect(status.historyDays).toBeGreaterThanOrEqual(299);
    expect(status.training).toBeNull();
  });

  it('forecasts a product with its band, method and history', async () => {
    const products = (await app.ok('products.list', { limit: 200 })).items as { id: string; unit: string }[];
    let best: any = null;
    for (const p of products.slice(0, 60)) {
      const f = await app.ok('forecast.product', { productId: p.id });
      if (!best || f.total.mean > best.total.mean) best = f;
    }
    expect(best.history).toHaveLength(120);
    expect(best.forecast).toHaveLength(28);
    expect(best.total.mean).toBeGreaterThan(0);
    for (const day of best.forecast) {
      expect(day.p90).toBeGreaterThanOrEqual(day.p50);
      expect(day.mean).toBeGreaterThan(0);
    }
    expect(best.total.p95).toBeGreaterThanOrEqual(best.total.p90);
    expect(best.method.choice).toBe('model');
    expect(best.method.why.length).toBeGreaterThan(20);
    // The recent weeks' level and the forecast's agree within a factor of two (same store, same season).
    const known = best.history.slice(-28).filter((d: { demand: number | null }) => d.demand !== null);
    const recent = known.reduce((s: number, d: { demand: number }) => s + d.demand, 0) / known.length;
    expect(best.total.mean / 28).toBeGreaterThan(recent / 2);
    expect(best.total.mean / 28).toBeLessThan(recent * 2);
    const missing = await app.call('forecast.product', { productId: 'no-such' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('recommends whole packs per supplier, explains each line, and counts open orders', async () => {
    const recs = await app.ok('forecast.recommendations', {});
    expect(recs.suppliers.length).toBeGreaterThan(0);
    for (const s of recs.suppliers) {
      expect(s.orderDate >= '2026-11-22').toBe(true);
      for (const line of s.lines) {
        expect(line.qty % line.packSize).toBe(0);
        expect(line.notes.length).toBeGreaterThan(0);
        expect(line.amount).toBe(Math.round(line.qty * line.unitCost));
      }
      expect(s.total).toBe(s.lines.reduce((sum: number, l: { amount: number }) => sum + l.amount, 0));
      // Over the minimum, or told why not (far below it: wait; or a budget under it).
      if (s.total > 0 && s.total < s.minOrder) expect(s.notes.some((n: string) => /esperar al próximo día de pedido|presupuesto/.test(n))).toBe(true);
      if (s.notes.some((n: string) => n.includes('se sumaron bultos'))) expect(s.total).toBeGreaterThanOrEqual(s.minOrder);
    }
    const supplier = recs.suppliers.find((s: { lines: { qty: number }[] }) => s.lines.some((l) => l.qty > 0))!;
    const line = supplier.lines.find((l: { qty: number }) => l.qty > 0)!;
    // One click: the recommendation becomes a draft order; asked again, that order is on its way.
    await app.ok('purchaseOrders.create', { supplierCuit: supplier.cuit, lines: supplier.lines.filter((l: { qty: number }) => l.qty > 0).map((l: { productId: string; qty: number; unitCost: number }) => ({ productId: l.productId, qty: Math.round(l.qty * 1000), unitCost: l.unitCost })) });
    const again = await app.ok('forecast.recommendations', { supplierId: supplier.supplierId });
    const after = again.suppliers[0]?.lines.find((l: { productId: string }) => l.productId === line.productId);
    if (after) {
      expect(after.onOrder).toBe(line.onOrder + line.qty);
      expect(after.qty).toBeLessThan(line.qty);
    }
    // A budget keeps the riskiest lines within it.
    const budget = Math.round(supplier.total / 3);
    const capped = await app.ok('forecast.recommendations', { budget });
    for (const s of capped.suppliers) if (!s.notes.some((n: string) => n.includes('mínimo'))) expect(s.total).toBeLessThanOrEqual(budget);
  });

  it('keeps the holiday calendar editable', async () => {
    await app.ok('forecast.updateSettings', { extraHolidays: ['2026-11-30'], removedHolidays: ['2026-12-08'] });
    const holidays = app.services.forecasts.holidays();
    expect(holidays).toContain('2026-11-30');
    expect(holidays).not.toContain('2026-12-08');
    expect(holidays).toContain('2026-12-25');
    const bad = await app.call('forecast.updateSettings', { serviceLevels: { A: 1.5, B: 0.9, C: 0.8 } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('retrains weekly in a worker thread and keeps the new model only if its backtest is no worse', async () => {
    // Never trained and history enough: the weekly check finds a training due now.
    const before = await app.ok('forecast.status', {});
    expect(before.nextTraining).toBe(app.core.clock.now().toISOString());
    // The product's explanation says what is true: the history is there, the store's own model is not yet.
    const someProduct = app.core.sql.raw.prepare('select product_id from sale_lines group by product_id order by count(*) desc limit 1').pluck().get() as string;
    expect((await app.ok('forecast.product', { productId: someProduct, horizon: 14 })).method.why).toContain(`la tienda ya tiene ${before.historyDays} días de ventas y todavía no entrenó su propio modelo`);
    expect(app.services.forecasts.checkSchedule()).toBe(true);
    const started = await app.ok('forecast.status', {});
    expect(started.training).not.toBeNull();
    expect(app.services.forecasts.checkSchedule()).toBe(false);
    const progress: number[] = [];
    const off = app.events.on('forecast.progress', (payload) => {
      progress.push(payload.progress);
    });
    await app.services.forecasts.training;
    off();
    expect(progress.length).toBeGreaterThan(3);
    const status = await app.ok('forecast.status', {});
    expect(status.training).toBeNull();
    expect(status.lastTraining.message.length).toBeGreaterThan(10);
    // What the new model would put in use: with its fallbacks only if they helped.
    const model = status.lastTraining.candidate.find((m: { method: string }) => m.method === 'model');
    const chosen = status.lastTraining.candidate.find((m: { method: string }) => m.method === 'chosen');
    const candidate = chosen.rmsse <= model.rmsse && chosen.spl <= model.spl * 1.01 ? chosen : model;
    const current = status.lastTraining.current[0];
    expect(current.method).toBe('current');
    const noWorse = candidate.rmsse <= current.rmsse * 1.005 && candidate.spl <= current.spl * 1.005;
    expect(status.lastTraining.replaced).toBe(noWorse);
    // Said plainly: which model forecast better, and which one is in use.
    expect(status.lastTraining.message).toMatch(noWorse ? /^El modelo nuevo acertó (mejor|igual) que el anterior en las mismas semanas: desde ahora se usa el nuevo/ : /^El modelo anterior acertó mejor que el nuevo en las mismas semanas: se sigue usando el anterior/);
    if (!noWorse) expect((await app.ok('forecast.product', { productId: someProduct, horizon: 14 })).method.why).toContain('el modelo propio que entrenó no acertó mejor que el de base');
    expect(status.model.source).toBe(noWorse ? 'store' : 'default');
    const row = app.core.sql.raw.prepare('select file, active from forecast_models order by trained_at desc limit 1').get() as { file: string; active: number };
    expect(row.active).toBe(noWorse ? 1 : 0);
    if (noWorse) expect(existsSync(join(app.dataDir, row.file))).toBe(true);
    // The next one is due a week later.
    expect(Date.parse(status.nextTraining) - app.core.clock.now().getTime()).toBe(7 * 86_400_000);
    expect(app.services.forecasts.checkSchedule()).toBe(false);
  }, 400_000);
  it('records each week what it forecast and, a week later, what happened', async () => {
    const clock = app.core.clock as unknown as Clock;
    await app.ok('forecast.product', { productId: (await app.ok('products.list', { limit: 1 })).items[0].id });
    const rows = app.core.sql.raw.prepare('select count(*) as n, sum(actual is null) as open from forecast_weeks').get() as { n: number; open: number };
    expect(rows.n).toBeGreaterThan(500);
    expect(rows.open).toBe(rows.n);
    // Three days later one sale; five more days and the week is over.
    clock.advance(3 * 86_400_000);
    await app.call('auth.unlock', { secret: TEST_PASSWORD });
    const sold = (await app.ok('stock.list', { limit: 50 })).items.find((i: { onHand: number; unit: string }) => i.unit === 'un' && i.onHand >= 2_000);
    await app.ok('sales.close', { lines: [{ productId: sold.productId, qty: 2_000 }], payment: 'efectivo' });
    clock.advance(5 * 86_400_000);
    // A week later (through the services: the idle session has locked by now).
    await app.services.forecasts.storeForecast();
    const status = app.services.forecasts.status();
    const closed = app.core.sql.raw.prepare('select count(*) as n from forecast_weeks where actual is not null').get() as { n: number };
    expect(closed.n).toBe(rows.n);
    expect(status.drift.message.length).toBeGreaterThan(10);
    // The whole store's weeks: the closed one with what sold (the one sale; the other days the store was
    // closed) and its error, the new one still open.
    expect(status.weeks).toHaveLength(2);
    expect(status.weeks[0]!.forecast).toBeGreaterThan(0);
    expect(status.weeks[0]!.actual).toBe(2);
    expect(status.weeks[0]!.wape).toBeGreaterThan(1);
    expect(status.weeks[1]!.actual).toBeNull();
  });

});
