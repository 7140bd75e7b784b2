import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../testing';

/**
 * A supplier's cost that went up 50 % in three months: a finding when nothing
 * explains it, none when the CPI (cpi.csv of the interchange format) rose as
 * much, and a finding again, naming the CPI, when it rose less.
 */
let app: TestApp;
const csv = (text: string) => ({ files: [{ name: 'cpi.csv', base64: Buffer.from(text).toString('base64') }] });

beforeAll(async () => {
  app = await openTestApp();
  await app.ok('suppliers.create', { cuit: '30-71234567-1', name: 'Distribuidora Norte' });
  const product = await app.ok<{ id: string }>('products.create', { sku: 'ACE-1', name: 'Aceite de girasol 1,5 l', price: 450_000, cost: 100_000 });
  for (const [number, date, unitCost] of [[1, '2026-08-10', 100_000], [2, '2026-11-10', 150_000]] as const) {
    // History: each delivery was received on its invoice's day.
    await app.ok('receipts.post', { supplierCuit: '30-71234567-1', docType: 'A', pos: 1, number, date, receivedOn: date, lines: [{ productId: product.id, qty: 10_000, unitCost }] });
  }
}, 60_000);
afterAll(() => app?.dispose());

const jumps = async () => (await app.services.forensics.run({})).findings.filter((f) => f.rule === 'costo-salta');

describe('costo-salta', () => {
  it('flags the jump when nothing explains it', async () => {
    const [finding] = await jumps();
    expect(finding).toMatchObject({ entities: { sku: ['ACE-1'], supplier: ['30712345671'], invoice: ['30-71234567-1 A 00001-00000002'] } });
    expect(finding!.title).toContain('saltó 50,0 %');
    expect(finding!.evidence.rows).toEqual([
      ['2026-08-10', '30-71234567-1 A 00001-00000001', 'Distribuidora Norte', '$ 1.000,00'],
      ['2026-11-10', '30-71234567-1 A 00001-00000002', 'Distribuidora Norte', '$ 1.500,00'],
    ]);
  });

  it('lets the CPI explain it, and names the CPI when it does not', async () => {
    await app.ok('import.run', csv('month,index\n2026-08,100\n2026-11,140\n'));
    expect(await jumps()).toEqual([]);
    await app.ok('import.run', csv('month,index\n2026-08,100\n2026-11,110\n'));
    const [finding] = await jumps();
    expect(finding!.explanation).toContain('lo que explica el IPC');
    expect(finding!.severity).toBe('media');
  });
});
