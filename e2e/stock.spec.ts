import { expect, test } from './fixtures';

const CUIT = '30-71234567-1';

test('receive goods with a lot and expiry, refuse the same invoice twice', async ({ page, store }) => {
  await store.rpc('suppliers.create', { cuit: CUIT, name: 'Lácteos La Cuenca SA' });
  await store.rpc('products.create', { sku: 'LAC-1', name: 'Leche entera 1 l', category: 'Lácteos', price: 169000, cost: 98000, barcodes: ['7790001000019'], shelfLifeDays: 20 });
  await page.goto(`${store.url}#/compras`);
  await page.getByLabel('Proveedor').selectOption({ label: 'Lácteos La Cuenca SA' });
  await page.getByLabel('Punto de venta').fill('3');
  await page.getByLabel('Número').fill('1234');
  const scan = page.getByRole('textbox', { name: 'Escanear producto recibido' });
  await scan.fill('7790001000019');
  await scan.press('Enter');
  await expect(page.getByLabel('Cantidad de Leche entera 1 l')).toHaveValue('1');
  await page.getByLabel('Cantidad de Leche entera 1 l').fill('24');
  await page.getByLabel('Costo de Leche entera 1 l').fill('1.012,50');
  await page.getByLabel('Lote de Leche entera 1 l').fill('L2611');
  await page.getByLabel('Vencimiento de Leche entera 1 l').fill('10/12/2026');
  await expect(page.getByTestId('receipt-total')).toHaveText('Total $ 29.403,00');
  await page.screenshot({ path: 'test-results/screens/compras.png' });
  await page.keyboard.press('F10');
  await expect(page.getByText('Recepción registrada: Lácteos La Cuenca SA, $ 29.403,00')).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Últimas recepciones' })).toContainText('A 00003-00001234');

  const product = await store.rpc<{ id: string; onHand: number; avgCost: number }>('products.get', { sku: 'LAC-1' });
  expect(product.data).toMatchObject({ onHand: 24_000, avgCost: 101_250 });
  const lots = await store.rpc<{ code: string; expiry: string; onHand: number }[]>('stock.lots', { productId: product.data!.id });
  expect(lots.data).toEqual([{ id: expect.any(String), code: 'L2611', expiry: '2026-12-10', onHand: 24_000 }]);

  // The same invoice again is refused, and nothing moves. Code and quantity typed in one go: the quantity is the line's.
  await page.getByLabel('Número').fill('1234');
  await scan.click();
  await page.keyboard.type('7790001000019\n12\n');
  await expect(page.getByLabel('Cantidad de Leche entera 1 l')).toHaveValue('12');
  await expect(scan).toHaveValue('');
  await page.keyboard.press('F10');
  await expect(page.getByRole('alert')).toContainText('ya se recibió');
  expect((await store.rpc<{ onHand: number }>('products.get', { sku: 'LAC-1' })).data!.onHand).toBe(24_000);
});

