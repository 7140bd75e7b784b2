import { expect, test } from './fixtures';

const CUIT = '30-71234567-1';
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000 - 3 * 3_600_000).toISOString().slice(0, 10);

test('Stock: lots that expire soon, earliest first with their own quantity and code; a change reloads with the filters on screen', async ({ page, store }) => {
  await store.rpc('suppliers.create', { cuit: CUIT, name: 'Lácteos del Sur SA' });
  const yogur = await store.rpc<{ id: string }>('products.create', { sku: 'YOG-1', name: 'Yogur bebible frutilla 1 l', category: 'Lácteos', price: 250000 });
  const queso = await store.rpc<{ id: string }>('products.create', { sku: 'QUE-1', name: 'Queso cremoso', category: 'Lácteos', unit: 'kg', price: 1200000 });
  const arroz = await store.rpc<{ id: string }>('products.create', { sku: 'ARR-1', name: 'Arroz largo fino 1 kg', category: 'Almacén', price: 200000 });
  const posted = await store.rpc('receipts.post', {
    supplierCuit: CUIT,
    docType: 'A',
    pos: 1,
    number: 7,
    date: day(-1),
    lines: [
      { productId: yogur.data!.id, qty: 12_000, unitCost: 150_000, lot: 'Y-LATE', expiry: day(6) },
      { productId: yogur.data!.id, qty: 4_000, unitCost: 150_000, lot: 'Y-SOON', expiry: day(2) },
      { productId: queso.data!.id, qty: 3_250, unitCost: 700_000, lot: 'Q-77', expiry: day(4) },
      { productId: arroz.data!.id, qty: 30_000, unitCost: 120_000, lot: 'A-1', expiry: day(200) },
    ],
  });
  expect(posted.ok).toBe(true);

  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${store.url}#/stock?vence=7`);
  const lots = page.getByRole('table', { name: 'Lotes que vencen' });
  await expect(lots.getByRole('row')).toHaveCount(4);
  const rows = lots.getByRole('row');
  await expect(rows.nth(1)).toContainText('Y-SOON');
  await expect(rows.nth(1)).toContainText('4 un');
  await expect(rows.nth(1)).toContainText('16 un');
  await expect(rows.nth(2)).toContainText('Q-77');
  await expect(rows.nth(2)).toContainText('3,250 kg');
  await expect(rows.nth(3)).toContainText('Y-LATE');
  await expect(lots).not.toContainText('A-1');
  await page.screenshot({ path: 'test-results/screens/stock-lotes-que-vencen.png' });
  // Enter opens the first lot's product movements.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: /Movimientos de Yogur bebible frutilla 1 l/ })).toBeVisible();
  await page.keyboard.press('Escape');

  // A filter, then a change elsewhere: the list reloads with the filter still applied.
  await page.getByLabel('Vencimiento').selectOption('');
  await page.getByRole('searchbox', { name: 'Buscar en el stock' }).fill('arroz');
  const table = page.locator('table').first();
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText('30 un');
  await store.rpc('sales.close', { lines: [{ productId: arroz.data!.id, qty: 2_000 }] });
  await expect(table).toContainText('28 un');
  await expect(table.getByRole('row')).toHaveCount(2);
});
