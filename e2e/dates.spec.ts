import { expect, test } from './fixtures';

const CUIT = '30-71234567-1';

/** A store date (YYYY-MM-DD) of an instant in Buenos Aires (UTC−3 all year). */
const artDate = (ms: number) => new Date(ms - 3 * 3_600_000).toISOString().slice(0, 10);
const shown = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

// A browser in English, on a PC whose clock is set to UTC: the store's day and
// its dd/mm/aaaa must not follow either.
test.use({ locale: 'en-US', timezoneId: 'UTC' });

test('at 23:30 in the store, Recepción is dated today in dd/mm/aaaa, and an old invoice asks before its goods enter today', async ({ page, store }) => {
  // The last 23:30 of the store before now: already tomorrow in UTC.
  const now = Date.now();
  let late = Date.parse(`${artDate(now)}T23:30:00-03:00`);
  if (late > now) late -= 86_400_000;
  const storeDay = artDate(late);
  expect(new Date(late).toISOString().slice(0, 10)).not.toBe(storeDay);
  await page.clock.setFixedTime(late);

  await store.rpc('suppliers.create', { cuit: CUIT, name: 'Lácteos La Cuenca SA' });
  await store.rpc('products.create', { sku: 'LAC-1', name: 'Leche entera 1 l', category: 'Lácteos', price: 169000, cost: 98000, barcodes: ['7790001000019'] });
  await page.goto(`${store.url}#/compras`);

  // The first thing a delivery needs is who sent it.
  await expect(page.getByLabel('Proveedor')).toBeFocused();
  await expect(page.getByLabel('Recibido el', { exact: true })).toHaveValue(shown(storeDay));
  await expect(page.getByLabel('Fecha de la factura', { exact: true })).toHaveValue(shown(storeDay));

  await page.getByLabel('Proveedor').selectOption({ label: 'Lácteos La Cuenca SA' });
  await page.getByLabel('Punto de venta').fill('3');
  await page.getByLabel('Número').fill('77');
  // Typed the Argentine way, short: day first, two-digit year (an invoice 45 days old).
  const old = artDate(late - 45 * 86_400_000);
  const invoice = page.getByLabel('Fecha de la factura', { exact: true });
  await invoice.fill(`${Number(old.slice(8, 10))}/${Number(old.slice(5, 7))}/${old.slice(2, 4)}`);
  await invoice.press('Tab');
  await expect(invoice).toHaveValue(shown(old));
  // Not a date: said under the field, and the last good one is kept.
  await invoice.fill('31/02/2026');
  await invoice.press('Tab');
  await expect(page.getByText('La fecha de la factura no existe: revisá el día y el mes (dd/mm/aaaa)')).toBeVisible();
  await invoice.fill(shown(old));
  await invoice.press('Tab');
  await expect(page.getByText('no existe')).toHaveCount(0);

  // After a scan the quantity is what comes next, and the scan field is empty again.
  const scan = page.getByRole('textbox', { name: 'Escanear producto recibido' });
  await scan.fill('7790001000019');
  await scan.press('Enter');
  const qty = page.getByLabel('Cantidad de Leche entera 1 l');
  await expect(qty).toBeFocused();
  await expect(scan).toHaveValue('');
  await page.keyboard.type('12');
  await page.keyboard.press('Enter');
  await expect(scan).toBeFocused();

  // An expiry picked from the calendar with the keyboard: Alt+↓, a day to the right, Enter.
  const expiry = page.getByLabel('Vencimiento de Leche entera 1 l');
  await expiry.fill(shown(storeDay));
  await expiry.press('Alt+ArrowDown');
  await expect(page.getByRole('dialog', { name: 'Calendario' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/compras-calendario.png' });
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  const nextDay = artDate(late + 86_400_000);
  await expect(expiry).toHaveValue(shown(nextDay));

  await page.keyboard.press('F10');
  const ask = page.getByRole('alertdialog', { name: '¿La fecha de la factura es correcta?' });
  await expect(ask).toContainText(shown(old));
  await page.screenshot({ path: 'test-results/screens/compras-confirmar-fecha.png' });
  await page.keyboard.press('Enter');
  await expect(page.getByText('Recepción registrada: Lácteos La Cuenca SA')).toBeVisible();

  const receipts = await store.rpc<{ items: { date: string; receivedOn: string }[] }>('receipts.list', {});
  expect(receipts.data!.items[0]).toMatchObject({ date: old, receivedOn: storeDay });
  const product = await store.rpc<{ id: string }>('products.get', { sku: 'LAC-1' });
  const lots = await store.rpc<{ expiry: string }[]>('stock.lots', { productId: product.data!.id });
  expect(lots.data![0]!.expiry).toBe(nextDay);

  // Tickets and Forense count days the store's way too.
  await page.goto(`${store.url}#/tickets`);
  await expect(page.getByLabel('Día', { exact: true })).toHaveValue(shown(storeDay));
});
