import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextAverageCost } from '../domain/ledger';
import { openTestApp, type TestApp } from '../testing';

/**
 * Random sequences of receipts, sales, returns, adjustments, counts and the
 * "permitir vender sin stock" switch, checked after every step against a model:
 * the on-hand caches equal the sum of the movements (per product and per lot),
 * stock never goes negative unless allowed, refused operations change nothing,
 * and the average cost follows its formula.
 */
const CUIT = '30-71234567-1';
const PRODUCTS = 3;

type Op =
  | { kind: 'receive'; p: number; qty: number; cost: number; lot: string | null }
  | { kind: 'sell'; p: number; qty: number }
  | { kind: 'return'; qty: number }
  | { kind: 'adjust'; p: number; qty: number }
  | { kind: 'count'; p: number; counted: number }
  | { kind: 'allowNegative'; on: boolean };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('receive' as const),
    p: fc.nat(PRODUCTS - 1),
    qty: fc.integer({ min: 1, max: 20_000 }),
    cost: fc.integer({ min: 0, max: 900_000 }),
    lot: fc.option(fc.constantFrom('L1', 'L2', 'L3'), { nil: null }),
  }),
  fc.record({ kind: fc.constant('sell' as const), p: fc.nat(PRODUCTS - 1), qty: fc.integer({ min: 1, max: 15_000 }) }),
  fc.record({ kind: fc.constant('return' as const), qty: fc.integer({ min: 1, max: 10_000 }) }),
  fc.record({
    kind: fc.constant('adjust' as const),
    p: fc.nat(PRODUCTS - 1),
    qty: fc.integer({ min: -10_000, max: 10_000 }).filter((n) => n !== 0),
  }),
  fc.record({ kind: fc.constant('count' as const), p: fc.nat(PRODUCTS - 1), counted: fc.integer({ min: 0, max: 30_000 }) }),
  fc.record({ kind: fc.constant('allowNegative' as const), on: fc.boolean() }),
);

interface Model {
  onHand: number[];
  avgCost: number[];
  allowNegative: boolean;
  /** Negative stock can only exist if selling without stock was allowed at some point. */
  everAllowed: boolean;
  lastSale: { number: string; p: number; left: number } | null;
}

async function check(app: TestApp, ids: string[], model: Model): Promise<void> {
  const raw = app.core.sql.raw;
  const mismatched = raw
    .prepare(
      `select p.id from products p
       where p.on_hand != coalesce((select sum(qty) from stock_movements m where m.product_id = p.id), 0)`,
    )
    .all();
  expect(mismatched).toEqual([]);
  const lotMismatch = raw
    .prepare(`select l.id from lots l where l.on_hand != coalesce((select sum(qty) from stock_movements m where m.lot_id = l.id), 0)`)
    .all();
  expect(lotMismatch).toEqual([]);
  for (let p = 0; p < PRODUCTS; p++) {
    const product = await app.ok('products.get', { id: ids[p] });
    expect(product.onHand).toBe(model.onHand[p]);
    expect(product.avgCost).toBe(model.avgCost[p]);
    if (!model.everAllowed) expect(product.onHand).toBeGreaterThanOrEqual(0);
  }
}

describe('ledger properties', () => {
  it('keeps caches, non-negativity and average cost true over random operations', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const app = await openTestApp();
        try {
          await app.ok('suppliers.create', { cuit: CUIT, name: 'Proveedor' });
          const ids: string[] = [];
          for (let p = 0; p < PRODUCTS; p++) {
            ids.push((await app.ok('products.create', { sku: `P${p}`, name: `Producto ${p}`, price: 100_000 })).id);
          }
          const model: Model = { onHand: [0, 0, 0], avgCost: [0, 0, 0], allowNegative: false, everAllowed: false, lastSale: null };
          let invoice = 0;
          for (const o of ops) {
            switch (o.kind) {
              case 'receive': {
                const line = { productId: ids[o.p], qty: o.qty, unitCost: o.cost, ...(o.lot ? { lot: o.lot, expiry: `2027-01-0${o.lot[1]}` } : {}) };
                await app.ok('receipts.post', { supplierCuit: CUIT, docType: 'A', pos: 1, number: ++invoice, date: '2026-11-20', lines: [line] });
                model.avgCost[o.p] = nextAverageCost(model.onHand[o.p]!, model.avgCost[o.p]!, o.qty, o.cost);
                model.onHand[o.p]! += o.qty;
                break;
              }
              case 'sell': {
                const result = await app.call('sales.close', { lines: [{ productId: ids[o.p], qty: o.qty }] });
                const enough = model.onHand[o.p]! >= o.qty;
                expect(result.ok).toBe(enough || model.allowNegative);
                if (result.ok) {
                  model.onHand[o.p]! -= o.qty;
                  model.lastSale = { number: (result.data as { number: string }).number, p: o.p, left: o.qty };
                } else expect(result.error.code).toBe('INSUFFICIENT_STOCK');
                break;
              }
              case 'return': {
                if (!model.lastSale) break;
                const sale = model.lastSale;
                const result = await app.call('sales.return', { originalNumber: sale.number, reason: 'fallado', lines: [{ productId: ids[sale.p], qty: o.qty }] });
                expect(result.ok).toBe(o.qty <= sale.left);
                if (result.ok) {
                  model.onHand[sale.p]! += o.qty;
                  sale.left -= o.qty;
                }
                break;
              }
              case 'adjust': {
                const result = await app.call('stock.adjust', { productId: ids[o.p], qty: o.qty, reason: o.qty < 0 ? 'merma' : 'correccion' });
                expect(result.ok).toBe(o.qty > 0 || model.onHand[o.p]! + o.qty >= 0);
                if (result.ok) model.onHand[o.p]! += o.qty;
                break;
              }
              case 'count': {
                const session = await app.ok('counts.open', { name: 'Conteo', productIds: [ids[o.p]] });
                await app.ok('counts.record', { sessionId: session.id, productId: ids[o.p], counted: o.counted });
                await app.ok('counts.close', { sessionId: session.id });
                await app.ok('counts.approve', { sessionId: session.id });
                model.onHand[o.p] = o.counted;
                break;
              }
              case 'allowNegative':
                await app.ok('settings.update', { allowNegativeStock: o.on });
                model.allowNegative = o.on;
                model.everAllowed ||= o.on;
                break;
            }
            await check(app, ids, model);
          }
        } finally {
          app.dispose();
        }
      }),
      { numRuns: 100 },
    );
  });
});
