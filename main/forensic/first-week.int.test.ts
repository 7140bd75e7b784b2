import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ForensicRun, ForensicStatus } from '../../contract';
import { mulberry32 } from '../domain/random';
import { fixedClock, openTestApp, TEST_PASSWORD, type TestApp } from '../testing';

// What a new store tripped on in Forense: history brought in by an import taken
// for night work, products a few days old called dead stock, and one Benford
// alert per supplier.
const clock = fixedClock('2026-11-22T15:00:00.000Z');
let app: TestApp;
const csv = (files: Record<string, string>) => ({ files: Object.entries(files).map(([name, text]) => ({ name, base64: Buffer.from(text).toString('base64') })) });

async function runNow(): Promise<ForensicRun> {
  const started = (await app.ok('forensic.run', {})) as ForensicStatus;
  expect(started.running).not.toBeNull();
  const run = await app.services.forensics.running;
  return app.ok('forensic.get', { runId: run!.runId });
}

/** Values whose first digits follow Benford's law (log-uniform over four decades), seeded. */
function benfordValues(n: number, seed: number): number[] {
  const next = mulberry32(seed);
  return Array.from({ length: n }, () => Math.round(10 ** (3 + 3 * next()) * 100));
}

beforeAll(async () => {
  app = await openTestApp({ clock });
  const post = (cuit: string, number: number, date: string, unitCost: number, productId: string) =>
    app.ok('receipts.post', { supplierCuit: cuit, docType: 'A', pos: 1, number, date, receivedOn: date, lines: [{ productId, qty: 1_000, unitCost, ivaRate: 0 }] });
  const suppliers = ['30-70000001-6', '30-70000002-4', '30-70000003-2', '30-70000004-0', '30-70000005-9', '30-70000006-7'];
  for (const [i, cuit] of suppliers.entries()) await app.ok('suppliers.create', { cuit, name: `Proveedor ${i + 1}` });
  const item = (await app.ok('products.create', { sku: 'VAR-1', name: 'Varios', price: 100, cost: 100, ivaRate: 0 })).id as string;
  // The first two suppliers' invoices are all $ 90.000–99.999 (made up under a limit); the other four's are ordinary.
  let number = 1;
  for (let i = 0; i < 60; i++) {
    const date = `2026-${String(1 + (i % 10)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`;
    await post(suppliers[0]!, number++, date, 9_000_000 + ((i * 15_485_863) % 999_999), item);
    await post(suppliers[1]!, number++, date, 9_000_000 + ((i * 32_452_843) % 999_999), item);
  }
  for (const [k, cuit] of suppliers.slice(2).entries()) {
    for (const [i, value] of benfordValues(90, 7 + k).entries()) {
      await post(cuit, number++, `2026-${String(1 + (i % 10)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`, value, item);
    }
  }
  // A year of sales history imported from the old system, closed after hours (23:30): history, not night work.
  await app.ok('products.create', { sku: 'GAL-1', name: 'Galletitas', price: 150_000, cost: 80_000 });
  await app.ok('import.run', csv({ 'sales.csv': 'ticket,datetime,sku,qty,unit_price,cashier\nV-1,2026-11-10T23:30:00-03:00,GAL-1,1,1500,viejo\nV-2,2026-11-12T23:40:00-03:00,GAL-1,1,1500,viejo\n' }));
  // A product the store started carrying ten days ago, with stock and no sale yet.
  const nuevo = (await app.ok('products.create', { sku: 'NUE-1', name: 'Producto nuevo', price: 200_000, cost: 100_000 })).id as string;
  clock.set('2026-11-12T15:00:00.000Z');
  await app.call('auth.unlock', { secret: TEST_PASSWORD });
  await app.ok('receipts.post', { supplierCuit: suppliers[2], docType: 'A', pos: 2, number: 1, date: '2026-11-12', lines: [{ productId: nuevo, qty: 5_000, unitCost: 100_000 }] });
  // A product that last moved in June: that one is dead stock.
  clock.set('2026-06-01T15:00:00.000Z');
  await app.call('auth.unlock', { secret: TEST_PASSWORD });
  const viejo = (await app.ok('products.create', { sku: 'VIE-1', name: 'Producto de junio', price: 200_000, cost: 100_000 })).id as string;
  await app.ok('receipts.post', { supplierCuit: suppliers[2], docType: 'A', pos: 3, number: 1, date: '2026-06-01', lines: [{ productId: viejo, qty: 5_000, unitCost: 100_000 }] });
  // Goods received after closing time yesterday: the evidence names the invoice, not an id.
  clock.set('2026-11-21T03:30:00.000Z');
  await app.call('auth.unlock', { secret: TEST_PASSWORD });
  await app.ok('receipts.post', { supplierCuit: suppliers[3], docType: 'A', pos: 4, number: 1, date: '2026-11-21', lines: [{ productId: nuevo, qty: 1_000, unitCost: 100_000 }] });
  // And one live sale after closing time, today.
  clock.set('2026-11-22T02:45:00.000Z');
  await app.call('auth.unlock', { secret: TEST_PASSWORD });
  await app.ok('sales.close', { payment: 'efectivo', lines: [{ productId: nuevo, qty: 1_000 }] });
  clock.set('2026-11-22T15:00:00.000Z');
  await app.call('auth.unlock', { secret: TEST_PASSWORD });
}, 120_000);
afterAll(() => app?.dispose());

describe('forensic findings in a store’s first weeks', () => {
  it('tells night work from imported history, new products from dead stock, and lists Benford suppliers in one finding', async () => {
    const run = await runNow();
    const byRule = (rule: string) => run.findings.filter((f) => f.rule === rule);

    const night = byRule('fuera-de-horario');
    expect(night.map((f) => f.entities.user)).toEqual([['Dueña']]);
    expect(JSON.stringify(night)).not.toContain('viejo');
    expect(night[0]!.evidence.rows).toContainEqual(['21/11/2026 00:30', 'recepción', '30-70000004-0 A 00004-00000001', 'NUE-1', 1]);
    expect(JSON.stringify(night[0]!.evidence.rows)).not.toMatch(/id-\d{6}/);

    const dead = byRule('stock-muerto');
    expect(dead).toHaveLength(1);
    expect(dead[0]!.entities.sku).toEqual(['VIE-1']);

    const benford = byRule('benford');
    expect(benford).toHaveLength(1);
    expect([...benford[0]!.entities.supplier!].sort()).toEqual(['30700000016', '30700000024']);
    expect(benford[0]!.title).toBe('Los primeros dígitos de los totales de facturas de 2 proveedores no son los esperables');
  });
});
