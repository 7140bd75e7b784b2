import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { roundingOf } from './receipts';
import { openTestApp, type TestApp } from '../testing';

let app: TestApp;
let yerba: string;
let aceite: string;
const CUIT = '30-71234567-1';

beforeEach(async () => {
  app = await openTestApp();
  await app.ok('suppliers.create', { cuit: CUIT, name: 'Distribuidora Norte SA' });
  yerba = (await app.ok('products.create', { sku: 'YER', name: 'Yerba 1 kg', price: 700_000, cost: 400_000 })).id;
  aceite = (await app.ok('products.create', { sku: 'ACE', name: 'Aceite 1,5 l', price: 400_000, cost: 250_000 })).id;
});
afterEach(() => app.dispose());

/** An invoice whose lines make $ 18.900,00 (net 15.619,83 + IVA 3.280,17, IVA rounded per line) and that printed one cent more. */
const invoice = (number: number, printed: Record<string, number>, total: number) => ({
  supplierCuit: CUIT,
  docType: 'A',
  pos: 3,
  number,
  date: '2026-11-20',
  total,
  printed,
  lines: [
    { productId: yerba, qty: 3_000, unitCost: 333_333 },
    { productId: aceite, qty: 1_000, unitCost: 561_984 },
  ],
});

describe('a supplier invoice keeps what it printed', () => {
  it('records the printed net, IVA and total, and a cent off as rounding', async () => {
    const receipt = await app.ok('invoices.post', invoice(1, { net: 1_561_983, iva: 328_018 }, 1_890_001));
    expect(receipt.netTotal + receipt.ivaTotal).toBe(1_890_000);
    expect(receipt).toMatchObject({ printedNet: 1_561_983, printedIva: 328_018, printedTotal: 1_890_001, printedOther: null, rounding: 1 });
    // And read back.
    expect(await app.ok('receipts.get', { id: receipt.id })).toMatchObject({ printedTotal: 1_890_001, rounding: 1 });
  });

  it('is not rounding when the difference is real, and keeps both figures for the person to see', async () => {
    const receipt = await app.ok('invoices.post', invoice(2, { other: 56_700 }, 2_000_000));
    expect(receipt).toMatchObject({ printedTotal: 2_000_000, printedOther: 56_700, rounding: 0 });
  });

  it('hides the printed figures from a cashier, as the other costs', async () => {
    await app.ok('settings.update', { cashiersCanReceive: true });
    const receipt = await app.ok('invoices.post', invoice(3, { net: 1_561_983, iva: 328_018 }, 1_890_001));
    const cashier = await app.sessionAs('cajero', 'Beto');
    const seen = await app.dispatch('receipts.get', { id: receipt.id }, cashier);
    expect(seen.ok).toBe(true);
    for (const key of ['printedTotal', 'printedNet', 'printedIva', 'printedOther', 'rounding', 'total']) expect(seen.ok && seen.data).not.toHaveProperty(key);
  });
});

describe('roundingOf', () => {
  it('counts a cent or so per line as rounding, and nothing beyond', () => {
    expect(roundingOf(undefined, { net: 100, iva: 21 }, 1)).toBe(0);
    expect(roundingOf({ total: 123 }, { net: 100, iva: 21 }, 1)).toBe(2);
    expect(roundingOf({ total: 124 }, { net: 100, iva: 21 }, 1)).toBe(0);
    expect(roundingOf({ total: 127, other: 3 }, { net: 100, iva: 21 }, 4)).toBe(3);
    expect(roundingOf({ net: 99, iva: 21, total: 500 }, { net: 100, iva: 21 }, 1)).toBe(-1);
  });
});