test('run a blind count with a difference and approve it', async ({ page, store }) => {
  await store.rpc('suppliers.create', { cuit: CUIT, name: 'Distribuidora' });
  const created = await store.rpc<{ id: string }>('products.create', { sku: 'ARR-1', name: 'Arroz Gallo Oro 1 kg', category: 'Almacén', price: 249000, barcodes: ['7790001000019'] });
  await store.rpc('products.create', { sku: 'FID-1', name: 'Fideos Matarazzo 500 g', category: 'Almacén', price: 179000 });
  await store.rpc('products.create', { sku: 'ACE-1', name: 'Aceite de girasol 1,5 l', category: 'Almacén', price: 320000, barcodes: ['7790001000026'] });
  await store.rpc('receipts.post', { supplierCuit: CUIT, docType: 'A', pos: 1, number: 1, date: '2026-11-20', confirmDate: true, lines: [{ productId: created.data!.id, qty: 10_000, unitCost: 150_000 }] });

  await page.goto(`${store.url}#/inventario`);
  await expect(page.getByRole('heading', { name: 'Inventario' })).toBeVisible();
  await page.keyboard.press('F3');
  await page.getByRole('dialog', { name: 'Nuevo conteo' }).getByLabel('Categoría').selectOption('Almacén');
  await page.getByRole('button', { name: /Empezar/ }).click();
  await expect(page.getByRole('heading', { name: 'Conteo de Almacén' })).toBeVisible();
  // After Empezar the next keystroke is a scan: the scanner types digits and Enter, then the quantity.
  const scan = page.getByRole('textbox', { name: 'Escanear producto contado' });
  const table = page.getByRole('table', { name: 'Productos del conteo' });
  await expect(scan).toBeFocused();
  await page.keyboard.type('7790001000019\n');
  await expect(page.getByLabel('Arroz Gallo Oro 1 kg')).toBeFocused();
  await page.keyboard.type('8\n');
  await expect(scan).toBeFocused();
  // Code, quantity and Enter in one go, faster than the lookup: nothing typed is lost or taken for a code.
  await page.keyboard.type('7790001000026\n0\n');
  await expect(table.getByRole('row', { name: /Aceite de girasol/ })).toContainText('0 un');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(scan).toBeFocused();
  // Blind: what the system expects is not on screen while counting.
  await expect(table.getByRole('row', { name: /Arroz Gallo Oro/ })).toContainText('8 un');
  await expect(table).not.toContainText('Esperado');
  await expect(table).not.toContainText('10 un');

  await page.getByRole('button', { name: 'Cerrar conteo' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Cerrar conteo' }).click();
  await expect(table.getByRole('row', { name: /Arroz Gallo Oro/ })).toContainText('-2 un');
  await expect(table.getByRole('row', { name: /Fideos Matarazzo/ })).toContainText('sin contar');
  // Differences first, then what matched, then what was not counted.
  await expect(table.getByRole('row').nth(1)).toContainText('Arroz Gallo Oro');
  await expect(table.getByRole('row').nth(2)).toContainText('Aceite de girasol');
  await expect(table.getByRole('row').nth(3)).toContainText('Fideos Matarazzo');
  await page.screenshot({ path: 'test-results/screens/inventario.png' });
  await page.getByRole('button', { name: 'Aprobar diferencias' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Aprobar' }).click();
  await expect(page.getByText('Aprobado', { exact: true })).toBeVisible();
  expect((await store.rpc<{ onHand: number }>('products.get', { sku: 'ARR-1' })).data!.onHand).toBe(8_000);
  expect((await store.rpc<{ onHand: number }>('products.get', { sku: 'FID-1' })).data!.onHand).toBe(0);

  // The history, filtered by category and state.
  await page.keyboard.press('Escape');
  const counts = page.getByRole('table', { name: 'Conteos' });
  await expect(counts.getByRole('row', { name: /Conteo de Almacén/ })).toContainText('Aprobado');
  await page.getByRole('group', { name: 'Filtros' }).getByLabel('Estado').selectOption('abierto');
  await expect(counts.getByRole('row', { name: /Conteo de Almacén/ })).toHaveCount(0);
  await expect(page.getByText('No hay conteos con estos filtros.')).toBeVisible();
  await page.getByRole('group', { name: 'Filtros' }).getByLabel('Estado').selectOption('aprobado');
  await page.getByRole('group', { name: 'Filtros' }).getByLabel('Categoría').selectOption('Almacén');
  await expect(counts.getByRole('row', { name: /Conteo de Almacén/ })).toHaveCount(1);
});

test('order from a supplier, send it as PDF, and receive the goods against it', async ({ page, store }) => {
  await store.rpc('suppliers.create', { cuit: CUIT, name: 'Distribuidora Norte SA' });
  await store.rpc('products.create', { sku: 'YER-1', name: 'Yerba mate Playadito 1 kg', category: 'Almacén', price: 689000, cost: 400000, barcodes: ['7790001000019'], packSize: 10 });
  await page.goto(`${store.url}#/compras`);
  await page.getByRole('tab', { name: 'Pedidos' }).click();
  await page.getByRole('button', { name: 'Nuevo pedido' }).click();
  await page.locator('#po-supplier').selectOption({ label: 'Distribuidora Norte SA' });
  await page.keyboard.press('F2');
  await page.getByRole('searchbox', { name: 'Nombre, código o código de barras' }).fill('playadito');
  await expect(page.getByRole('option', { name: /Yerba mate Playadito 1 kg/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Cantidad pedida de Yerba mate Playadito 1 kg')).toHaveValue('10');
  await page.getByLabel('Cantidad pedida de Yerba mate Playadito 1 kg').fill('20');
  const downloaded = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Enviar (PDF)' }).click();
  expect((await downloaded).suggestedFilename()).toBe('pedido-000001.pdf');
  await expect(page.getByText('Enviado', { exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/compras-pedido.png' });

  await page.getByRole('button', { name: 'Recibir mercadería' }).click();
  await expect(page.getByText(/Recibiendo contra el pedido N° 000001/)).toBeVisible();
  await expect(page.getByLabel('Cantidad de Yerba mate Playadito 1 kg')).toHaveValue('20');
  await page.getByLabel('Cantidad de Yerba mate Playadito 1 kg').fill('12');
  await page.getByLabel('Punto de venta').fill('2');
  await page.getByLabel('Número').fill('555');
  await page.keyboard.press('F10');
  await expect(page.getByText(/Recepción registrada: Distribuidora Norte SA/)).toBeVisible();
  const orders = await store.rpc<{ items: { status: string }[] }>('purchaseOrders.list', {});
  expect(orders.data!.items[0]!.status).toBe('parcial');
  expect((await store.rpc<{ onHand: number }>('products.get', { sku: 'YER-1' })).data!.onHand).toBe(12_000);
});

test('add a supplier with a valid CUIT, and refuse a wrong check digit beside the field', async ({ page, store }) => {
  await page.goto(`${store.url}#/proveedores`);
  await expect(page.getByRole('heading', { name: 'Proveedores' })).toBeVisible();
  await page.keyboard.press('F3');
  const dialog = page.getByRole('dialog', { name: 'Nuevo proveedor' });
  await dialog.getByLabel('Razón social').fill('Distribuidora Norte SA');
  await dialog.getByLabel('CUIT').fill('30-71234567-2');
  await dialog.getByLabel('Lu', { exact: true }).check();
  await dialog.getByLabel('Ju', { exact: true }).check();
  await dialog.getByLabel('Razón social').press('Enter');
  await expect(dialog.locator('#sup-cuit-error')).toHaveText('El CUIT 30-71234567-2 no es válido: revisá el último dígito');
  await dialog.getByLabel('CUIT').fill('30-71234567-1');
  await dialog.getByLabel('Razón social').press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('row', { name: /Distribuidora Norte SA/ })).toContainText('30-71234567-1');
  await expect(page.getByRole('row', { name: /Distribuidora Norte SA/ })).toContainText('Lu Ju');
});
